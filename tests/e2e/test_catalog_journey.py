"""A doctor filters the catalog, compares three runs and enrols; a nurse is refused with the
reason — in Chromium."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from academy.accounts.models import Role, User
from academy.catalog.models import Enrolment
from tests.web.catalog import factories as f
from tests.web.conftest import PASSWORD, make_user


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your dashboard")).to_be_visible()


@pytest.fixture
def catalog(db: None) -> dict[str, Any]:
    london = f.provider(name="Harbour Academy", city="London")
    berlin = f.provider(name="Rhein Academy", country="DE", city="Berlin")
    runs = {
        "pdo": f.run(
            f.course(london, title="PDO foundation", materials=["pdo"]),
            price=Decimal(900),
            live_models_guaranteed=True,
        ),
        "midface": f.run(
            f.course(london, title="Advanced midface", materials=["pdo", "plla"]),
            price=Decimal(2900),
            hands_on_hours=Decimal(10),
        ),
        "jaw": f.run(
            f.course(berlin, title="Jawline threads", materials=["pdo"]),
            price=Decimal(1500),
            country="DE",
            city="Berlin",
            currency="EUR",
        ),
        "plla": f.run(
            f.course(berlin, title="PLLA only", materials=["plla"]), country="DE", city="Berlin"
        ),
    }
    for run in runs.values():
        f.accreditation(run.course)
    return runs


@pytest.mark.django_db(transaction=True)
def test_a_doctor_filters_compares_three_runs_and_enrols(
    live_server: Any, page: Page, shot: Any, catalog: dict[str, Any]
) -> None:
    doctor = make_user("dr.hale@example.org", "Dr Amira Hale", Role.LEARNER)
    doctor.profile.verified = True
    doctor.profile.save()
    log_in(page, live_server.url, "dr.hale@example.org")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Courses").click()
    page.get_by_label("Thread material").select_option("pdo")
    page.get_by_label("Only runs I am eligible for").check()
    page.get_by_role("button", name="Show courses").click()
    expect(page.get_by_role("heading", name="3 runs")).to_be_visible()
    expect(page.get_by_role("link", name="PLLA only")).to_have_count(0)
    shot("catalog-filtered")

    for title in ("PDO foundation", "Advanced midface", "Jawline threads"):
        page.locator("article.run-card", has_text=title).get_by_label("Compare").check()
    page.get_by_role("button", name="Compare selected (2–4)").click()
    expect(page.get_by_role("heading", name="Compare course runs")).to_be_visible()
    hands_on = page.locator('tr[data-row="hands_on"]')
    expect(hands_on).to_contain_text("10 h hands-on")
    expect(hands_on).to_contain_text("best")
    expect(page.locator('tr[data-row="eligibility"]')).to_contain_text("You may enrol")
    shot("compare-three-runs")

    page.get_by_role("link", name="Advanced midface").click()
    expect(page.get_by_text("regulation for England")).to_be_visible()
    page.get_by_role("button", name="Enrol on this run").click()
    expect(page.get_by_text("You are enrolled on Advanced midface.")).to_be_visible()
    shot("run-enrolled")
    assert Enrolment.objects.get(learner=doctor).run == catalog["midface"]


@pytest.mark.django_db(transaction=True)
def test_a_nurse_is_refused_a_course_not_open_to_nurses_with_the_reason(
    live_server: Any, page: Page, shot: Any, catalog: dict[str, Any]
) -> None:
    nurse = make_user("nurse.ivy@example.org", "Nurse Ivy", Role.LEARNER, "registered_nurse")
    nurse.profile.verified = True
    nurse.profile.save()
    log_in(page, live_server.url, "nurse.ivy@example.org")
    page.goto(f"{live_server.url}/courses/runs/{catalog['pdo'].pk}/")
    expect(page.get_by_text("You may not enrol")).to_be_visible()
    expect(page.get_by_text("This course is not open to registered nurses.")).to_be_visible()
    # No button that can only fail: "Try to enrol" is gone when enrolment would be refused.
    expect(page.get_by_role("button", name="Try to enrol")).to_have_count(0)
    expect(page.get_by_role("button", name="Enrol on this run")).to_have_count(0)
    expect(page.get_by_text("Enrolment is not possible for the reasons above")).to_be_visible()
    shot("nurse-refused")
    assert not Enrolment.objects.filter(learner=nurse).exists()
    assert isinstance(nurse, User)
