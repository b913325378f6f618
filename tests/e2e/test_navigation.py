"""The navigation stays on one line at 1280 px for the account with the most links, and the
site has a favicon — in Chromium. Before: the admin's navigation wrapped onto two lines."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from academy.accounts.models import Role
from academy.accounts.services import role_assign
from tests.e2e.helpers import log_in
from tests.web.conftest import make_user


@pytest.mark.django_db(transaction=True)
def test_the_navigation_of_the_account_with_every_role_fits_one_line_at_1280_px(
    live_server: Any, page: Page, shot: Any
) -> None:
    # Made as an academy admin, so it has the authenticator the log-in helper answers with.
    user = make_user("all@example.org", "Dr Alexandra Montgomery-Fitzwilliam", Role.ACADEMY_ADMIN)
    for role in Role:
        role_assign(user=user, role=role)
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server.url, "all@example.org")
    tops = page.eval_on_selector_all(
        ".main-nav li", "els => els.map(e => Math.round(e.getBoundingClientRect().top))"
    )
    assert len(tops) >= 7
    assert len(set(tops)) == 1, tops  # one line
    row = page.eval_on_selector(
        ".header-row",
        "e => { const s = getComputedStyle(e); const r = e.getBoundingClientRect();"
        " return [r.right - parseFloat(s.paddingRight), r.height]; }",
    )
    account_right = page.eval_on_selector(".account-box", "e => e.getBoundingClientRect().right")
    assert account_right <= row[0] + 0.5  # nothing pushed past the page edge
    last_right = page.eval_on_selector(
        ".main-nav li:last-child", "e => e.getBoundingClientRect().right"
    )
    assert last_right <= row[0] + 0.5, (last_right, row[0])  # every entry inside the page
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    shot("nav-1280-e2e")


@pytest.mark.django_db(transaction=True)
def test_every_page_links_our_svg_favicon(live_server: Any, page: Page) -> None:
    page.goto(live_server.url + "/")
    href = page.get_attribute("link[rel=icon]", "href")
    assert href is not None
    assert href.endswith(".svg")
    response = page.request.get(live_server.url + href)
    assert response.ok
    assert b"<svg" in response.body()
