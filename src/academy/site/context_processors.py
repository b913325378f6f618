from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse

from academy.accounts.models import User
from academy.accounts.second_factor import second_factor_pending
from academy.core.navigation import NAV


@lru_cache(maxsize=256)
def _entries(
    signed_in: bool, roles: frozenset[str], script_prefix: str, urlconf: object
) -> tuple[tuple[str, str], ...]:
    """The (label, address) of every entry these roles may use: the same for everyone with
    the same roles under one script prefix and URL configuration, so each combination is
    worked out once a process (issue 25). Roles are the request's own, read afresh."""
    entries = []
    for item in NAV:
        if item.roles is None:
            visible = True
        elif not signed_in:
            visible = False
        else:
            visible = not item.roles or bool(roles.intersection(item.roles))
        if visible:
            entries.append((item.label, reverse(item.url_name)))
    return tuple(entries)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    if signed_in and second_factor_pending(request):
        signed_in = False  # until the second factor is given, only the public entries lead on
    roles = frozenset(user.roles) if signed_in and isinstance(user, User) else frozenset()
    entries = _entries(
        signed_in, roles, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF
    )
    path = request.path
    return {
        "nav_items": [
            {"label": label, "url": url, "current": url != "/" and path.startswith(url)}
            for label, url in entries
        ]
    }
