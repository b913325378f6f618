"""How django-axes identifies a log-in attempt: by account (the e-mail as typed, normalised) and
by client address (academy.core.client_address, as every rate limit). Configured in settings
(AXES_USERNAME_CALLABLE, AXES_CLIENT_IP_CALLABLE)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def login_identity(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """`Lena@Example.org ` and `lena@example.org` are one account, so they share one counter."""
    raw = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if raw is None and request is not None:
        raw = request.POST.get(settings.AXES_USERNAME_FORM_FIELD, "")
    return str(raw or "").strip().lower()


def lockout_reset_for(email: str) -> None:
    """Unlock an account (after a successful password reset)."""
    from axes.utils import reset

    reset(username=email.strip().lower())


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """The page shown instead of the log-in form while an account or address is locked."""
    return render(
        request,
        "accounts/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": settings.AXES_COOLOFF_MINUTES},
        status=429,
    )
