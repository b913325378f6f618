"""The packaged curriculum passes `threadlift content check --strict` (issue 12's counts included).

This fails until the curriculum files (written on other branches) are merged: by design, so
that `make test` refuses an incomplete curriculum.
"""

from __future__ import annotations

from threadlift.content.checks import check_content
from threadlift.content.loader import DATA_DIR
from threadlift.knowledge import KnowledgeBase


def test_the_packaged_curriculum_is_complete_and_valid(kb: KnowledgeBase) -> None:
    report = check_content(kb, DATA_DIR)
    problems = [str(p) for p in report.problems + report.count_problems]
    assert problems == [], "\n".join(problems)
