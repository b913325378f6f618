"""The interactive API docs render offline, from the package's own assets, under our CSP."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from academy.accounts.models import Role
from tests.web.conftest import PASSWORD, make_user


@pytest.mark.django_db(transaction=True)
def test_the_api_docs_render_offline_with_no_csp_violation(
    live_server: Any, page: Any, shot: Any
) -> None:
    console: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}"))
    page.on(
        "request",
        lambda req: None if req.url.startswith(live_server.url) else foreign.append(req.url),
    )
    page.goto(live_server.url + "/api/v1/docs")
    # Swagger UI builds the page in the browser: the suite's 30 s wait (tests/e2e/conftest.py),
    # not a shorter one of its own, the first a loaded machine would overrun
    expect(page.locator(".opblock").first).to_be_visible()
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/engines/score")).to_be_visible()
    page.locator(".opblock-summary-path", has_text="/api/v1/engines/score").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    shot("api-docs")
    assert foreign == []  # nothing from a CDN, nothing from anywhere else
    violations = [
        line for line in console if "Content Security Policy" in line or "Refused" in line
    ]
    assert violations == []
    assert not [line for line in console if line.startswith("error")], console


@pytest.mark.django_db(transaction=True)
def test_a_user_creates_a_token_sees_it_once_and_revokes_it(
    live_server: Any, page: Any, shot: Any
) -> None:
    make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    base = live_server.url
    page.goto(base + "/accounts/login/")
    page.get_by_label("E-mail").fill("lena@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="My profile").first.click()
    page.get_by_role("link", name="API tokens").first.click()
    page.get_by_label("Name").fill("clinic records")
    page.get_by_label("Read and write").check()
    page.get_by_role("button", name="Create token").click()
    expect(page.locator("#new-token")).to_contain_text("tla_")
    shot("api-token-created")
    page.get_by_role("button", name="Revoke").click()
    expect(page.locator(".badge.bad", has_text="Revoked")).to_be_visible()
    expect(page.locator("#new-token")).to_have_count(0)
    shot("api-token-revoked")
