"""A learner fails an exam, cannot retake it during the cool-down, and gets a different form once
a trainer releases another attempt; a hotspot item shows no zone before the answer and the
feedback shows the target and the click; the trainer's progress grid on a laptop and a phone."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from academy.accounts.models import Role
from academy.learning.models import Attempt, AttemptKind
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.helpers import answer_page, log_in
from tests.web.conftest import make_user
from tests.web.learning import helpers as h
from threadlift.anatomy.svg import ZONE_LABELS


def _world() -> h.World:
    lena = make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    theo = make_user("theo@example.org", "Dr Theo Trainer", Role.TRAINER, "plastic_surgeon")
    ada = make_user("ada@example.org", "Ada Admin", Role.ACADEMY_ADMIN)
    return h.world(lena, theo, ada, quiz_size=4, pass_mark=70, cooldown_hours=24)


@pytest.mark.django_db(transaction=True)
def test_a_failed_exam_waits_for_the_cool_down_and_a_released_attempt_is_a_new_form(
    live_server: Any, page: Page, shot: Any
) -> None:
    w = _world()
    base = live_server.url
    log_in(page, base, w.learner.email)
    page.goto(base + f"/learn/runs/{w.run.pk}/")
    page.get_by_role("link", name="Module exam and tutor practice").first.click()
    expect(page.get_by_text("24 hours between attempts").first).to_be_visible()
    page.get_by_role("button", name="Start the exam").click()
    first = Attempt.objects.get(learner=w.learner, kind=AttemptKind.QUIZ)
    hotspot = next(q for q in h.pool().values() if q.kind == "hotspot")
    first.items = [{"id": hotspot.id, "options": []}, *first.items[1:]]
    first.save()
    page.reload()

    # the hotspot item: the face only, no zone drawn or named
    face = page.locator("svg[data-hotspot]")
    expect(face).to_be_visible()
    expect(face.locator("[data-zone]")).to_have_count(0)
    drawing = face.inner_html()
    assert not any(label in drawing for label in ZONE_LABELS.values())
    shot("exam-hotspot-item")
    for _ in range(len(first.items)):
        answer_page(page, right=False)
    expect(page.locator(".result-summary .verdict-badge")).to_have_text("Not passed")
    expect(page.get_by_text("The course asks for 24 hours between exam attempts")).to_be_visible()
    review = page.locator(".review-list > li").first
    expect(review.locator("path.target")).to_have_count(1)
    expect(review.get_by_text("off the drawing")).to_be_visible()
    shot("exam-result")
    review.screenshot(path=str(SCREENSHOTS / "exam-hotspot-feedback.png"))

    # no retake during the cool-down
    page.get_by_role("link", name="Back to the exam page").click()
    expect(page.get_by_role("button", name="Start the exam")).to_have_count(0)
    expect(page.get_by_text("you may start the next one from")).to_be_visible()
    shot("exam-cool-down")

    # the trainer releases another attempt from the result page
    page.context.clear_cookies()
    log_in(page, base, w.trainer.email)
    page.goto(base + f"/learn/attempts/{first.pk}/result/")
    page.get_by_role("button", name="Release another attempt for Dr Lena Learner").click()
    expect(page.get_by_text("may take another exam of this module now")).to_be_visible()

    # a new form
    page.context.clear_cookies()
    log_in(page, base, w.learner.email)
    page.goto(base + f"/learn/runs/{w.run.pk}/modules/{h.MODULE}/quiz/")
    expect(page.get_by_text("A trainer released another attempt")).to_be_visible()
    page.get_by_role("button", name="Start the exam").click()
    expect(page.locator("legend .item-number")).to_have_text(f"Item 1 of {len(first.items)}")
    shot("exam-item")
    second = Attempt.objects.filter(learner=w.learner, kind=AttemptKind.QUIZ).latest("started_at")
    assert second.pk != first.pk
    assert [e["id"] for e in second.items] != [e["id"] for e in first.items]


@pytest.mark.django_db(transaction=True)
def test_the_trainer_grid_shows_every_column_and_whole_names_on_a_laptop_and_a_phone(
    live_server: Any, page: Page, shot: Any
) -> None:
    from academy.learning.demo import simulated_attempt
    from academy.learning.models import CourseModule
    from threadlift.content import MODULE_IDS

    w = _world()
    for position, module_id in enumerate(MODULE_IDS[1:], start=2):
        CourseModule.objects.create(course=w.run.course, module_id=module_id, position=position)
    names = ["Dr Maximiliana Featherstonehaugh", "Dr Jo Li", "Dr Anneliese Vandermeer-Okafor"]
    for k, name in enumerate(names):
        user = make_user(f"grid{k}@example.org", name, Role.LEARNER)
        h.enrol(w.run, user)
        simulated_attempt(user, w.run, 0.4 + 0.2 * k, 900 + k, timezone.now())
    log_in(page, live_server.url, w.trainer.email)
    for width, label in ((1280, "1280"), (390, "390")):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + f"/learn/runs/{w.run.pk}/trainer/")
        grid = page.locator(".progress-wrap")
        expect(grid).to_be_visible()
        shot(f"trainer-grid-{label}-page")
        grid.screenshot(path=str(SCREENSHOTS / f"trainer-grid-{label}.png"))
        line = page.evaluate(
            "(() => { const s = getComputedStyle(document.querySelector('.learner-name'));"
            " return parseFloat(s.lineHeight) || 1.5 * parseFloat(s.fontSize); })()"
        )
        for name in names:
            cell = page.locator("th.learner-col .learner-name", has_text=name)
            box = cell.bounding_box()
            assert box is not None
            assert box["height"] <= 2 * line + 2, (label, name, box)  # two lines at most
        headers = page.locator(".progress-table thead th")
        expect(headers).to_have_count(len(MODULE_IDS) + 2)
        last = headers.last
        last.scroll_into_view_if_needed()
        expect(last).to_be_in_viewport()  # the last column can be reached, not clipped
        if width < 600:  # on a phone the grid scrolls sideways to its last column
            grid.screenshot(path=str(SCREENSHOTS / f"trainer-grid-{label}-scrolled.png"))
        else:  # on a laptop every column fits without scrolling
            assert page.evaluate("(e) => e.scrollWidth <= e.clientWidth", grid.element_handle())
