"""An academy admin changes a run's price in Chromium and nothing else changes; a learner sees a
cancelled run as cancelled."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from academy.accounts.models import Role, User
from academy.catalog import services
from academy.catalog.models import CourseRun
from tests.web.catalog import factories as f
from tests.web.conftest import client_for, make_user


def sign_in(page: Page, base: str, user: User) -> None:
    """Log in by session cookie (second factor passed): this test is about the run form."""
    client = client_for(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}]
    )


@pytest.fixture
def admin_and_run(db: None) -> tuple[User, CourseRun]:
    ada = make_user("ada@example.org", "Ada Admin", Role.ACADEMY_ADMIN)
    theo = make_user("theo@example.org", "Dr Theo Trainer", Role.TRAINER)
    run = f.run(
        f.course(f.provider(admins=[ada], name="Harbour Academy"), title="PDO foundation"),
        starts_on=dt.date(2031, 3, 7),
        ends_on=dt.date(2031, 3, 8),
        city="Manchester",
        price=Decimal("950.00"),
        theory_hours=Decimal("3.5"),
        hands_on_hours=Decimal("6.5"),
        live_models_guaranteed=True,
        live_models_note="Two models per delegate",
        enrolment_opens=timezone.now().replace(second=0, microsecond=0) - dt.timedelta(days=2),
        enrolment_closes=dt.datetime(2031, 3, 1, 17, 30, tzinfo=dt.UTC),
    )
    run.trainers.set([theo])
    return ada, run


def test_editing_only_the_price_keeps_every_other_field(
    live_server: Any, page: Page, admin_and_run: tuple[User, CourseRun], shot: Any
) -> None:
    ada, run = admin_and_run
    before = CourseRun.objects.values().get(pk=run.pk)
    trainers_before = list(run.trainers.values_list("pk", flat=True))
    sign_in(page, live_server.url, ada)
    page.goto(f"{live_server.url}/academy/runs/{run.pk}/edit/")
    expect(page.get_by_label("Starts on")).to_have_value("2031-03-07")
    page.get_by_label("Price").fill("1100")
    shot("seats-run-edit-price")
    page.get_by_role("button", name="Save run").click()
    expect(page.get_by_text("Run saved.")).to_be_visible()

    after = CourseRun.objects.values().get(pk=run.pk)
    assert after.pop("price") == Decimal("1100.00")
    before.pop("price")
    assert after == before
    assert list(run.trainers.values_list("pk", flat=True)) == trainers_before


def test_an_admin_confirms_a_cancellation_and_the_learner_sees_one_coherent_state(
    live_server: Any, page: Page, admin_and_run: tuple[User, CourseRun], shot: Any
) -> None:
    ada, run = admin_and_run
    lena = make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    lena.profile.verified = True
    lena.profile.save()
    services.enrolment_create(run_id=run.pk, learner=lena, now=timezone.now())

    sign_in(page, live_server.url, ada)
    page.goto(f"{live_server.url}/academy/")
    page.get_by_role("link", name="Cancel run…").click()
    expect(page.get_by_role("cell", name="Dr Lena Learner")).to_be_visible()
    shot("seats-cancel-confirmation")
    run.refresh_from_db()
    assert not run.cancelled  # only asked so far
    page.get_by_role("button", name="Cancel the run and tell the learners").click()
    expect(page.get_by_text("Everyone enrolled or waiting is told by e-mail")).to_be_visible()
    run.refresh_from_db()
    assert run.cancelled

    page.context.clear_cookies()
    sign_in(page, live_server.url, lena)
    page.goto(f"{live_server.url}/courses/runs/{run.pk}/")
    expect(page.get_by_role("heading", name="This run was cancelled")).to_be_visible()
    expect(page.get_by_text("This run was cancelled on")).to_be_visible()
    expect(page.get_by_text("You were enrolled")).to_be_visible()
    expect(page.get_by_text("You may enrol")).to_have_count(0)
    expect(page.get_by_role("button", name="Cancel my place")).to_have_count(0)
    shot("seats-cancelled-run-learner")
