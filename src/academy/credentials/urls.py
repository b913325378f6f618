from django.urls import path

from academy.credentials import admin_views, views

app_name = "credentials"

urlpatterns = [
    # public: did:web documents, status lists, verification
    path("academies/<slug:slug>/did.json", views.did_json, name="did"),
    path("academies/<slug:slug>/status/<str:purpose>.json", views.status_list, name="status_list"),
    path("credentials/", views.home, name="home"),
    path("credentials/mine/", views.wallet, name="wallet"),
    path("credentials/mine/enrolments/<int:enrolment_id>/", views.checklist, name="checklist"),
    path("credentials/mine/<str:credential_id>/certificate.pdf", views.certificate_pdf, name="pdf"),
    path("credentials/mine/<str:credential_id>/badge.<str:fmt>", views.badge, name="badge"),
    path("credentials/<str:credential_id>/", views.verify, name="verify"),
    path("credentials/<str:credential_id>/credential.json", views.credential_json, name="json"),
    # academy admins
    path("certificates/", admin_views.register, name="register"),
    path("certificates/cpd/", admin_views.cpd, name="cpd"),
    path("certificates/providers/<int:provider_id>/rotate-key/", admin_views.rotate, name="rotate"),
    path("certificates/providers/<int:provider_id>/look/", admin_views.look, name="look"),
    path(
        "certificates/providers/<int:provider_id>/look/<str:which>.png",
        admin_views.look_image,
        name="look_image",
    ),
    path("certificates/courses/<int:course_id>/rules/", admin_views.rules, name="rules"),
    path(
        "certificates/courses/<int:course_id>/rules/<int:rule_id>/delete/",
        admin_views.rule_delete,
        name="rule_delete",
    ),
    path(
        "certificates/enrolments/<int:enrolment_id>/", admin_views.enrolment, name="admin_enrolment"
    ),
    path(
        "certificates/enrolments/<int:enrolment_id>/rules/<int:rule_id>/mark/",
        admin_views.mark,
        name="mark",
    ),
    path("certificates/enrolments/<int:enrolment_id>/issue/", admin_views.issue, name="issue"),
    path("certificates/<str:credential_id>/", admin_views.detail, name="admin_detail"),
    path("certificates/<str:credential_id>/approve/", admin_views.approve, name="approve"),
    path("certificates/<str:credential_id>/renew/", admin_views.renew, name="renew"),
    path("certificates/<str:credential_id>/<str:action>/", admin_views.change, name="change"),
]
