from django.urls import path

from academy.outcomes import device_views, registry_views, views

app_name = "outcomes"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("cases/<int:case_id>/", views.case_follow_ups, name="case"),
    path("cases/<int:case_id>/follow-ups.ics", views.case_calendar, name="case_ics"),
    path("follow-ups/<int:follow_up_id>/", views.detail, name="follow_up"),
    path("follow-ups/<int:follow_up_id>/record/", views.record, name="record"),
    path(
        "follow-ups/<int:follow_up_id>/device-report/",
        device_views.device_report,
        name="device_report",
    ),
    path("photos/<int:photo_id>/", views.photo, name="photo"),
    path("registry/", registry_views.registry, name="registry"),
    path("registry.csv", registry_views.registry_csv, name="registry_csv"),
    path("registry/sharing/", registry_views.sharing, name="sharing"),
]
