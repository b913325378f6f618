"""URLs of the api app: `/api/v1/` (ninja) and the token pages under /accounts/tokens/."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import include, path, re_path

from academy.api import views
from academy.api.errors import error_response
from academy.api.main import api


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other URL under /api/: the error shape rather than the site's HTML 404 page."""
    return error_response(404, f"No API operation at {request.path}.")


token_patterns = (
    [
        path("", views.token_list, name="list"),
        path("<int:token_id>/revoke/", views.token_revoke, name="revoke"),
    ],
    "tokens",
)

urlpatterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", not_found),
    path("accounts/tokens/", include(token_patterns)),
]
