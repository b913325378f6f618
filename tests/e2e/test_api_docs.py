"""The interactive API docs render offline, from the package's own assets, under our CSP."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect


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
    expect(page.locator(".opblock").first).to_be_visible(timeout=20_000)
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
