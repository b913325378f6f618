from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from academy.accounts.models import User
from academy.accounts.second_factor import second_factor_pending
from academy.core.navigation import NAV


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
            url = reverse(item.url_name)
            items.append(
                {
                    "label": item.label,
                    "url": url,
                    "current": request.path.startswith(url) and url != "/",
                }
            )
    return {"nav_items": items}
