"""A visitor reads the knowledge base in Chromium: searches the complications handbook for a
symptom, sees its red flag, filters the regulation table and follows a citation."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page, Response, expect


def watch(page: Page) -> list[str]:
    """Collect failed responses (the browser's own favicon probe aside) and CSP violations."""
    errors: list[str] = []

    def on_response(response: Response) -> None:
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            errors.append(f"{response.status} {response.url}")

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            errors.append(message.text)

    page.on("response", on_response)
    page.on("console", on_console)
    return errors


@pytest.mark.django_db
def test_a_visitor_searches_the_handbook_and_sees_a_red_flag(
    live_server: Any, page: Page, shot: Any
) -> None:
    errors = watch(page)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Knowledge", exact=True).click()
    expect(page.get_by_role("heading", name="Clinical knowledge base")).to_be_visible()
    shot("reference-index")

    page.get_by_role("link", name="Complications handbook").first.click()
    page.get_by_label("Search words").fill("pulsatile")
    page.get_by_role("button", name="Search").click()
    article = page.locator("#complication-sta_pseudoaneurysm")
    expect(article).to_be_visible()
    expect(page.get_by_role("heading", name="1 of")).to_be_visible()
    expect(article.locator(".red-flags")).to_contain_text("pulsatile mass")
    expect(article).to_contain_text("Refer urgently:")
    shot("reference-complications-search")

    page.goto(live_server.url + "/knowledge/complications/?severity=catastrophic")
    expect(page.get_by_text("This filter was ignored.")).to_be_visible()

    article_cite = page.locator("#complication-swelling a.cite").first
    source_id = article_cite.inner_text().strip("[]")
    article_cite.click()
    expect(page.locator(f"li#{source_id}")).to_be_visible()
    expect(page.locator(f"li#{source_id}")).to_contain_text("Cited by")
    shot("reference-bibliography")
    assert errors == [], errors


@pytest.mark.django_db
def test_a_visitor_filters_the_regulation_table_and_sees_the_zone_drawings(
    live_server: Any, page: Page, shot: Any
) -> None:
    errors = watch(page)
    page.goto(live_server.url + "/knowledge/regulation/")
    expect(page.get_by_text("set by each state", exact=False)).to_be_visible()
    page.get_by_label("Jurisdiction").select_option("IN")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("table.regulation tbody tr")
    expect(rows.first).to_contain_text("India")
    expect(rows.first.locator(".badge").first).to_have_text("Unknown")
    shot("reference-regulation-india")

    page.goto(live_server.url + "/knowledge/danger-zones/")
    for img in page.locator(".zone-figure img").all():
        assert img.evaluate("i => i.complete && i.naturalWidth > 0"), "drawing did not load"
    shot("reference-danger-zones")
    page.goto(live_server.url + "/knowledge/threads/")
    shot("reference-threads")
    assert errors == [], errors
