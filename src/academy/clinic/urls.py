from django.urls import path

from academy.clinic import care_views, views
from academy.clinic.caching import private_no_store

app_name = "clinic"

# Every toolkit response is `Cache-Control: private, no-store` (issue 10).
urlpatterns = [
    path("", private_no_store(views.index), name="index"),
    path("consultation/", private_no_store(views.consultation), name="consultation"),
    path("aftercare/", private_no_store(care_views.aftercare), name="aftercare"),
    path("triage/", private_no_store(care_views.triage_view), name="triage"),
    path("consent/", private_no_store(care_views.consent), name="consent"),
]
