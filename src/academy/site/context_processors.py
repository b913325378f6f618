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
def _url(url_name: str, script_prefix: str, urlconf: object) -> str:
    """An entry's address: the same for every request under one script prefix and URL
    configuration, so each is reversed once a process (issue 25)."""
    return reverse(url_name)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    if signed_in and second_factor_pending(request):
        signed_in = False  # until the second factor is given, only the public entries lead on
    items = []
    for item in NAV:
        if item.roles is None:
            visible = True
        elif not signed_in:
            visible = False
        else:
            assert isinstance(user, User)
            visible = not item.roles or any(user.has_role(role) for role in item.roles)
        if visible:
            url = _url(item.url_name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
            items.append(
                {
                    "label": item.label,
                    "url": url,
                    "current": request.path.startswith(url) and url != "/",
                }
            )
    return {"nav_items": items}
