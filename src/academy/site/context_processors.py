from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
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


@lru_cache(maxsize=16)
def _site_links(script_prefix: str, urlconf: object) -> dict[str, str]:
    """The addresses every page's frame (base.html) links to, worked out once a process: a
    `{% url %}` or `{% static %}` tag costs more than a variable, on every page (issue 25)."""
    pages = {
        "home": "core:home",
        "about": "core:about",
        "profile": "accounts:profile",
        "login": "accounts:login",
        "logout": "accounts:logout",
        "signup": "accounts:signup",
    }
    files = {"favicon": "img/favicon.svg", "css": "css/site.css", "scroll_js": "js/scroll-boxes.js"}
    return {
        **{key: reverse(name) for key, name in pages.items()},
        **{key: static(path) for key, path in files.items()},
    }


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    if signed_in and second_factor_pending(request):
        signed_in = False  # until the second factor is given, only the public entries lead on
    roles = frozenset(user.roles) if signed_in and isinstance(user, User) else frozenset()
    prefix, urlconf = get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF
    entries = _entries(signed_in, roles, prefix, urlconf)
    path = request.path
    return {
        "site_links": _site_links(prefix, urlconf),
        "nav_items": [
            {"label": label, "url": url, "current": url != "/" and path.startswith(url)}
            for label, url in entries
        ],
    }
