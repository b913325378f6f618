"""Every page of every role passes axe-core (no critical or serious violation, headings in order).

The demo data is loaded and each demo account (and a visitor) walks the site from its home and
dashboard, following every link to one of our HTML pages; each kind of page (Django view) is
checked once per account. The accounts sign in by session cookie (with the second factor passed),
so no authenticator code is typed against the clock.
"""

from __future__ import annotations

import io
from collections import deque
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve
from playwright.sync_api import Browser, BrowserContext, Error

from academy.accounts.demo import DEMO_DOMAIN
from academy.accounts.models import User
from tests.e2e.accessibility import describe, violations
from tests.web.conftest import client_for

START = ["/", "/dashboard/"]
# Not pages (the API and its docs, files, log-out); Django's admin site is skipped by namespace.
SKIP_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/accounts/logout")
MOST_PAGES_PER_ACCOUNT = 150
# One demo account per role: learner, trainer, academy admin (also a registration verifier).
ROLES = [f"{name}{DEMO_DOMAIN}" for name in ("learner", "trainer", "admin")]


def _context_for(browser: Browser, base: str, user: User | None) -> BrowserContext:
    context = browser.new_context(base_url=base, viewport={"width": 1200, "height": 900})
    if user is not None:
        session = client_for(user).cookies["sessionid"].value
        host = urlsplit(base).hostname or "localhost"
        context.add_cookies([{"name": "sessionid", "value": session, "domain": host, "path": "/"}])
    return context


def _kind(path: str) -> str | None:
    """The Django view behind a path (one visit per kind), or None for what is not ours."""
    if path.startswith(SKIP_PREFIXES):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return None if match.namespace == "admin" else match.view_name  # Django's own admin


def walk(context: BrowserContext, base: str) -> tuple[list[str], list[str]]:
    """The pages visited and the reports of those that fail."""
    page = context.new_page()
    queue: deque[str] = deque(START)
    seen_kinds: set[str] = set()
    visited: list[str] = []
    reports: list[str] = []
    while queue and len(visited) < MOST_PAGES_PER_ACCOUNT:
        url = queue.popleft()
        kind = _kind(urlsplit(url).path)
        if kind is None or kind in seen_kinds:
            continue
        seen_kinds.add(kind)
        head = context.request.get(base + url, max_redirects=0)
        if head.status != 200 or "text/html" not in head.headers.get("content-type", ""):
            continue
        try:
            page.goto(base + url)
        except Error:  # a download
            continue
        visited.append(url)
        if found := violations(page):
            reports.append(describe(url, found))
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            href = urldefrag(href).url
            if href.startswith(base):
                queue.append(href[len(base) :] or "/")
    page.close()
    return visited, reports


@pytest.mark.django_db(transaction=True)
def test_every_page_of_every_demo_account_has_no_serious_accessibility_violation(
    live_server: Any, browser: Browser
) -> None:
    call_command("load_demo", force=True, stdout=io.StringIO())
    accounts: list[User | None] = [None, *(User.objects.get(email=e) for e in ROLES)]
    reports: list[str] = []
    kinds_visited: set[str] = set()
    for user in accounts:
        context = _context_for(browser, live_server.url, user)
        visited, found = walk(context, live_server.url)
        context.close()
        who = user.email if user else "a visitor"
        assert len(visited) >= 3, f"{who} reached only {visited}"
        kinds_visited.update(str(_kind(urlsplit(u).path)) for u in visited)
        reports.extend(f"[{who}] {report}" for report in found)
    assert len(kinds_visited) >= 40, sorted(kinds_visited)  # the walk really covers the site
    assert not reports, "axe-core found violations:\n" + "\n".join(reports)
