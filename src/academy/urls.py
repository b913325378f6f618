from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Threadlift Academy staff admin"

urlpatterns = [
    path("", include("academy.site.urls")),
    path("accounts/", include("academy.accounts.urls")),
    path("", include("academy.catalog.urls")),
    path("knowledge/", include("academy.reference.urls")),
    path("toolkit/", include("academy.clinic.urls")),
    path("", include("academy.practice.urls")),
    path("learn/", include("academy.learning.urls")),
    path("academy/content/", include("academy.authoring.urls")),
    path("academy/packages/", include("academy.packages.urls")),
    path("logbook/", include("academy.logbook.urls")),
    path("outcomes/", include("academy.outcomes.urls")),
    path("portfolio/", include("academy.cpd.urls")),
    path("evaluations/", include("academy.evaluations.urls")),
    path("simulator/", include("academy.simulator.urls")),
    path("lti/", include("academy.lti.urls")),
    path("staff/", admin.site.urls),
    path("", include("academy.api.urls")),
    path("", include("academy.credentials.urls")),
]

# Styled error pages with the navigation (issue 10).
handler400 = "academy.core.errors.bad_request"
handler403 = "academy.core.errors.permission_denied"
handler404 = "academy.core.errors.page_not_found"
handler500 = "academy.core.errors.server_error"
