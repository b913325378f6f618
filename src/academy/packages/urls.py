from django.urls import path

from academy.packages import views

app_name = "packages"

urlpatterns = [
    path("<int:provider_id>/", views.index, name="index"),
    path("<int:provider_id>/scorm/<str:module_id>.zip", views.scorm, name="scorm"),
    path("<int:provider_id>/qti.zip", views.qti, name="qti"),
]
