from django.urls import path

from academy.logbook import downloads, review_views, views, wba_views

app_name = "logbook"

urlpatterns = [
    path("", review_views.mine, name="mine"),
    path("queue/", review_views.queue, name="queue"),
    path("cases/new/", views.case_new, name="case_new"),
    path("cases/<int:case_id>/", views.case_detail, name="case"),
    path("cases/<int:case_id>/edit/", views.case_edit, name="case_edit"),
    path("cases/<int:case_id>/photos/", views.photo_upload, name="photo_upload"),
    path("cases/<int:case_id>/dops/", review_views.dops_request_view, name="dops_request"),
    path("cases/<int:case_id>/sign/", review_views.case_sign, name="case_sign"),
    path("photos/<int:photo_id>/", views.photo, name="photo"),
    path("dops/<int:dops_id>/", review_views.dops_detail, name="dops"),
    path("learners/<int:learner_id>/", review_views.learner, name="learner"),
    path("learners/<int:learner_id>/logbook.pdf", downloads.logbook_pdf, name="pdf"),
    path("learners/<int:learner_id>/logbook.csv", downloads.logbook_csv, name="csv"),
    path(
        "learners/<int:learner_id>/courses/<int:course_id>/sign-off/",
        review_views.competency_sign,
        name="competency_sign",
    ),
    path("courses/<int:course_id>/rules/", review_views.rules, name="rules"),
    # workplace-based assessment beside DOPS (wba_views)
    path("wba/", wba_views.wba_list, name="wba_list"),
    path("wba/request/", wba_views.wba_request_view, name="wba_request"),
    path("wba/confirm/", wba_views.wba_confirm_list, name="wba_confirm_list"),
    path("wba/<int:wba_id>/", wba_views.wba_detail, name="wba"),
    path("wba/<int:wba_id>/complete/", wba_views.wba_complete_view, name="wba_complete"),
    path("wba/<int:wba_id>/confirm/", wba_views.wba_confirm_view, name="wba_confirm"),
    path("wba/<int:wba_id>/resend/", wba_views.wba_resend, name="wba_resend"),
    path("wba/external/<str:token>/", wba_views.wba_external, name="wba_external"),
]
