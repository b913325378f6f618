"""The site's URLs plus one JSON endpoint under /api/, for middleware tests."""

from django.http import HttpRequest, JsonResponse
from django.urls import include, path


def probe(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


urlpatterns = [
    path("api/probe", probe, name="api_probe"),
    path("", include("academy.urls")),
]
