"""A learner requests a mini-CEX of an external supervisor; the link read from the queued e-mail
is completed in the browser at phone width with no account; opening it again shows the "already
used" page; an academy admin confirms the assessor. Screenshots in /tmp/wba-shots/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from academy.accounts.models import Role
from academy.logbook.wba_models import WbaAssessment
from tests.web.conftest import client_for, make_user, persona_device, totp_code
from tests.web.logbook.helpers import hands_on_run
from tests.web.logbook.wba_helpers import a_case, link_from_outbox, queued_emails
from threadlift.wba import load_forms

from .helpers import log_in

SHOTS = Path("/tmp/wba-shots")
WIDE = """() => document.documentElement.scrollWidth > document.documentElement.clientWidth"""


def snap(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_an_external_supervisor_completes_a_mini_cex_by_link(
    live_server: Any, page: Page, browser: Any
) -> None:
    lena = make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    theo = make_user("theo@example.org", "Dr Theo Trainer", Role.TRAINER)
    ada = make_user("ada@example.org", "Ada Admin", Role.ACADEMY_ADMIN)
    run = hands_on_run(theo, lena, admins=[ada])
    case = a_case(lena, run)
    assert client_for(lena)  # the case was logged through the page
    base = live_server.url

    log_in(page, base, lena.email)
    page.goto(f"{base}/logbook/cases/{case.pk}/")
    page.get_by_role("link", name="Request a mini-CEX").click()
    expect(page.get_by_role("heading", name="Request an assessment")).to_be_visible()
    page.get_by_label("A supervisor or person by e-mail").check()
    page.get_by_label("Assessor's name").fill("Dr Sam Supervisor")
    page.get_by_label("Assessor's e-mail").fill("sam@clinic.example")
    snap(page, "1-request")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", name="Workplace-based assessments")).to_be_visible()
    expect(page.locator("table")).to_contain_text("Dr Sam Supervisor")
    snap(page, "2-learner-list")

    (mail,) = queued_emails()
    link = base + link_from_outbox(mail["body"])

    phone = browser.new_context(viewport={"width": 390, "height": 844})
    supervisor = phone.new_page()
    supervisor.goto(link)
    expect(
        supervisor.get_by_role("heading", name="Mini clinical evaluation exercise")
    ).to_be_visible()
    assert not supervisor.evaluate(WIDE), "the external form scrolls sideways at 390 px"
    supervisor.get_by_label("Your full name").fill("Dr Sam Supervisor")
    supervisor.get_by_label("Professional register").fill("GMC")
    supervisor.get_by_label("Registration number").fill("7000001")
    supervisor.get_by_label("Your relationship to the learner").fill("Clinical supervisor")
    # submitted without ratings: field messages, the details kept
    supervisor.get_by_role("button", name="Submit the assessment").click()
    expect(supervisor.locator(".form-errors")).to_be_visible()
    expect(supervisor.get_by_label("Registration number")).to_have_value("7000001")
    snap(supervisor, "3-external-form-errors")
    for domain in load_forms().form("mini_cex").domains:
        supervisor.locator(f"input[name='domain_{domain.id}'][value='7']").check()
    supervisor.get_by_label("What went well").fill("Clear, unhurried consent conversation.")
    supervisor.get_by_role("button", name="Submit the assessment").click()
    expect(supervisor.get_by_role("heading", name="Thank you")).to_be_visible()
    snap(supervisor, "4-external-done")
    supervisor.goto(link)
    expect(supervisor.get_by_role("heading", name="This link was already used")).to_be_visible()
    assert not supervisor.evaluate(WIDE)
    snap(supervisor, "5-replay-already-used")
    phone.close()
    assessment = WbaAssessment.objects.get()
    assert (assessment.status, assessment.overall, assessment.identity) == (
        "completed",
        7,
        "unverified",
    )

    page.context.clear_cookies()
    log_in(page, base, ada.email)
    page.goto(f"{base}/logbook/wba/confirm/")
    expect(page.locator("table")).to_contain_text("GMC 7000001")
    snap(page, "6-admin-confirm-list")
    page.get_by_label("Registration checked").check()
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".messages")).to_contain_text("confirmed")
    page.goto(f"{base}/logbook/wba/{assessment.pk}/")
    expect(page.locator("body")).to_contain_text("confirmed by the academy")
    snap(page, "7-confirmed-detail")
    assessment.refresh_from_db()
    assert assessment.identity == "confirmed"


@pytest.mark.django_db(transaction=True)
def test_a_trainer_completes_and_signs_a_cbd_the_learner_requested(
    live_server: Any, page: Page
) -> None:
    lena = make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    theo = make_user("theo@example.org", "Dr Theo Trainer", Role.TRAINER)
    run = hands_on_run(theo, lena)
    case = a_case(lena, run)
    base = live_server.url

    log_in(page, base, lena.email)
    page.goto(f"{base}/logbook/wba/request/?case={case.pk}&kind=cbd")
    page.get_by_label("A trainer of the course run").check()
    page.locator("select[name='trainer']").select_option(str(theo.pk))
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("table")).to_contain_text("Dr Theo Trainer")
    assessment = WbaAssessment.objects.get()

    page.context.clear_cookies()
    log_in(page, base, theo.email)
    page.goto(f"{base}/logbook/wba/{assessment.pk}/")
    page.get_by_role("link", name="Complete the assessment").click()
    expect(page.locator("body")).to_contain_text("(U)")  # the unconfirmed wording is marked
    for domain in load_forms().form("cbd").domains:
        page.locator(f"input[name='domain_{domain.id}'][value='4']").check()
    page.get_by_label("What went well").fill("Recognised the complication early.")
    page.get_by_label("Code from your authenticator app").fill(
        totp_code(persona_device(theo), offset_steps=1)  # the log-in used this period's code
    )
    snap(page, "8-trainer-cbd-form")
    page.get_by_role("button", name="Complete and sign").click()
    expect(page.locator(".messages")).to_contain_text("completed and signed")
    snap(page, "9-trainer-cbd-done")
    assessment.refresh_from_db()
    assert (assessment.status, assessment.overall) == ("completed", 4)
