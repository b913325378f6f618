"""A learner practises the jowl exercise in test mode in Chromium: a risky thread fails with the
critical finding named and highlighted, the model answer is overlaid, a correct plan passes,
and a second face brings mastery."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from academy.accounts.models import Role
from tests.e2e.helpers import log_in
from tests.web.conftest import make_user
from tests.web.simulator.conftest import good_plan

CANVAS = "[data-sim-canvas].is-ready"


def click_at_mm(page: Page, x: float, y: float) -> None:
    """Click the face drawing at (x, y) face millimetres, as a pointer would."""
    point = page.evaluate(
        """([x, y]) => {
          const svg = document.querySelector('.sim-stage svg');
          svg.scrollIntoView({block: 'center'});
          const p = svg.createSVGPoint(); p.x = x; p.y = y;
          const s = p.matrixTransform(svg.getScreenCTM());
          return [s.x, s.y];
        }""",
        [x, y],
    )
    page.mouse.click(point[0], point[1])


def type_thread(page: Page, points: list[list[float]], plane: str = "subcutaneous") -> None:
    """Draw one thread with the keyboard route: coordinates typed into the form."""
    page.get_by_label("Plane").select_option(plane)
    page.get_by_role("button", name="New thread").click()
    for x, y in points:
        page.get_by_label("x", exact=True).fill(str(x))
        page.get_by_label("y", exact=True).fill(str(y))
        page.get_by_role("button", name="Add point").click()
    page.get_by_role("button", name="Finish thread").click()


def draw_model_answer(page: Page, face: str) -> None:
    for thread in good_plan(face)["threads"]:
        type_thread(page, [thread["entry"], *thread["path"]])


@pytest.mark.django_db(transaction=True)
def test_a_learner_fails_a_risky_plan_then_reaches_mastery_on_two_faces(
    live_server: Any, page: Page, shot: Any
) -> None:
    make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    base = live_server.url
    log_in(page, base, "lena@example.org")

    page.goto(base + "/simulator/")
    page.get_by_role("link", name="Lift the jowls").click()
    page.get_by_label("Test").check()
    page.get_by_role("button", name="Switch").click()
    expect(page.locator(CANVAS)).to_be_visible()
    expect(page.locator(".sim-stage [data-zone]")).to_have_count(0)  # test mode: no zones
    shot("simulator-face-test-mode")

    # A thread through the parotid region under the SMAS, drawn with the pointer.
    risky = good_plan("female")["threads"][0]
    page.get_by_label("Plane").select_option("sub_smas")
    page.get_by_role("button", name="New thread").click()
    click_at_mm(page, *risky["entry"])
    click_at_mm(page, *risky["path"][0])
    page.get_by_role("button", name="Finish thread").click()
    expect(page.locator("[data-sim=threads] li")).to_have_count(1)
    expect(page.locator("[data-sim=status]")).to_contain_text("of 60 mm")
    page.get_by_role("button", name="Submit for scoring").click()

    expect(page.get_by_role("heading", name="Lift the jowls: not passed")).to_be_visible()
    critical = page.locator(".sim-findings li.finding-critical")
    expect(critical.filter(has_text="Parotid")).to_have_count(1)
    expect(
        page.locator('[data-sim-result] .zone-group[data-zone="parotid_duct"].is-hit')
    ).to_have_count(1)
    expect(page.locator('[data-sim-result] .thread-group[data-severity="critical"]')).to_have_count(
        1
    )
    shot("simulator-result-critical")

    page.get_by_role("button", name="Show the model answer").click()
    expect(page.locator("[data-model-answer]")).to_be_visible()
    expect(page.get_by_role("button", name="Hide the model answer")).to_be_visible()
    shot("simulator-result-model-answer")

    page.get_by_role("link", name="Try again on this face").click()
    expect(page.locator(CANVAS)).to_be_visible()
    draw_model_answer(page, "female")
    page.get_by_role("button", name="Submit for scoring").click()
    expect(page.get_by_role("heading", name="Lift the jowls: passed")).to_be_visible()
    expect(page.locator(".sim-mastery")).to_contain_text("Not yet mastered")
    shot("simulator-result-passed")

    page.get_by_role("link", name="Try on another face").click()
    expect(page.locator(CANVAS)).to_be_visible()
    second = page.get_by_label("Face", exact=True).input_value()
    assert second != "female"  # a different face: the zones and landmarks have moved
    draw_model_answer(page, second)
    page.get_by_role("button", name="Submit for scoring").click()
    expect(page.get_by_role("heading", name="Lift the jowls: passed")).to_be_visible()
    expect(page.locator(".sim-mastery .badge").first).to_have_text("Mastered")
    shot("simulator-mastery")

    page.goto(base + "/simulator/")
    row = page.get_by_role("row").filter(has_text="Lift the jowls")
    expect(row).to_contain_text("Mastered")
    shot("simulator-exercise-list")


@pytest.mark.django_db(transaction=True)
def test_learn_mode_gives_live_feedback_at_tablet_width(
    live_server: Any, page: Page, shot: Any
) -> None:
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(live_server.url + "/simulator/jowl/?face=female")
    expect(page.locator(CANVAS)).to_be_visible()
    risky = good_plan("female")["threads"][0]
    type_thread(page, [risky["entry"], *risky["path"]], plane="sub_smas")
    feedback = page.locator("[data-sim=findings]")
    expect(feedback).to_contain_text("critical")
    expect(page.locator('.sim-stage .zone-group[data-zone="parotid_duct"].is-hit')).to_have_count(1)
    # select the thread's entry point and move it with the arrow keys, then undo
    handle = page.locator('.sim-handle[data-thread="0"][data-point="0"]')
    handle.focus()
    page.keyboard.press("ArrowUp")
    expect(page.locator('.sim-handle[data-thread="0"][data-point="0"]')).to_have_attribute(
        "cy", str(round(risky["entry"][1] - 1, 1)).removesuffix(".0")
    )
    page.get_by_role("button", name="Undo").click()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 768  # no sideways scrolling at tablet width
    shot("simulator-learn-tablet")


@pytest.mark.django_db(transaction=True)
def test_a_thread_is_dragged_mirrored_undone_and_redone_in_the_frontal_view(
    live_server: Any, page: Page
) -> None:
    page.goto(live_server.url + "/simulator/brow/?face=female")
    expect(page.locator(CANVAS)).to_be_visible()
    type_thread(page, [[30.0, -5.0], [35.0, -25.0]])
    threads = page.locator("[data-sim=threads] li")
    expect(threads).to_have_count(1)
    # drag the far point 5 mm down with the pointer
    handle = page.locator('.sim-handle[data-thread="0"][data-point="1"]')
    handle.scroll_into_view_if_needed()
    # Read the box in one step in the page: the live score redraws the layer when it arrives, and
    # a loaded machine let it replace the handle between finding it and measuring it (None).
    box = handle.evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return {x: r.x, y: r.y, width: r.width, height: r.height}; }"
    )
    assert box is not None
    start = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    scale = page.evaluate("document.querySelector('.sim-stage svg').getScreenCTM().a")
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(start[0], start[1] + 5 * scale, steps=4)
    page.mouse.up()
    moved = float(handle.get_attribute("cy") or "nan")
    assert abs(moved - (-20.0)) < 0.6
    page.get_by_role("button", name="Mirror to other side").click()
    expect(threads).to_have_count(2)
    mirrored = page.locator('.sim-handle[data-thread="1"][data-point="0"]')
    nasion_x = page.evaluate(
        "Number(document.querySelector('[data-landmark=\"nasion\"]').getAttribute('cx'))"
    )
    assert abs(float(mirrored.get_attribute("cx") or "nan") - (2 * nasion_x - 30.0)) < 0.2
    page.get_by_role("button", name="Undo").click()
    expect(threads).to_have_count(1)
    page.get_by_role("button", name="Redo").click()
    expect(threads).to_have_count(2)
    plan = page.locator("input[name=plan]").input_value()
    assert plan.count('"entry"') == 2


@pytest.mark.django_db(transaction=True)
def test_test_mode_shows_the_target_and_a_fifth_of_it_is_not_passed_nor_counted(
    live_server: Any, page: Page, shot: Any
) -> None:
    from tests.web.builders import one_short_thread

    make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    base = live_server.url
    log_in(page, base, "lena@example.org")
    page.goto(base + "/simulator/jowl/?mode=test&face=female")
    expect(page.locator(CANVAS)).to_be_visible()
    expect(page.locator('.sim-stage [data-area="target"]')).to_have_count(1)
    expect(page.locator(".sim-stage [data-zone]")).to_have_count(0)
    expect(page.locator(".sim-stage .zone-labels text")).to_have_count(0)
    expect(page.locator("[data-sim-objectives]")).to_contain_text("2–4 threads per side")
    shot("simulator-test-mode-target")

    short = one_short_thread("female")["threads"][0]
    type_thread(page, [short["entry"], *short["path"]])
    page.get_by_role("button", name="Submit for scoring").click()
    expect(page.get_by_role("heading", name="Lift the jowls: not passed")).to_be_visible()
    expect(page.locator(".verdict-badge")).to_have_text("Not passed")
    expect(page.locator('[data-objective-met="false"]').first).to_be_visible()
    expect(page.locator(".sim-objectives-met")).to_contain_text("does not count towards mastery")
    expect(page.locator(".sim-mastery")).to_contain_text("Current streak: 0 test attempts")
    shot("simulator-result-objectives")
