"""The simulator on a phone (390 px, touch only, in Chromium): a thread is placed by tapping the
face, a point is moved by dragging it with a finger, two fingers pinch to zoom, one finger pans
the zoomed face, and the zone names are either readable (at least 10 px on the screen) or hidden
with a note saying to zoom in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, CDPSession, Page, expect

from tests.e2e.conftest import SCREENSHOTS

CANVAS = "[data-sim-canvas].is-ready"
THREADS = "[data-sim=threads] li"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


def save(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def screen_at_mm(page: Page, x: float, y: float) -> tuple[float, float]:
    """Scroll face point (x, y) mm to the middle of the screen; return where it is on screen."""
    point = page.evaluate(
        """([x, y]) => {
          const svg = document.querySelector('.sim-stage svg');
          const at = () => new DOMPoint(x, y).matrixTransform(svg.getScreenCTM());
          window.scrollBy(0, at().y - innerHeight / 2);
          const p = at();
          return [p.x, p.y];
        }""",
        [x, y],
    )
    return point[0], point[1]


def handle_mm(page: Page, thread: int, point: int) -> tuple[float, float]:
    handle = page.locator(f'.sim-handle[data-thread="{thread}"][data-point="{point}"]')
    return float(handle.get_attribute("cx") or "nan"), float(handle.get_attribute("cy") or "nan")


def finger_drag(cdp: CDPSession, start: tuple[float, float], end: tuple[float, float]) -> None:
    """One finger down at `start`, moved in steps to `end`, lifted (touch events, as a phone)."""
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [point(start)]})
    for k in range(1, 9):
        at = (start[0] + (end[0] - start[0]) * k / 8, start[1] + (end[1] - start[1]) * k / 8)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point(at)]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def point(xy: tuple[float, float], ident: int = 0) -> dict[str, float]:
    return {"x": xy[0], "y": xy[1], "id": ident}


def view_box(page: Page) -> list[float]:
    box = page.locator(".sim-stage svg").get_attribute("viewBox") or ""
    return [float(v) for v in box.split()]


@pytest.mark.django_db(transaction=True)
def test_a_thread_is_placed_by_tapping_and_a_point_moved_by_dragging_a_finger(
    live_server: Any, phone: Page
) -> None:
    page = phone
    page.goto(live_server.url + "/simulator/brow/?face=female")
    expect(page.locator(CANVAS)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="New thread").tap()
    for x, y in [(30.0, -5.0), (35.0, -25.0)]:
        page.touchscreen.tap(*screen_at_mm(page, x, y))
    page.get_by_role("button", name="Finish thread").tap()
    expect(page.locator(THREADS)).to_have_count(1)
    # at the whole-face size a screen pixel is about 0.7 mm
    entry, far = handle_mm(page, 0, 0), handle_mm(page, 0, 1)
    assert entry == (pytest.approx(30.0, abs=1), pytest.approx(-5.0, abs=1))
    assert far == (pytest.approx(35.0, abs=1), pytest.approx(-25.0, abs=1))

    # drag the far point 10 mm down with a finger
    cdp = page.context.new_cdp_session(page)
    start = screen_at_mm(page, *far)
    scale = page.evaluate("document.querySelector('.sim-stage svg').getScreenCTM().a")
    finger_drag(cdp, start, (start[0], start[1] + 10 * scale))
    moved = handle_mm(page, 0, 1)
    assert moved == (pytest.approx(far[0], abs=1), pytest.approx(far[1] + 10, abs=1))
    expect(page.locator(THREADS)).to_have_count(1)  # a drag adds nothing
    plan = page.locator("input[name=plan]").input_value()
    assert plan.count('"entry"') == 1
    page.get_by_role("button", name="Undo").tap()
    assert handle_mm(page, 0, 1) == far
    save(page, "phone-simulator-tapped-thread")


@pytest.mark.django_db(transaction=True)
def test_zone_names_are_hidden_with_a_note_until_zoomed_in_then_readable(
    live_server: Any, phone: Page
) -> None:
    page = phone
    page.goto(live_server.url + "/simulator/jowl/?face=female")
    expect(page.locator(CANVAS)).to_be_visible()
    labels = page.locator(".sim-stage .zone-labels")
    note = page.get_by_text("Zone names are too small to read at this size")
    expect(labels).to_be_hidden()
    expect(note).to_be_visible()
    page.get_by_role("button", name="Zoom in").tap()
    page.get_by_role("button", name="Zoom in").tap()
    expect(note).to_be_hidden()
    expect(labels).to_be_visible()
    smallest = page.evaluate(
        """() => {
          const svg = document.querySelector('.sim-stage svg');
          const px = svg.getScreenCTM().a;
          return Math.min(...[...svg.querySelectorAll('.zone-labels text')].map(
            (t) => parseFloat(getComputedStyle(t).fontSize) * px));
        }"""
    )
    assert smallest >= 10, smallest  # CSS px tall on the screen
    save(page, "phone-simulator-zoomed-labels")
    page.get_by_role("button", name="Whole face").tap()
    expect(note).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_two_fingers_zoom_in_and_one_finger_pans_the_zoomed_face_without_adding_a_point(
    live_server: Any, phone: Page
) -> None:
    page = phone
    page.goto(live_server.url + "/simulator/brow/?face=female")
    expect(page.locator(CANVAS)).to_be_visible()
    whole = view_box(page)
    cdp = page.context.new_cdp_session(page)
    cx, cy = screen_at_mm(page, whole[0] + whole[2] / 2, whole[1] + whole[3] / 2)
    fingers = [(cx - 30, cy), (cx + 30, cy)]
    cdp.send(
        "Input.dispatchTouchEvent",
        {"type": "touchStart", "touchPoints": [point(f, k) for k, f in enumerate(fingers)]},
    )
    for k in range(1, 9):
        spread = [(cx - 30 - 10 * k, cy), (cx + 30 + 10 * k, cy)]
        cdp.send(
            "Input.dispatchTouchEvent",
            {"type": "touchMove", "touchPoints": [point(f, n) for n, f in enumerate(spread)]},
        )
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    zoomed = view_box(page)
    assert zoomed[2] < whole[2] / 2  # fingers 60 px apart, then 220: more than twice as close

    page.get_by_role("button", name="New thread").tap()
    cx, cy = screen_at_mm(page, zoomed[0] + zoomed[2] / 2, zoomed[1] + zoomed[3] / 2)
    finger_drag(cdp, (cx, cy), (cx + 60, cy + 40))
    panned = view_box(page)
    assert panned[0] < zoomed[0]  # the face followed the finger right
    assert panned[1] < zoomed[1]  # and down
    assert panned[2] == pytest.approx(zoomed[2])
    assert page.locator(".sim-stage .sim-handle").count() == 0  # panning placed no point
