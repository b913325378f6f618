from django.urls import path

from academy.reference import views

app_name = "knowledge"

urlpatterns = [
    path("", views.index, name="index"),
    path("threads/", views.threads, name="threads"),
    path("danger-zones/", views.zones, name="zones"),
    path("danger-zones/<str:view>.svg", views.zones_drawing, name="zones_drawing"),
    path("complications/", views.complications, name="complications"),
    path("regulation/", views.regulation, name="regulation"),
    path("bibliography/", views.bibliography, name="bibliography"),
    path("curriculum/", views.curriculum, name="curriculum"),
]
