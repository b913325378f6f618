"""An LMS page (served by the test platform) frames the tool: the OIDC log-in and the signed
launch happen inside the iframe, and the learner sees the lesson, then the quiz, in the frame."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from academy.accounts.models import Role
from academy.learning import content
from academy.lti.models import LtiIdentity
from tests.web.conftest import make_user
from tests.web.learning import helpers as h
from tests.web.lti import helpers as lti
from tests.web.lti.platform import Platform

SHOTS = Path("/tmp/lti-shots")


@pytest.fixture
def lms(live_server: Any, settings: Any) -> Iterator[Platform]:
    settings.LTI_KEY_SECRET = "e2e-lti-key-secret-0123456789"
    running = Platform(host=urlsplit(live_server.url).hostname or "localhost").start()
    running.tool_jwks_url = live_server.url + "/lti/jwks.json"
    yield running
    running.stop()


@pytest.mark.django_db(transaction=True)
def test_a_learner_opens_a_lesson_and_a_quiz_inside_the_lms_frame(
    live_server: Any, page: Page, lms: Platform
) -> None:
    lena = make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    theo = make_user("theo@example.org", "Dr Theo Trainer", Role.TRAINER, "plastic_surgeon")
    ada = make_user("ada@example.org", "Ada Admin", Role.ACADEMY_ADMIN)
    w = h.world(lena, theo, ada, quiz_size=3)
    row = lti.register(lms, w.run.course.provider)
    LtiIdentity.objects.create(
        issuer=lms.issuer, sub="lms-user-1", user=lena, platform=row, created_at=timezone.now()
    )
    lesson = content.lessons_for(w.run.course, h.MODULE)[0]
    lms.launch = {
        "login_url": live_server.url + "/lti/login/",
        "launch_url": live_server.url + "/lti/launch/",
        "claims": {"sub": "lms-user-1", "target": f"lesson:{w.run.pk}:{lesson.id}"},
    }
    SHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(lms.base + "/lms")
    expect(page.get_by_role("heading", name="Demo LMS: Thread lifts 101")).to_be_visible()
    frame = page.frame_locator("#tool")
    expect(frame.get_by_role("heading", name=str(lesson.title), level=1)).to_be_visible()
    expect(frame.get_by_text(lena.full_name).first).to_be_visible()
    page.screenshot(path=str(SHOTS / "lti-lesson-in-lms-frame.png"), full_page=True)

    # the same LMS user opens the module's quiz
    lms.launch["claims"] = {"sub": "lms-user-1", "target": f"quiz:{w.run.pk}:{h.MODULE}"}
    page.goto(lms.base + "/lms")
    expect(frame.get_by_role("button", name="Start the exam")).to_be_visible()
    page.screenshot(path=str(SHOTS / "lti-quiz-in-lms-frame.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_an_unregistered_lms_gets_a_refusal_page_in_its_frame(
    live_server: Any, page: Page, lms: Platform
) -> None:
    lena = make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    theo = make_user("theo@example.org", "Dr Theo Trainer", Role.TRAINER, "plastic_surgeon")
    ada = make_user("ada@example.org", "Ada Admin", Role.ACADEMY_ADMIN)
    w = h.world(lena, theo, ada)
    lti.register(lms, w.run.course.provider, client_id="some-other-client")
    lms.launch = {
        "login_url": live_server.url + "/lti/login/",
        "launch_url": live_server.url + "/lti/launch/",
        "claims": {"sub": "lms-user-1", "target": f"quiz:{w.run.pk}:{h.MODULE}"},
    }
    page.goto(lms.base + "/lms")
    frame = page.frame_locator("#tool")
    expect(frame.get_by_role("heading", name="This LMS launch was refused")).to_be_visible()
    page.screenshot(path=str(SHOTS / "lti-refused-in-lms-frame.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_an_academy_admin_registers_an_lms(live_server: Any, page: Page, lms: Platform) -> None:
    from tests.e2e.helpers import log_in
    from tests.web.catalog import factories

    ada = make_user("ada@example.org", "Ada Admin", Role.ACADEMY_ADMIN)
    factories.provider(admins=[ada])
    log_in(page, live_server.url, ada.email)
    page.goto(live_server.url + "/academy/")
    page.get_by_role("link", name="LMS connections (LTI)").click()
    page.get_by_role("link", name="Register an LMS").click()
    page.get_by_label("Name").fill("Moodle")
    page.get_by_label("Issuer (iss)").fill(lms.issuer)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    page.screenshot(path=str(SHOTS / "lti-register-form-errors.png"), full_page=True)
    for label, value in [
        ("Client id", "threadlift-tool"),
        ("Deployment ids", "deployment-1"),
        ("Key set URL (JWKS)", lms.base + "/jwks"),
        ("Authentication (OIDC) URL", lms.base + "/auth"),
        ("Access token URL", lms.base + "/token"),
    ]:
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("cell", name="Moodle", exact=True)).to_be_visible()
    page.screenshot(path=str(SHOTS / "lti-registrations.png"), full_page=True)
