"""Accreditation in the browser: a trainer declares a relationship (with its mitigation) and can
then be assigned to a run, whose page discloses it to learners; a learner evaluates the course
and the certificate's evaluation requirement clears; the academy reads the results."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from academy.accounts.models import Role
from academy.catalog.models import CourseRun, Enrolment
from tests.e2e.helpers import log_in
from tests.web.catalog import factories
from tests.web.conftest import client_for, make_user

SHOTS = Path("/tmp/accredit-shots")


def save(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_trainer_declares_and_is_assigned_and_a_learner_evaluates(
    live_server: Any, page: Page, shot: Any
) -> None:
    base = live_server.url
    ada = make_user("ada@example.org", "Ada Admin", Role.ACADEMY_ADMIN)
    theo = make_user("theo@example.org", "Dr Theo Trainer", Role.TRAINER, "plastic_surgeon")
    lena = make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    provider = factories.provider(admins=[ada], name="Harbour Academy")
    provider.trainers.add(theo)
    course = factories.course(provider, title="PDO threads: foundation", companies="Sinclair")
    run = factories.run(course)

    # The trainer declares a relationship with a company the course teaches, with a mitigation.
    log_in(page, base, theo.email)
    page.goto(base + "/academy/declaration/")
    page.locator("#id_rel-0-company").fill("Sinclair")
    page.locator("#id_rel-0-kind").select_option("consultant")
    page.locator("#id_rel-0-starts_on").fill("2025-06-01")
    page.locator("#id_rel-0-mitigation").fill("Slides peer reviewed by Dr Ada, who has no ties.")
    page.get_by_role("button", name="Save my declaration").click()
    expect(page.locator("#declaration-status")).to_contain_text("Current")
    save(page, "declaration")

    # The admin can now assign him to the run; its page discloses the relationship.
    page.context.clear_cookies()
    log_in(page, base, ada.email)
    page.goto(f"{base}/academy/runs/{run.pk}/edit/")
    page.get_by_label("Dr Theo Trainer").check()
    page.get_by_role("button", name="Save run").click()
    expect(page.get_by_text("Run saved.")).to_be_visible()
    assert list(CourseRun.objects.get(pk=run.pk).trainers.all()) == [theo]
    page.context.clear_cookies()
    page.goto(f"{base}/courses/runs/{run.pk}/")
    expect(page.locator("#disclosures")).to_contain_text("Consultant, Sinclair")
    save(page, "run-disclosures")

    # A learner on a finished run evaluates the course: the requirement clears.
    ended = timezone.localdate() - dt.timedelta(days=2)
    finished = factories.run(
        course,
        starts_on=ended,
        ends_on=ended,
        enrolment_opens=timezone.now() - dt.timedelta(days=30),
        enrolment_closes=timezone.now() - dt.timedelta(days=10),
    )
    enrolment = Enrolment.objects.create(run=finished, learner=lena, status="enrolled")
    log_in(page, base, lena.email)
    page.goto(f"{base}/credentials/mine/enrolments/{enrolment.pk}/")
    expect(page.get_by_text("Evaluation: to do")).to_be_visible()
    page.locator("#evaluate-link").click()
    for group in page.locator("fieldset, .field").all():
        radios = group.locator("input[type=radio]")
        if radios.count() == 5:
            radios.nth(3).check()
        elif radios.count() == 2:
            radios.nth(1).check()
    page.locator("textarea").last.fill("I will mark the facial artery before every pass.")
    save(page, "evaluation-form")
    page.get_by_role("button", name="Send my evaluation").click()
    expect(page.get_by_text("your evaluation is recorded")).to_be_visible()
    expect(page.get_by_text("Evaluation submitted on")).to_be_visible()

    # The academy reads the results (a session made directly: logging Ada in again within the
    # same 30-second window would reuse her one-time code, which is refused).
    page.context.clear_cookies()
    session = client_for(ada).cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": base}])
    page.goto(f"{base}/evaluations/runs/{finished.pk}/")
    expect(page.get_by_text("1 of 1 enrolled learners")).to_be_visible()
    save(page, "evaluation-results")
