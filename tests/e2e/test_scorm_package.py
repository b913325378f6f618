"""A module's SCORM 1.2 package played in Chromium under scorm-again's SCORM 1.2 run-time (npm,
tests/e2e/scorm): a harness page sets `window.API = new Scorm12API(...)` and opens a SCO in a
frame, as an LMS does. The quiz answered right reports `passed` with its score; answered wrong,
`failed`; a lesson reports `completed`."""

from __future__ import annotations

import functools
import http.server
import io
import os
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from threadlift.content import load_content
from threadlift.content.forms import policy
from threadlift.content.regions import click_is_correct, correct_region
from threadlift.content.schemas import Question
from threadlift.interop import scorm_package
from threadlift.knowledge import load_knowledge

RUNTIME = Path(__file__).parent / "scorm" / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
SHOTS = Path(os.environ.get("PACKAGES_SHOTS", "/tmp/packages-shots"))
MODULE = "anatomy_ageing"
HARNESS = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>SCORM 1.2 test harness</title>
<script src="/runtime/scorm12.js"></script>
<script>window.API = new Scorm12API({autocommit: false, logLevel: 5});</script>
</head><body><main><h1>SCORM 1.2 test harness (scorm-again)</h1>
<iframe title="The SCO under test" id="sco" width="1100" height="1400"></iframe>
<script>document.getElementById("sco").src = "/package/" + location.hash.slice(1);</script>
</main></body></html>
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not RUNTIME.exists():
        pytest.skip("scorm-again is not installed: run `make setup` (npm ci in tests/e2e/scorm)")
    root = tmp_path_factory.mktemp("scorm")
    kb = load_knowledge()
    content = load_content(kb)
    module = content.module(MODULE)
    data = scorm_package(
        module,
        content.lessons_of(MODULE),
        content.questions[MODULE],
        kb,
        pass_mark=policy().pass_mark,
    )
    zipfile.ZipFile(io.BytesIO(data)).extractall(root / "package")
    (root / "runtime").mkdir()
    shutil.copy(RUNTIME, root / "runtime" / "scorm12.js")
    (root / "harness.html").write_text(HARNESS)
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _quiz_items() -> list[Question]:
    return list(load_content(load_knowledge()).questions[MODULE])


def _right_point(q: Question) -> tuple[float, float]:
    assert q.view is not None
    assert q.answer is not None
    inner = correct_region(q.view, q.answer, load_knowledge()).representative_point()
    return round(inner.x, 1), round(inner.y, 1)


def _value(page: Any, key: str) -> str:
    return str(page.evaluate(f"window.API.LMSGetValue('{key}')"))


def _answer(page: Any, base: str, right: bool) -> Any:
    page.goto(f"{base}/harness.html#quiz.html")
    frame = page.frame_locator("#sco")
    expect(frame.locator("button[type=submit]")).to_be_visible()
    hotspots = 0
    for q in _quiz_items():
        if q.kind == "hotspot":
            x, y = _right_point(q) if right else (-500.0, -500.0)
            frame.locator(f'input[name="{q.id}.x"]').fill(str(x))
            frame.locator(f'input[name="{q.id}.y"]').fill(str(y))
            hotspots += 1
        for option in q.options:
            if option.correct == right:
                frame.locator(f'input[name="{q.id}"][value="{option.id}"]').check()
    assert hotspots, "the module has hotspot items, answered by typing the point"
    frame.locator("button[type=submit]").click()
    return frame


def test_the_quiz_answered_right_reports_passed_and_its_score(page: Any, served: str) -> None:
    frame = _answer(page, served, right=True)
    expect(frame.locator("#result")).to_have_attribute("data-status", "passed")
    assert _value(page, "cmi.core.lesson_status") == "passed"
    assert _value(page, "cmi.core.score.raw") == "100"
    assert _value(page, "cmi.core.score.min") == "0"
    assert _value(page, "cmi.core.score.max") == "100"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "scorm-quiz-passed.png"), full_page=True)


def test_the_quiz_answered_wrong_reports_failed(page: Any, served: str) -> None:
    frame = _answer(page, served, right=False)
    expect(frame.locator("#result")).to_have_attribute("data-status", "failed")
    assert _value(page, "cmi.core.lesson_status") == "failed"
    assert _value(page, "cmi.core.score.raw") == "0"
    page.screenshot(path=str(SHOTS / "scorm-quiz-failed.png"), full_page=True)


def test_a_click_on_the_face_fills_the_point_in_millimetres(page: Any, served: str) -> None:
    page.goto(f"{served}/harness.html#quiz.html")
    frame = page.frame_locator("#sco")
    q = next(q for q in _quiz_items() if q.kind == "hotspot")
    drawing = frame.locator(f'[data-item="{q.id}"] svg.hotspot-face')
    drawing.scroll_into_view_if_needed()
    drawing.click(position={"x": 150, "y": 150})
    x = float(frame.locator(f'input[name="{q.id}.x"]').input_value())
    y = float(frame.locator(f'input[name="{q.id}.y"]').input_value())
    assert -200 < x < 200
    assert -200 < y < 300


@pytest.mark.parametrize("away_mm", [2.0, 5.0])
def test_the_package_scores_a_point_near_a_target_as_the_platform_does(
    page: Any, served: str, away_mm: float
) -> None:
    """A point 2 mm outside the target counts (the policy's 3 mm), 5 mm does not: the package's
    script agrees with `click_is_correct`."""
    kb = load_knowledge()
    q = next(
        q
        for q in _quiz_items()
        if q.kind == "hotspot" and q.answer and q.answer.inside and not q.answer.outside_all_zones
    )
    assert q.view is not None
    assert q.answer is not None
    x, y = correct_region(q.view, q.answer, kb).buffer(away_mm).exterior.coords[0]
    expected = click_is_correct(q.view, q.answer, x, y, kb, policy().hotspot_tolerance_mm)
    assert expected == (away_mm < policy().hotspot_tolerance_mm)
    page.goto(f"{served}/harness.html#quiz.html")
    frame = page.frame_locator("#sco")
    frame.locator(f'input[name="{q.id}.x"]').fill(f"{x:.3f}")
    frame.locator(f'input[name="{q.id}.y"]').fill(f"{y:.3f}")
    frame.locator("button[type=submit]").click()
    verdict = frame.locator(f'[data-item="{q.id}"] .verdict')
    expect(verdict).to_have_text("Right." if expected else "Not right.")


def test_a_lesson_reports_completed_when_opened(page: Any, served: str) -> None:
    page.goto(f"{served}/harness.html#lesson_danger_zones.html")
    expect(page.frame_locator("#sco").locator("h1")).to_have_text("The facial danger zones")
    page.wait_for_function("window.API.LMSGetValue('cmi.core.lesson_status') === 'completed'")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "scorm-lesson.png"), full_page=True)
