from django.urls import path

from academy.practice import checkin_views, teach_views, views, volunteer_views

app_name = "practice"

urlpatterns = [
    path("practice/", views.home, name="home"),
    path("practice/sessions/", views.my_sessions, name="my_sessions"),
    path("practice/sessions/<int:session_id>/book/", views.book, name="book"),
    path("practice/bookings/<int:booking_id>/cancel/", views.cancel, name="cancel"),
    path("practice/runs/<int:run_id>/sessions/new/", views.session_create, name="session_create"),
    path("practice/sessions/<int:session_id>/edit/", views.session_edit, name="session_edit"),
    path(
        "practice/sessions/<int:session_id>/volunteer/",
        volunteer_views.apply,
        name="volunteer",
    ),
    path(
        "practice/applications/<int:application_id>/",
        volunteer_views.application,
        name="application",
    ),
    path(
        "practice/applications/<int:application_id>/accept/",
        volunteer_views.accept,
        name="accept",
    ),
    path(
        "practice/applications/<int:application_id>/decline/",
        volunteer_views.decline,
        name="decline",
    ),
    path(
        "practice/applications/<int:application_id>/aftercare/",
        volunteer_views.send_aftercare,
        name="aftercare",
    ),
    path(
        "practice/applications/<int:application_id>/export/",
        volunteer_views.export,
        name="export",
    ),
    path("practice/applications/<int:application_id>/erase/", volunteer_views.erase, name="erase"),
    path(
        "practice/academies/<int:provider_id>/retention/",
        volunteer_views.retention,
        name="retention",
    ),
    path("practice/checkin/<str:token>/", checkin_views.checkin_page, name="checkin"),
    path(
        "teach/sessions/<int:session_id>/checkin/",
        checkin_views.checkin_code,
        name="checkin_code",
    ),
    path("teach/", teach_views.teach, name="teach"),
    path("teach/runs/<int:run_id>/", teach_views.teach_run, name="teach_run"),
    path(
        "teach/bookings/<int:booking_id>/attendance/",
        teach_views.attendance,
        name="attendance",
    ),
]
