"""Item statistics of classical test theory, as pure functions on a response matrix.

A response matrix is a sequence of rows, one per attempt, each a sequence of item scores in
[0, 1] (1 correct, 0 wrong, fractions for partial credit), same items in the same order.
Variances are population variances (divide by n), as in the KR-20 formula's textbook form; the
same convention in KR-20 and alpha makes them equal on 0/1 scores.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict

Matrix = Sequence[Sequence[float]]


class Thresholds(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    status: str
    source: str
    facility_min: float
    facility_max: float
    discrimination_min: float
    min_responses: int


@functools.cache
def thresholds() -> Thresholds:
    """The review thresholds (item_statistics.yaml)."""
    text = resources.files("threadlift.content").joinpath("item_statistics.yaml").read_text()
    return Thresholds.model_validate(yaml.safe_load(text))


def _column(matrix: Matrix, item: int) -> list[float]:
    return [float(row[item]) for row in matrix]


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def _variance(values: Sequence[float]) -> float:
    m = _mean(values)
    return sum((v - m) ** 2 for v in values) / len(values)


def _width(matrix: Matrix) -> int:
    widths = {len(row) for row in matrix}
    if len(widths) > 1:
        raise ValueError("every row of the response matrix needs the same number of items")
    return widths.pop() if widths else 0


def facility(matrix: Matrix, item: int) -> float | None:
    """Mean score of the item (proportion correct for 0/1 items); None without responses."""
    if not matrix:
        return None
    return _mean(_column(matrix, item))


def discrimination(matrix: Matrix, item: int, min_responses: int | None = None) -> float | None:
    """Corrected point-biserial: Pearson correlation of the item's score with the rest score
    (total minus this item). None below `min_responses` (default from the thresholds) or when
    either has no variance (the correlation is undefined)."""
    needed = thresholds().min_responses if min_responses is None else min_responses
    if len(matrix) < max(needed, 2):
        return None
    xs = _column(matrix, item)
    rest = [sum(float(v) for v in row) - float(row[item]) for row in matrix]
    mx, mr = _mean(xs), _mean(rest)
    cov = sum((x - mx) * (r - mr) for x, r in zip(xs, rest, strict=True))
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sr = math.sqrt(sum((r - mr) ** 2 for r in rest))
    if sx == 0 or sr == 0:
        return None
    return cov / (sx * sr)


def distractor_frequencies(
    choices: Iterable[Iterable[str]], option_ids: Sequence[str]
) -> dict[str, float]:
    """How often each option was chosen, as a proportion of responses (multiple-response
    answers count each option chosen). Options nobody chose are 0."""
    responses = [set(c) for c in choices]
    counts = Counter(o for r in responses for o in r)
    n = len(responses)
    return {o: (counts[o] / n if n else 0.0) for o in option_ids}


def cronbach_alpha(matrix: Matrix) -> float | None:
    """k/(k−1) · (1 − Σ item variances / variance of totals); None when undefined (fewer than
    2 items or 2 attempts, or totals without variance)."""
    k = _width(matrix)
    if k < 2 or len(matrix) < 2:
        return None
    totals = [sum(float(v) for v in row) for row in matrix]
    total_var = _variance(totals)
    if total_var == 0:
        return None
    item_var = sum(_variance(_column(matrix, i)) for i in range(k))
    return k / (k - 1) * (1 - item_var / total_var)


def kr20(matrix: Matrix) -> float | None:
    """KR-20 for dichotomous (0/1) scores: k/(k−1) · (1 − Σ p·q / variance of totals)."""
    k = _width(matrix)
    if any(v not in (0, 1) for row in matrix for v in row):
        raise ValueError("KR-20 needs 0/1 scores; use cronbach_alpha for partial credit")
    if k < 2 or len(matrix) < 2:
        return None
    totals = [sum(float(v) for v in row) for row in matrix]
    total_var = _variance(totals)
    if total_var == 0:
        return None
    pq = 0.0
    for i in range(k):
        p = _mean(_column(matrix, i))
        pq += p * (1 - p)
    return k / (k - 1) * (1 - pq / total_var)


def reliability(matrix: Matrix) -> float | None:
    """KR-20 when every score is 0/1, else Cronbach's alpha."""
    if all(v in (0, 1) for row in matrix for v in row):
        return kr20(matrix)
    return cronbach_alpha(matrix)


class ItemStatistics(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    item_id: str
    responses: int
    facility: float | None
    discrimination: float | None


class ItemFlag(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    item_id: str
    flags: tuple[str, ...]


def item_statistics(matrix: Matrix, item_ids: Sequence[str]) -> tuple[ItemStatistics, ...]:
    if _width(matrix) not in (0, len(item_ids)):
        raise ValueError("one item id per column of the response matrix")
    return tuple(
        ItemStatistics(
            item_id=item_id,
            responses=len(matrix),
            facility=facility(matrix, i),
            discrimination=discrimination(matrix, i),
        )
        for i, item_id in enumerate(item_ids)
    )


def flags(
    stats: Iterable[ItemStatistics], limits: Thresholds | None = None
) -> tuple[ItemFlag, ...]:
    """Items to review: `too_hard` (facility below the minimum), `too_easy` (above the
    maximum), `low_discrimination` (below the minimum, when it is shown)."""
    t = limits or thresholds()
    out = []
    for s in stats:
        found = []
        if s.facility is not None and s.facility < t.facility_min:
            found.append("too_hard")
        if s.facility is not None and s.facility > t.facility_max:
            found.append("too_easy")
        if s.discrimination is not None and s.discrimination < t.discrimination_min:
            found.append("low_discrimination")
        if found:
            out.append(ItemFlag(item_id=s.item_id, flags=tuple(found)))
    return tuple(out)
