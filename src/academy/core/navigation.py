"""The navigation: each entry names the roles that may use it, so nobody sees a dead end.

"My profile" is the signed-in person's name in the account box (base.html), not an entry here.

`roles=None` means public; an empty tuple means any signed-in user.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: tuple[str, ...] | None = None  # role names (accounts' Role values)


NAV: list[NavItem] = [
    NavItem("Dashboard", "core:dashboard", ()),
    # "Verification" (accounts) and every feature app's entries are registered by their apps.
]


def register(item: NavItem, *, before: str | None = None) -> None:
    """Feature apps add their entries at import time (from their AppConfig.ready)."""
    if any(existing.url_name == item.url_name for existing in NAV):
        return
    if before is not None:
        for index, existing in enumerate(NAV):
            if existing.url_name == before:
                NAV.insert(index, item)
                return
    NAV.append(item)
