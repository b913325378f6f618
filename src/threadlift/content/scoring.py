"""Quiz scoring and drawing (pure functions). The rules are documented in README.md.

- single best answer: 1 when the chosen option is the correct one, else 0;
- multiple response (our policy, per-option scoring): credit = max(0, (correct chosen −
  incorrect chosen) / number of correct options);
- hotspot: 1 when the click satisfies the item's answer region on the template face (or lies
  within the policy's tolerance of an `inside` target), else 0.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from threadlift.content.regions import click_is_correct
from threadlift.content.schemas import Question


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def score_single(item: Question, chosen: str | None) -> float:
    """1.0 for the one correct option, 0.0 otherwise (no answer scores 0)."""
    _expect(item, "single")
    return 1.0 if chosen is not None and chosen in item.correct_ids else 0.0


def score_multiple(item: Question, chosen: Collection[str]) -> float:
    """Per-option partial credit: (correct chosen − incorrect chosen) / correct, floored at 0."""
    _expect(item, "multiple")
    picked = set(chosen)
    unknown = picked - {o.id for o in item.options}
    if unknown:
        raise ValueError(f"unknown option id(s) {sorted(unknown)} for item {item.id!r}")
    right = len(picked & item.correct_ids)
    wrong = len(picked - item.correct_ids)
    return max(0.0, (right - wrong) / len(item.correct_ids))


def score_hotspot(
    item: Question, x: float, y: float, kb: Any, tolerance_mm: float | None = None
) -> float:
    """1.0 when (x, y) in the view's template-face mm satisfies the answer region, else 0.0.

    A click within `tolerance_mm` of an `inside` target counts (default: the policy's)."""
    _expect(item, "hotspot")
    assert item.view is not None
    assert item.answer is not None
    if tolerance_mm is None:
        from threadlift.content.forms import policy

        tolerance_mm = policy().hotspot_tolerance_mm
    return 1.0 if click_is_correct(item.view, item.answer, x, y, kb, tolerance_mm) else 0.0


ITEM_MAX = 1.0
"""Every item, whatever its kind, scores between 0 and this."""


def score_answer(item: Question, answer: Mapping[str, Any], kb: Any) -> float:
    """The score of a stored answer, by the item's kind: `{"options": [ids]}` for single and
    multiple-response items (a single item reads the first), `{"x": mm, "y": mm}` for hotspots.
    Always between 0 and `ITEM_MAX`; the order the options were chosen in does not matter."""
    if item.kind == "single":
        options = list(answer.get("options", []))
        return score_single(item, options[0] if options else None)
    if item.kind == "multiple":
        return score_multiple(item, list(answer.get("options", [])))
    return score_hotspot(item, float(answer["x"]), float(answer["y"]), kb)


def _expect(item: Question, kind: str) -> None:
    if item.kind != kind:
        raise ValueError(f"item {item.id!r} is a {item.kind} item, not {kind}")


class DrawnItem(_Frozen):
    """One item of a drawn quiz, with its options in the order shown (empty for hotspots)."""

    item_id: str
    option_order: tuple[str, ...]


class QuizDraw(_Frozen):
    items: tuple[DrawnItem, ...]
    pass_mark: float = Field(ge=0, le=1, description="fraction of the maximum score needed")
    seed: int


def draw_quiz(items: Sequence[Question], n: int, seed: int, pass_mark: float) -> QuizDraw:
    """Pick `n` items (all when fewer) in a seeded random order, each item's options shuffled.

    The same items, n and seed give the same draw.
    """
    if n < 1:
        raise ValueError("a quiz needs at least one item")
    if not 0 <= pass_mark <= 1:
        raise ValueError("the pass mark is a fraction between 0 and 1")
    rng = random.Random(seed)
    picked = rng.sample(list(items), min(n, len(items)))
    drawn = []
    for item in picked:
        order = [o.id for o in item.options]
        rng.shuffle(order)
        drawn.append(DrawnItem(item_id=item.id, option_order=tuple(order)))
    return QuizDraw(items=tuple(drawn), pass_mark=pass_mark, seed=seed)


class QuizResult(_Frozen):
    score: float
    maximum: int
    fraction: float
    passed: bool


def quiz_result(scores: Sequence[float], pass_mark: float) -> QuizResult:
    """Total of item scores (each 0-1) against the pass mark (a fraction of the maximum)."""
    total = float(sum(scores))
    fraction = total / len(scores) if scores else 0.0
    # a rounding hair below the mark (e.g. 0.7 as 7 * 0.1) still passes
    passed = bool(scores) and fraction + 1e-9 >= pass_mark
    return QuizResult(score=total, maximum=len(scores), fraction=fraction, passed=passed)
