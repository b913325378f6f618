from django.urls import path

from academy.site import views

# The namespace is still "core" (it was these pages' home before the platform was split from
# them): every {% url "core:dashboard" %} and redirect keeps working.
app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
]
