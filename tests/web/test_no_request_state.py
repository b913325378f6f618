"""No module-level state carries request data (issue 25: several app servers, several threads).

After requests that carry a unique marker (a search, a failed log-in, a volunteer application,
an API call with its header and query), nothing reachable from the module globals of
`academy.*` or `threadlift.*` holds the marker: whatever a request leaves behind is in the
database, the cache or the session, which every server shares."""

from __future__ import annotations

import sys
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from academy.accounts.models import User
from tests.web.conftest import client_for
from tests.web.practice.helpers import VOLUNTEER, run_for, session_for

pytestmark = pytest.mark.django_db
OURS = ("academy", "threadlift")


def holders_of(marker: str) -> list[str]:
    """Where, under our modules' globals, the marker is found (a path per find)."""
    seen: set[int] = set()
    found: list[str] = []

    def visit(value: Any, path: str, depth: int) -> None:
        if id(value) in seen or depth > 6:
            return
        seen.add(id(value))
        if isinstance(value, str | bytes):
            if (marker if isinstance(value, str) else marker.encode()) in value:
                found.append(path)
        elif isinstance(value, dict):
            for key, item in list(value.items()):
                visit(key, f"{path}[key]", depth + 1)
                visit(item, f"{path}[{key!r}]", depth + 1)
        elif isinstance(value, list | tuple | set | frozenset):
            for n, item in enumerate(list(value)):
                visit(item, f"{path}[{n}]", depth + 1)
        elif type(value).__module__.startswith(OURS) and hasattr(value, "__dict__"):
            visit(vars(value), f"{path}.__dict__", depth + 1)

    for name, module in list(sys.modules.items()):
        if name.startswith(OURS) and module is not None:
            for attr, value in list(vars(module).items()):
                if not attr.startswith("__"):
                    visit(value, f"{name}.{attr}", 0)
    return found


def test_requests_leave_nothing_in_module_globals(lena: User) -> None:
    marker = f"mk{uuid.uuid4().hex}"
    session = session_for(run_for(), places=5)
    anonymous = Client(HTTP_X_FORWARDED_FOR=marker, HTTP_USER_AGENT=marker)
    anonymous.get(f"/courses/?q={marker}")
    anonymous.post("/accounts/login/", {"username": f"{marker}@example.org", "password": marker})
    anonymous.post(
        reverse("practice:volunteer", args=[session.pk]),
        {**VOLUNTEER, "full_name": marker, "email": f"{marker}@example.org"},
    )
    anonymous.get(f"/api/v1/engines/zones?view=frontal&x={marker}")
    anonymous.get("/api/v1/me/enrolments", headers={"Authorization": f"Bearer tla_{marker}"})
    client_for(lena).get(f"/dashboard/?next={marker}")
    assert holders_of(marker) == []


def test_the_search_would_find_a_marker_left_in_module_state() -> None:
    from academy.core import client_address

    marker = f"mk{uuid.uuid4().hex}"
    client_address.__dict__["_left_behind"] = {"request": [marker]}
    try:
        assert holders_of(marker) == ["academy.core.client_address._left_behind['request'][0]"]
    finally:
        del client_address.__dict__["_left_behind"]
