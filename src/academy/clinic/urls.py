from django.urls import path

from academy.clinic import views

app_name = "clinic"

urlpatterns = [
    path("", views.index, name="index"),
    path("consultation/", views.consultation, name="consultation"),
    path("aftercare/", views.aftercare, name="aftercare"),
    path("triage/", views.triage_view, name="triage"),
]
