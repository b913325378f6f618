"""A learner reads a lesson, fails a module quiz, reviews the explanations, practises the items
answered wrong and then passes; plays a case; a trainer reads the run's statistics — in Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from academy.accounts.models import Role, User
from academy.learning.models import Attempt, CourseModule
from tests.e2e.helpers import answer_page, log_in
from tests.web.conftest import make_user
from tests.web.learning import helpers as h


def _world(db: None) -> h.World:
    lena = make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    theo = make_user("theo@example.org", "Dr Theo Trainer", Role.TRAINER, "plastic_surgeon")
    ada = make_user("ada@example.org", "Ada Admin", Role.ACADEMY_ADMIN)
    w = h.world(lena, theo, ada, quiz_size=3, pass_mark=70)
    CourseModule.objects.create(course=w.run.course, module_id="patient_selection", position=2)
    return w


@pytest.mark.django_db(transaction=True)
def test_a_learner_reads_fails_reviews_practises_and_passes(
    live_server: Any, page: Page, shot: Any
) -> None:
    w = _world(None)
    base = live_server.url
    log_in(page, base, w.learner.email)
    page.get_by_role("link", name="My learning").click()
    page.get_by_role("link", name=w.run.course.title).click()
    expect(page.get_by_role("heading", name="The facial danger zones")).to_have_count(0)
    page.get_by_role("link", name="The facial danger zones").click()
    expect(page.get_by_role("heading", name="The facial danger zones", level=1)).to_be_visible()
    expect(page.locator(".lesson-figure svg").first).to_be_visible()
    expect(page.get_by_role("heading", name="Sources")).to_be_visible()
    shot("learning-lesson")
    page.get_by_role("button", name="Mark as read and go on").click()
    page.get_by_role("link", name=w.run.course.title).click()
    expect(page.get_by_text("1 / ")).to_be_visible()
    shot("learning-course-page")

    # fail the quiz
    page.get_by_role("link", name="Module exam and tutor practice").first.click()
    expect(page.get_by_text("Pass mark")).to_be_visible()
    page.get_by_role("button", name="Start the exam").click()
    attempt = Attempt.objects.get(learner=w.learner)
    if not any(h.pool()[e["id"]].kind == "hotspot" for e in attempt.items):  # show one
        hotspot = next(q for q in h.pool().values() if q.kind == "hotspot")
        attempt.items = [*attempt.items[:2], {"id": hotspot.id, "options": []}]
        attempt.save()
    for _ in range(3):
        answer_page(page, right=False, shot=shot)
    expect(page.get_by_text("Not passed")).to_be_visible()
    expect(page.get_by_text("Explanation.").first).to_be_visible()
    expect(page.locator(".review-list > li")).to_have_count(3)
    shot("learning-quiz-result-failed")

    # practise the wrong items (tutor feedback after each)
    page.get_by_role("button", name="Practise the ones I got wrong").click()
    for k in range(3):
        answer_page(page, right=True)
        expect(page.get_by_text("Correct", exact=True)).to_be_visible()
        if k == 0:
            shot("learning-practice-feedback")
        if k < 2:
            page.get_by_role("link", name="Next item").click()
    page.get_by_role("link", name="See the result").click()
    expect(page.get_by_text("never counted towards completion or a certificate")).to_be_visible()

    # and pass
    page.get_by_role("link", name="Back to the exam page").click()
    page.get_by_role("button", name="Start the exam").click()
    for _ in range(3):
        answer_page(page, right=True)
    expect(page.locator(".result-summary .badge.ok")).to_have_text("Passed")
    shot("learning-quiz-result-passed")

    # a case, with the keyboard
    page.goto(base + f"/learn/runs/{w.run.pk}/")
    page.get_by_role("link", name=h.content.cases_for(w.run.course)[0].title).click()
    page.get_by_role("button", name="Start the case").click()
    page.locator("input[name=choice]").first.focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Decide").click()
    expect(page.locator("#feedback")).to_be_visible()
    shot("learning-case")


@pytest.mark.django_db(transaction=True)
def test_a_trainer_reads_the_runs_item_statistics(live_server: Any, page: Page, shot: Any) -> None:
    from django.utils import timezone

    from academy.learning.demo import simulated_attempt

    w = _world(None)
    h.use_whole_pool(w.run)
    for k in range(12):
        user: User = h.learner(k)
        h.enrol(w.run, user)
        simulated_attempt(user, w.run, 0.3 + 0.05 * k, 500 + k, timezone.now())
    log_in(page, live_server.url, w.trainer.email)
    page.get_by_role("link", name="Learning view").first.click()
    expect(page.get_by_role("heading", name="Who is behind")).to_be_visible()
    expect(page.locator("svg.histogram").first).to_be_visible()
    expect(page.get_by_text("12 finished attempts")).to_be_visible()
    shot("learning-trainer-statistics")
    page.get_by_role("link", name="Best exam of").first.click()
    expect(page.get_by_text("Attempt of")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_an_academy_admin_sets_the_courses_modules(live_server: Any, page: Page, shot: Any) -> None:
    w = _world(None)
    log_in(page, live_server.url, w.admin.email)
    page.goto(live_server.url + "/academy/")
    page.get_by_role("link", name="Modules and quizzes").first.click()
    expect(page.get_by_role("heading", name="Modules of")).to_be_visible()
    page.locator("fieldset", has_text="Complication management").get_by_label(
        "Use this module"
    ).check()
    page.locator("fieldset", has_text="Complication management").get_by_label(
        "Fixed pass mark (%, our policy)"
    ).fill("80")
    page.get_by_role("button", name="Save the modules").click()
    expect(page.get_by_text("The course's modules are saved.")).to_be_visible()
    shot("learning-course-modules")
    assert CourseModule.objects.get(course=w.run.course, module_id="complications").pass_mark == 80
