"""A learner plays a branching case in Chromium: the wrong choice leads to its consequence (a
step of its own, then an ending that says what happened), and the case is not passed; a new play
shows the options in a different order."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from academy.accounts.models import Role
from academy.learning.models import CasePlay, CourseModule
from tests.e2e.helpers import log_in
from tests.web.conftest import make_user
from tests.web.learning import helpers as h


def _choose(page: Page, text: str) -> None:
    """Pick the option by its words (the order is shuffled per play), with the keyboard."""
    page.get_by_label(text, exact=True).check()
    page.get_by_role("button", name="Decide").press("Enter")


def _shown(page: Page) -> list[str]:
    return page.locator("input[name=choice]").evaluate_all("els => els.map(e => e.value)")


@pytest.mark.django_db(transaction=True)
def test_a_wrong_choice_in_a_case_leads_to_its_consequence_and_a_poor_ending(
    live_server: Any, page: Page, shot: Any
) -> None:
    lena = make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    theo = make_user("theo@example.org", "Dr Theo Trainer", Role.TRAINER, "plastic_surgeon")
    ada = make_user("ada@example.org", "Ada Admin", Role.ACADEMY_ADMIN)
    w = h.world(lena, theo, ada, quiz_size=3, pass_mark=70)
    CourseModule.objects.create(course=w.run.course, module_id="patient_selection", position=2)
    case = h.content.case_for(w.run.course, "case_anticoagulant")

    base = live_server.url
    log_in(page, base, lena.email)
    page.goto(base + f"/learn/runs/{w.run.pk}/")
    page.get_by_role("link", name=case.title).click()
    page.get_by_role("button", name="Start the case").click()

    _choose(page, case.steps["s1"].best.text)
    expect(page.locator("#feedback .case-verdict")).to_have_text("The best choice")
    wrong = next(c for c in case.steps["s2"].choices if not c.correct)
    _choose(page, wrong.text)
    expect(page.locator("#feedback .case-verdict")).to_have_text("Not a good choice")
    # the consequence: a step of its own, not the best path's next step
    expect(page.locator(".case-choice .stem")).to_contain_text("breathless")
    expect(page.locator(".case-choice .stem")).not_to_contain_text("cardiologist advises")
    _choose(page, case.steps["s2b"].best.text)

    ending = case.endings["stopped_anticoagulant"]
    expect(page.get_by_role("heading", name=f"What happened: {ending.title}")).to_be_visible()
    expect(page.locator(".case-ending-poor")).to_contain_text("R58")  # with its source
    expect(page.locator(".result-summary .badge.bad")).to_have_text("Not passed")
    expect(page.locator(".result-summary")).to_contain_text("2 of the 3 decisions")
    page.locator(".case-ending").scroll_into_view_if_needed()
    shot("learning-case-consequence")

    # a new play: the first step's options in another order (for some play within a few)
    first = CasePlay.objects.get(learner=lena)
    orders = set()
    for _ in range(6):
        page.get_by_role("button", name="Play the case again").click()
        orders.add(tuple(_shown(page)))
        page.reload()
        assert tuple(_shown(page)) in orders  # a reload keeps the order
        _choose(page, case.steps["s1"].choices[2].text)
        _choose(page, case.steps["s2"].best.text)
        for step_id in ("s3", "s4"):
            _choose(page, case.steps[step_id].best.text)
        expect(page.locator(".result-summary")).to_be_visible()
    assert len(orders) > 1
    assert CasePlay.objects.filter(learner=lena).exclude(pk=first.pk).count() == 6
