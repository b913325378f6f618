"""The site's URLs plus the benchmark floor: a bare Django view behind the same middleware."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def floor(request: HttpRequest) -> HttpResponse:
    """The least a Django page can cost in this server: routing, middleware, a tiny response."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("_bench/floor", floor),
    path("", include("academy.urls")),
]
