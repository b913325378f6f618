"""Every page of every role fits a phone: at 390 px wide (an iPhone 12–15) no page scrolls
sideways. Tables stack their rows or scroll inside their own box; the page itself never does.

Each role (anonymous, a verified learner, an unverified nurse, a trainer, the academy admin who is
also a registration verifier and staff) starts on the home page and its dashboard and follows
every link on every page it reaches, on the demo data that `make run` loads. The URL conf keeps
the list honest: every route must be reached by some role or be named below with the reason it
is not a page (a file, an action that only answers POST, a link sent by e-mail).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from academy.accounts.models import User
from academy.catalog.models import CourseRun
from academy.learning.demo import DEMO_RUN_COURSE
from academy.learning.demo import MODULE as DEMO_MODULE
from academy.logbook.wba_models import WbaAssessment
from academy.outcomes.models import FollowUpComplication
from tests.web.conftest import client_for
from tests.web.simulator.conftest import good_plan

PHONE = {"width": 390, "height": 844}
# Several URLs of one route are usually the same template with other data; two are enough to
# catch long titles and empty lists alike, and keep the walk to a few hundred page loads.
PER_ROUTE = 2

# Routes that are not pages a person reads on a phone, each with the reason.
NOT_PAGES: dict[str, str] = {
    "core:healthz": "a health probe for the load balancer (plain text)",
    "accounts:logout": "answers POST only",
    "accounts:confirm_email": "a signed link sent by e-mail; redirects to the log-in page",
    "accounts:email_confirm": "a signed link sent by e-mail; redirects to the profile",
    "accounts:email_cancel": "answers POST only",
    "accounts:mfa_remove": "answers POST only",
    "accounts:mfa_recovery_codes": "answers POST only (new codes, shown once)",
    "accounts:password_reset_confirm": "a signed link sent by e-mail",
    "accounts:verification_evidence": "a file download (the uploaded evidence)",
    "catalog:enrol": "answers POST only",
    "catalog:cancel": "answers POST only",
    "catalog:course_publish": "answers POST only",
    "catalog:run_publish": "answers POST only",
    "catalog:run_cancel": "answers POST only",
    "catalog:course_archive": "answers POST only",
    "catalog:run_archive": "answers POST only",
    "knowledge:zones_drawing": "an SVG drawing (shown inside the danger-zone page)",
    "practice:book": "answers POST only",
    "practice:cancel": "answers POST only",
    "practice:accept": "answers POST only",
    "practice:decline": "answers POST only",
    "practice:export": "a file download (the application as JSON)",
    "practice:aftercare": "answers POST only (sends the aftercare sheet)",
    "practice:erase": "answers POST only",
    "practice:attendance": "answers POST only",
    "learning:flag": "answers POST only",
    "learning:practice": "answers POST only (starts a practice quiz)",
    "logbook:competency_sign": "answers POST only",
    "learning:release": "answers POST only",
    "logbook:photo_upload": "answers POST only",
    "logbook:dops_request": "answers POST only",
    "logbook:case_sign": "answers POST only",
    "logbook:wba_confirm": "answers POST only",
    "logbook:wba_resend": "answers POST only",
    "logbook:wba_external": "opened by a single-use link from an e-mail; tests/e2e/"
    "test_wba_journey.py walks it at phone width",
    "logbook:photo": "an image (shown inside the case page)",
    "logbook:pdf": "a file download",
    "logbook:csv": "a file download",
    "simulator:face_svg": "an SVG drawing (shown inside the simulator)",
    "simulator:submit": "answers POST only",
    "tokens:revoke": "answers POST only",
    "credentials:did": "a JSON document",
    "credentials:status_list": "a JSON document",
    "credentials:pdf": "a file download",
    "credentials:badge": "a file download",
    "credentials:json": "a JSON document",
    "credentials:rotate": "answers POST only",
    "credentials:look_image": "an image (shown inside the look page)",
    "credentials:rule_delete": "answers POST only",
    "credentials:mark": "answers POST only",
    "credentials:issue": "answers POST only",
    "credentials:approve": "answers POST only",
    "credentials:renew": "answers POST only",
    "credentials:change": "answers POST only",
    "outcomes:case_ics": "a calendar file download",
    "outcomes:photo": "an image (shown inside the follow-up page)",
    "outcomes:registry_csv": "a file download",
    "outcomes:sharing": "answers POST only",
    "packages:scorm": "a file download (a module's SCORM 1.2 package)",
    "packages:qti": "a file download (the question bank as a QTI 3.0 package)",
    "lti:jwks": "a JSON document (the tool's public keys)",
    "lti:login": "the LMS's OIDC log-in: redirects to the LMS",
    "lti:launch": "the LMS posts the signed launch here; answers POST only",
    "lti:key_rotate": "answers POST only",
    "cpd:ledger_csv": "a file download",
    "cpd:ledger_pdf": "a file download",
    "cpd:statement": "a file download (the statement PDF; its form is on the portfolio page)",
    "cpd:external_evidence": "a file download (the uploaded evidence)",
    "cpd:goal_status": "answers POST only",
    "cpd:academy_ledger_csv": "a file download",
    "cpd:academy_ledger_pdf": "a file download",
    "cpd:activity_pars": "a file download (the PARS learner file)",
    "cpd:entry_reverse": "answers POST only",
    "evaluations:results_csv": "a file download",
}
# Pages this walk does not reach yet, with the reason (each is a gap to close).
NOT_VISITED: dict[str, str] = {
    "learning:feedback": "shown only after a tutor-mode answer is posted; the item kind decides "
    "the form, so the walk does not answer one",
    "lti:deep_link": "opened only by an LMS launch inside the LMS's frame "
    "(tests/web/lti/test_services.py)",
    "lti:roster": "opened only by an LMS launch inside the LMS's frame "
    "(tests/web/lti/test_services.py)",
    "practice:checkin": "a signed link in a session's QR code, valid for 5 minutes; "
    "tests/web/practice/test_checkin.py and the accreditation journey open it",
}
# Routes that only redirect to a role's own page: followed, and the page they lead to checked.
REDIRECTS: dict[str, str] = {
    "credentials:home": "the wallet or the register, by role",
    "practice:home": "the learner's sessions or the teaching page, by role",
}
# Pages no link leads to in the demo (reached by a redirect or typed), visited directly.
DIRECT = [
    "/accounts/signup/sent/",
    "/accounts/confirm-email/",
    "/accounts/password/reset/sent/",
    "/accounts/password/reset/complete/",
    "/accounts/password/change/done/",
    "/accounts/second-factor/verify/",
    "/accounts/second-factor/set-up/",
    "/logbook/wba/confirm/",
]


def direct_pages() -> list[str]:
    """DIRECT; the comparison of three demo runs (a GET form on the catalog leads there); the
    competency rules of a demo academy's course (linked from nowhere yet); the device report of
    the demo learner's recorded complication (linked from its follow-up, deeper than the walk)."""
    runs = CourseRun.objects.filter(published=True).order_by("id").values_list("id", flat=True)
    course = CourseRun.objects.get(pk=runs[0]).course_id
    found = FollowUpComplication.objects.filter(
        follow_up__case__learner__email="learner@demo.threadlift.test"
    ).first()
    assert found is not None, "the outcomes demo records a complication for the demo learner"
    report = f"/outcomes/follow-ups/{found.follow_up_id}/device-report/?complication={found.pk}"
    awaiting = WbaAssessment.objects.filter(
        assessor__email="trainer@demo.threadlift.test", status="requested"
    ).first()
    assert awaiting is not None, "the logbook demo has a mini-CEX awaiting the demo trainer"
    return [
        *DIRECT,
        "/courses/compare/?" + "&".join(f"run={pk}" for pk in runs[:3]),
        f"/logbook/courses/{course}/rules/",
        report + "&form=mhra_yellow_card",
        f"/logbook/wba/{awaiting.pk}/complete/",  # the trainer's form (deeper than the walk)
    ]


def work_in_progress(base: str) -> list[str]:
    """The demo learner starts a practice quiz and submits a simulator plan: the pages of a quiz
    under way and of a scored plan, which the demo data has none of."""
    learner = client_for(User.objects.get(email=ROLES["learner"][0]))
    run = CourseRun.objects.filter(course__slug=DEMO_RUN_COURSE).order_by("id").first()
    assert run is not None
    started = learner.post(f"/learn/runs/{run.pk}/modules/{DEMO_MODULE}/practice/")
    attempt = started["Location"]
    plan = json.dumps(good_plan("female"))
    scored = learner.post("/simulator/jowl/submit/", {"face": "female", "plan": plan})
    assert scored.status_code == 302, scored.status_code
    return [attempt, scored["Location"]]


# Prefixes this walk leaves alone: the API (JSON, tested by the API tests) and Django's own
# staff admin, which brings its own responsive stylesheet.
OUTSIDE = ("/api/", "/staff/")

# role -> (demo account, second factor passed)
ROLES: dict[str, tuple[str | None, bool]] = {
    "anonymous": (None, False),
    "learner": ("learner@demo.threadlift.test", False),
    "unverified nurse": ("nurse@demo.threadlift.test", False),
    "trainer": ("trainer@demo.threadlift.test", True),
    "academy admin, verifier and staff": ("admin@demo.threadlift.test", True),
    "trainer before the second factor": ("trainer@demo.threadlift.test", False),
}

OVERFLOW_JS = """() => {
  const root = document.documentElement;
  const limit = root.clientWidth;
  if (root.scrollWidth <= limit) return null;
  // An element sticking out of a box that scrolls or clips does not move the page, unless it
  // is positioned against something outside that box (an absolute element escapes a scrolling
  // box that is not positioned itself; a fixed one escapes every box).
  const boxed = (el) => {
    const own = getComputedStyle(el).position;
    if (own === 'fixed') return false;
    let escaping = own === 'absolute';
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.position !== 'static') escaping = false;  // its containing block
      if (!escaping && style.overflowX !== 'visible') return true;
    }
    return false;
  };
  const out = [...document.body.querySelectorAll('*')].filter(
    (el) => el.getBoundingClientRect().right > limit + 0.5 && !boxed(el));
  const innermost = out.filter((el) => !out.some((o) => o !== el && el.contains(o)));
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    [...el.classList].map((c) => '.' + c).join('') +
    ' "' + (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
  innermost.sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right);
  return {scrollWidth: root.scrollWidth, clientWidth: limit,
          widest: innermost.slice(0, 3).map(
            (el) => name(el) + ' ' + Math.round(el.getBoundingClientRect().width) + ' px wide, ' +
                    'right edge at ' + Math.round(el.getBoundingClientRect().right) + ' px')};
}"""


# A box that scrolls sideways is reachable with the keyboard and named, as a region.
UNREACHABLE_SCROLL_BOXES_JS = """() => [...document.body.querySelectorAll('*')].filter((el) => {
  const style = getComputedStyle(el);
  const scrolls = el.scrollWidth > el.clientWidth + 1;
  if (!['auto', 'scroll'].includes(style.overflowX) || !scrolls) return false;
  return el.tabIndex < 0 || !(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby'));
}).map((el) => el.tagName.toLowerCase() + [...el.classList].map((c) => '.' + c).join('') + ' "' +
  (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"')"""


def routes(patterns: list[Any] | None = None, prefix: str = "", ns: str = "") -> Iterator[str]:
    """Every named route of the site (namespace:name), outside the API and the staff admin."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        here = prefix + str(entry.pattern)
        if any(here.startswith(p.lstrip("/")) for p in OUTSIDE):
            continue
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ns
            yield from routes(entry.url_patterns, here, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{ns}:{entry.name}" if ns else entry.name


def route_of(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


@dataclass
class Walk:
    base: str
    role: str
    seen: set[str] = field(default_factory=set)
    per_route: dict[str, int] = field(default_factory=dict)
    pages: list[tuple[str, str]] = field(default_factory=list)  # (route, path) answered 200
    overflows: list[str] = field(default_factory=list)

    def wanted(self, href: str) -> str | None:
        """The same-site path of a link worth following, or None."""
        url, _ = urldefrag(href)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != self.base:
            return None
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in self.seen or parts.path.startswith(OUTSIDE):
            return None
        route = route_of(parts.path)
        if route is None or route in NOT_PAGES:
            return None
        if self.per_route.get(route, 0) >= PER_ROUTE:
            return None
        return path

    def visit(self, page: Page, path: str, shots: Path | None) -> list[str]:
        self.seen.add(path)
        route = route_of(urlsplit(path).path) or "?"
        self.per_route[route] = self.per_route.get(route, 0) + 1
        try:
            response = page.goto(self.base + path)
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                return []  # a file (e.g. ?format=csv), not a page
            raise
        if response is None or response.status != 200:
            return []  # refused or not found: not this role's page
        if "text/html" not in response.headers.get("content-type", ""):
            return []
        if page.url != self.base + path:  # redirected: check the page it led to, once
            landed = self.wanted(page.url)
            if landed is None:
                return []
            path = landed
            self.seen.add(path)
            route = route_of(urlsplit(path).path) or "?"
            self.per_route[route] = self.per_route.get(route, 0) + 1
        self.pages.append((route, path))
        overflow = page.evaluate(OVERFLOW_JS)
        if overflow is not None:
            self.overflows.append(
                f"{path} ({route}) as {self.role}: {overflow['scrollWidth']} px wide in a "
                f"{overflow['clientWidth']} px screen; widest: " + "; ".join(overflow["widest"])
            )
        unreachable = page.evaluate(UNREACHABLE_SCROLL_BOXES_JS)
        if unreachable:
            self.overflows.append(
                f"{path} ({route}) as {self.role}: scrolls inside a box that the keyboard cannot "
                "reach or that has no name: " + "; ".join(unreachable)
            )
        if shots is not None:
            name = f"{self.role.split(',')[0]}{path}".replace("/", "_").replace("?", "_")
            page.screenshot(path=str(shots / f"{name[:150]}.png"), full_page=True)
        return page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")

    def walk(self, page: Page, start: list[str], shots: Path | None) -> None:
        queue = list(start)
        while queue:
            path = queue.pop(0)
            route = route_of(urlsplit(path).path) or "?"
            if path in self.seen or self.per_route.get(route, 0) >= PER_ROUTE:
                continue
            for href in self.visit(page, path, shots):
                nxt = self.wanted(href)
                if nxt is not None and nxt not in queue:
                    queue.append(nxt)


def signed_in_context(browser: Browser, base: str, email: str | None, verified: bool) -> Any:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    if email is not None:
        user = User.objects.get(email=email)
        client = client_for(user)
        if not verified:  # signed in with the password only
            client = Client()
            client.force_login(user)
        session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": django_settings.SESSION_COOKIE_NAME, "value": session, "url": base}]
        )
    return context


@pytest.mark.django_db(transaction=True)
def test_no_page_of_any_role_scrolls_sideways_on_a_390_px_phone(
    live_server: Any, browser: Browser, settings: Any
) -> None:
    from django.core.management import call_command

    settings.CREDENTIAL_BASE_URL = live_server.url
    call_command("load_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    shots_dir = os.environ.get("PHONE_SCREENSHOTS")
    shots = Path(shots_dir) if shots_dir else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    in_progress = work_in_progress(base)
    walks = []
    for role, (email, verified) in ROLES.items():
        walk = Walk(base, role)
        context = signed_in_context(browser, base, email, verified)
        page = context.new_page()
        start = ["/", *(["/dashboard/"] if email else []), *direct_pages(), *in_progress]
        walk.walk(page, start, shots)
        context.close()
        walks.append(walk)

    reached = {route for walk in walks for route, _ in walk.pages}
    forgotten = sorted(set(routes()) - reached - set(NOT_PAGES) - set(REDIRECTS) - set(NOT_VISITED))
    overflows = [line for walk in walks for line in walk.overflows]
    if shots is not None:
        (shots / "pages.txt").write_text(
            "".join(f"{w.role}\t{route}\t{path}\n" for w in walks for route, path in w.pages)
        )
    problems = []
    if overflows:
        problems.append("pages scroll sideways at 390 px:\n" + "\n".join(overflows))
    if forgotten:
        problems.append(
            "no role reached these routes: link them, list them in DIRECT, or say in NOT_PAGES "
            "why they are not pages:\n" + "\n".join(forgotten)
        )
    assert not problems, "\n\n".join(problems)
