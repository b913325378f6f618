"""What happens to the session at every log-in (forms, the staff admin, tests' force_login)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from academy.accounts.second_factor import remember_enrolment


def on_user_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if user.is_staff:
        # Staff sessions end sooner: a forgotten staff session opens the whole admin.
        request.session.set_expiry(settings.STAFF_SESSION_COOKIE_AGE)
    remember_enrolment(request, user)
