"""Error pages (400, 403, 404, 500, CSRF failure), styled and with the navigation.

A 403 says why: the access helpers raise PermissionDenied with a sentence for people
("This page is for academy admins."), and that sentence is shown.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render

log = logging.getLogger(__name__)

PLAIN_500 = (
    "<!doctype html><title>Something went wrong</title><h1>Something went wrong</h1>"
    "<p>The error has been logged. Please try again in a moment.</p>"
)


def _reason(exception: Exception | None, default: str) -> str:
    message = str(exception.args[0]) if exception and exception.args else ""
    # Django's own 404/403 messages for developers ("No Course matches the given query.",
    # resolver dictionaries) are not for visitors; ours are sentences ending with a full stop.
    return message if message.endswith(".") and "{" not in message else default


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    reason = _reason(exception, "You do not have access to this page.")
    return render(request, "403.html", {"reason": reason}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the page itself failed (database down?): say it plainly
        log.exception("the 500 page could not be rendered")
        return HttpResponseServerError(PLAIN_500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    message = (
        "This form had expired or came from another site, so it was not sent. "
        "Go back, reload the page and try again."
    )
    return render(request, "403.html", {"reason": message}, status=403)
