from django.urls import path

from academy.catalog import admin_views, archive, declaration_views, views

app_name = "catalog"

urlpatterns = [
    path("courses/", views.catalog_list, name="list"),
    path("courses/compare/", views.compare, name="compare"),
    path("courses/runs/<int:run_id>/", views.run_detail, name="run"),
    path("courses/runs/<int:run_id>/enrol/", views.enrol, name="enrol"),
    path("courses/enrolments/<int:enrolment_id>/cancel/", views.cancel_enrolment, name="cancel"),
    path("courses/trainers/<int:user_id>/", views.trainer_detail, name="trainer"),
    path("courses/<slug:provider_slug>/", views.provider_detail, name="provider"),
    path("courses/<slug:provider_slug>/<slug:course_slug>/", views.course_detail, name="course"),
    path("academy/", admin_views.provider_home, name="provider_home"),
    path("academy/declaration/", declaration_views.declaration, name="declaration"),
    path(
        "academy/providers/<int:provider_id>/courses/new/",
        admin_views.course_create,
        name="course_create",
    ),
    path("academy/courses/<int:course_id>/edit/", admin_views.course_edit, name="course_edit"),
    path(
        "academy/courses/<int:course_id>/publish/",
        admin_views.course_publish,
        name="course_publish",
    ),
    path("academy/courses/<int:course_id>/runs/new/", admin_views.run_create, name="run_create"),
    path("academy/runs/<int:run_id>/edit/", admin_views.run_edit, name="run_edit"),
    path("academy/runs/<int:run_id>/publish/", admin_views.run_publish, name="run_publish"),
    path("academy/runs/<int:run_id>/cancel/", admin_views.run_cancel, name="run_cancel"),
    path("academy/runs/<int:run_id>/roster/", admin_views.roster, name="roster"),
    path("academy/courses/<int:course_id>/archive/", archive.course_archive, name="course_archive"),
    path("academy/runs/<int:run_id>/archive/", archive.run_archive, name="run_archive"),
]
