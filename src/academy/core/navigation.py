"""The navigation: each entry names the roles that may use it, so nobody sees a dead end.

"My profile" is the signed-in person's name in the account box (base.html), not an entry here.

`roles=None` means public; an empty tuple means any signed-in user.
"""

from __future__ import annotations

from dataclasses import dataclass

from academy.accounts.models import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: tuple[Role, ...] | None = None


NAV: list[NavItem] = [
    NavItem("Dashboard", "core:dashboard", ()),
    NavItem("Verification", "accounts:practitioners", (Role.VERIFIER,)),
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
