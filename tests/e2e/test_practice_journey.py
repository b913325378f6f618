"""In Chromium: a learner books a practical session; a volunteer model applies through the
public form; the academy admin accepts them; the trainer marks the learner's attendance."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from academy.accounts.models import Role, User
from academy.practice.models import SessionBooking, VolunteerApplication
from tests.web.conftest import client_for, make_user
from tests.web.practice.helpers import VOLUNTEER, enrol, run_for, session_for

SELECTS = {
    "sex", "fitzpatrick", "glogau", "thickness", "photodamage", "smoker", "laxity_jowl",
    "concern_jowl", "had_treatment", "allergy_local_anaesthetic", "allergy_polymer",
    "allergy_other_any", "isotretinoin_last_6_months", "recent_dental_treatment_or_infection",
    "cold_sores_in_area", "permanent_filler_in_area", "realistic", "bddq_q1", "bddq_q2",
}  # fmt: skip
CHECKS = {"consent", "no_conditions"}


def sign_in(page: Page, base: str, user: User) -> None:
    """Log in by session cookie (second factor passed): this test is about the practice pages."""
    page.context.clear_cookies()
    client = client_for(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}]
    )


@pytest.fixture
def people(db: None) -> dict[str, Any]:
    ada = make_user("ada@example.org", "Ada Admin", Role.ACADEMY_ADMIN)
    theo = make_user("theo@example.org", "Dr Theo Trainer", Role.TRAINER)
    lena = make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    run = run_for(admins=[ada], trainers=[theo])
    enrol(run, lena)
    session = session_for(run, places=2)
    return {"ada": ada, "theo": theo, "lena": lena, "run": run, "session": session}


def test_book_apply_accept_and_mark_attendance(
    live_server: Any, page: Page, people: dict[str, Any], shot: Any
) -> None:
    base, session = live_server.url, people["session"]

    # The learner books a place.
    sign_in(page, base, people["lena"])
    page.goto(f"{base}/practice/")
    page.get_by_role("button", name="Book a place").click()
    expect(page.get_by_text("Your place is booked.")).to_be_visible()
    expect(page.locator("td .badge.ok")).to_have_text("Booked")
    shot("practice-learner-booked")
    assert SessionBooking.objects.get().status == "booked"

    # A volunteer model applies without an account.
    page.context.clear_cookies()
    page.goto(f"{base}/practice/sessions/{session.pk}/volunteer/")
    expect(page.get_by_role("heading", name="Volunteer as a model")).to_be_visible()
    for name, value in VOLUNTEER.items():
        field = page.locator(f'[name="{name}"]')
        if name in CHECKS:
            field.check()
        elif name in SELECTS:
            field.select_option(value)
        else:
            field.fill(value)
    shot("practice-volunteer-form")
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_role("heading", name="Thank you: your application is sent")).to_be_visible()
    application = VolunteerApplication.objects.get()

    # The academy admin sees the verdict and accepts.
    sign_in(page, base, people["ada"])
    page.goto(f"{base}/teach/runs/{people['run'].pk}/")
    page.get_by_role("link", name="Sam Model").click()
    expect(page.get_by_role("heading", name="Volunteer model: Sam Model")).to_be_visible()
    page.get_by_role("button", name="Accept and send pre-treatment instructions").click()
    expect(page.get_by_text("Accepted. The pre-treatment instructions")).to_be_visible()
    shot("practice-admin-accepted")
    application.refresh_from_db()
    assert (application.status, application.slot) == ("accepted", 1)

    # A pregnant applicant is shown as not suitable and cannot be accepted.
    Client().post(
        f"/practice/sessions/{session.pk}/volunteer/",
        {**VOLUNTEER, "email": "pat@example.org", "full_name": "Pat Pregnant",
         "conditions": ["pregnancy"], "no_conditions": ""},
    )  # fmt: skip
    pat = VolunteerApplication.objects.get(email="pat@example.org")
    page.goto(f"{base}/practice/applications/{pat.pk}/")
    expect(page.locator("#verdict-h .badge")).to_have_text("Not suitable")
    accept = page.get_by_role("button", name="Accept and send pre-treatment instructions")
    expect(accept).to_be_disabled()
    shot("practice-admin-not-suitable")

    # The trainer marks the learner as attended.
    sign_in(page, base, people["theo"])
    page.goto(f"{base}/teach/")
    page.get_by_role("link", name=people["run"].course.title).click()
    expect(page.get_by_role("heading", name="Roster")).to_be_visible()
    page.get_by_role("button", name="Attended").click()
    expect(page.get_by_text("Attendance recorded for Dr Lena Learner.")).to_be_visible()
    expect(page.locator("table.bookings .badge.ok")).to_have_text("Attended")
    shot("practice-trainer-workspace")
    assert SessionBooking.objects.get().attendance == "attended"
