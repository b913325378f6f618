from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Threadlift Academy staff admin"

urlpatterns = [
    path("", include("academy.core.urls")),
    path("accounts/", include("academy.accounts.urls")),
    path("", include("academy.catalog.urls")),
    path("knowledge/", include("academy.reference.urls")),
    path("toolkit/", include("academy.clinic.urls")),
    path("staff/", admin.site.urls),
    path("", include("academy.api.urls")),
]
