"""Input no page can use is refused before it reaches a view or the database (issue 25):

- a NUL character in the path, the query string or a submitted form field: 400 (PostgreSQL
  cannot store one in text, and no visitor types one);
- a whole-number part of a page's address beyond the database's 64-bit integers: 404 (no row
  has such an id; SQLite would fail the query with an overflow instead of finding nothing).

The JSON API (/api/) answers these in its own error shape, so it is left to the API.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse, QueryDict

MAX_ID = 2**63 - 1  # the largest value of a 64-bit signed integer column
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(data: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in data.lists())


class InputGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            if "\x00" in request.path or _has_nul(request.GET):
                raise BadRequest("The address contains a NUL character.")
            if (
                request.method == "POST"
                and request.content_type in FORM_TYPES
                and _has_nul(request.POST)
            ):
                raise BadRequest("The form contains a NUL character.")
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> None:
        for value in (*view_args, *view_kwargs.values()):
            if isinstance(value, int) and not -MAX_ID <= value <= MAX_ID:
                raise Http404("No such page.")
