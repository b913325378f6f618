"""Review dates of modules and lessons: checked, inherited, and overdue after `review_by`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from threadlift.content.review import lesson_review

MODULE = "modules/anatomy_ageing/module.yaml"
LESSON = "modules/anatomy_ageing/layers_of_the_face.md"


def test_review_by_before_reviewed_is_refused(edit: Any, problems: Any) -> None:
    edit(MODULE, lambda data: data.update(reviewed="2026-12-01", review_by="2026-01-01"))
    assert any(
        "anatomy_ageing: review_by: is before the date it was reviewed" in p for p in problems()
    )


def test_a_lesson_overriding_its_dates_is_checked_too(tree: Path, problems: Any) -> None:
    path = tree / LESSON
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("---\n", "---\nreviewed: 2026-06-01\nreview_by: 2026-05-01\n", 1),
        encoding="utf-8",
    )
    assert any("layers_of_the_face: review_by: is before" in p for p in problems())


def test_a_lesson_has_its_modules_dates_unless_it_gives_its_own() -> None:
    module = {"module_reviewed": dt.date(2026, 1, 1), "module_review_by": dt.date(2027, 1, 1)}
    inherited = lesson_review(**module, reviewed=None, review_by=None)
    assert inherited.review_by == dt.date(2027, 1, 1)
    own = lesson_review(**module, reviewed=dt.date(2025, 1, 1), review_by=dt.date(2026, 1, 1))
    assert own.overdue(dt.date(2026, 1, 2))
    assert not own.overdue(dt.date(2026, 1, 1))
