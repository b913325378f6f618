"""A trainee records a day-3 follow-up with a complication and sees the triage advice at once;
the trainer then sees the complication flagged in the registry and its lessons on the review
list, in Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from academy.accounts.models import Role
from academy.outcomes.models import FollowUp
from tests.web.conftest import make_user
from tests.web.logbook.helpers import hands_on_run
from tests.web.outcomes.builders import seen, treated_case

from .helpers import log_in


@pytest.mark.django_db(transaction=True)
def test_a_day_3_complication_is_triaged_and_the_trainer_sees_the_flag(
    live_server: Any, page: Page, shot: Any
) -> None:
    lena = make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    theo = make_user("theo@example.org", "Dr Theo Trainer", Role.TRAINER)
    run = hands_on_run(theo, lena)
    for k in range(14):  # earlier cases of the run, two of them infected
        seen(treated_case(lena, run, days_ago=40 + k), complication="infection" if k < 2 else None)
    case = treated_case(lena, run, days_ago=3)
    base = live_server.url

    log_in(page, base, lena.email)
    page.get_by_role("link", name="Logbook").first.click()
    page.get_by_role("link", name="Follow-ups").click()
    expect(page.get_by_role("heading", name="Follow-ups", exact=True)).to_be_visible()
    item = FollowUp.objects.get(case=case, day=3)
    page.locator(f"a[href='/outcomes/follow-ups/{item.pk}/record/']").click()
    page.get_by_label("Yes, seen").check()
    for symptom in ("Swelling", "Redness", "Warmth", "Fever"):
        page.get_by_label(symptom, exact=True).check()
    page.locator("#id_complications-0-complication").select_option("infection")
    page.locator("#id_complications-0-severity").select_option("moderate")
    page.locator("#id_complications-0-onset_day").fill("2")
    page.locator("#id_complications-0-management").fill("Oral antibiotics; review in 48 hours.")
    page.get_by_role("button", name="Save the follow-up").click()
    expect(page.get_by_text("Follow-up recorded.")).to_be_visible()
    expect(page.locator("[data-urgency]").first).to_have_attribute("data-urgency", "urgent")
    expect(page.get_by_role("heading", name="Where the threads ran")).to_be_visible()
    shot("follow-up-recorded")

    page.get_by_role("button", name="Log out").click()
    log_in(page, base, theo.email)
    page.goto(base + "/outcomes/registry/?by=indication&complication=infection")
    expect(page.get_by_text("above published").first).to_be_visible()
    review = page.locator("section", has=page.get_by_role("heading", name="Curriculum review list"))
    expect(review).to_contain_text("Infection or abscess")
    expect(review).to_contain_text("Infection, early and late")
    shot("registry-flag")
