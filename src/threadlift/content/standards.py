"""Standard setting by the modified Angoff method, as pure functions.

Each judge (a trainer) states, per item, the percentage of borderline candidates — those just
good enough to pass — who would answer it correctly (0–100). A judge's cut score is the mean of
their judgements; the panel's cut score is the mean of the judges' cut scores, and the spread is
the standard deviation (population) and range of the judges' cut scores. A form's cut score is
the mean, over its items, of each item's mean judgement (an item nobody judged takes the panel's
cut score), so forms of different difficulty get different marks. Pure core: no Django.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from pydantic import BaseModel, ConfigDict

Judgements = Mapping[str, Mapping[str, float]]
"""item id -> judge id -> percentage (0–100)."""


class AngoffResult(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    cut_score: float  # percent
    judges: int
    items: int  # items with at least one judgement
    sd: float  # of the judges' cut scores
    lowest: float
    highest: float
    item_means: dict[str, float]
    judge_cuts: dict[str, float]


def check_value(value: float) -> str | None:
    """A field message when `value` is not a percentage, else None."""
    if not math.isfinite(value) or not 0 <= value <= 100:
        return "Give a percentage from 0 to 100."
    return None


def angoff(judgements: Judgements) -> AngoffResult | None:
    """The panel's cut score from the judgements, None when there is none."""
    per_judge: dict[str, list[float]] = {}
    item_means: dict[str, float] = {}
    for item_id, by_judge in judgements.items():
        values = [float(v) for v in by_judge.values()]
        for v in values:
            if check_value(v):
                raise ValueError(f"judgement {v!r} on {item_id!r} is not within 0-100")
        if values:
            item_means[item_id] = sum(values) / len(values)
        for judge, v in by_judge.items():
            per_judge.setdefault(judge, []).append(float(v))
    if not per_judge:
        return None
    cuts = {j: sum(v) / len(v) for j, v in per_judge.items()}
    mean = sum(cuts.values()) / len(cuts)
    sd = math.sqrt(sum((c - mean) ** 2 for c in cuts.values()) / len(cuts))
    return AngoffResult(
        cut_score=mean,
        judges=len(cuts),
        items=len(item_means),
        sd=sd,
        lowest=min(cuts.values()),
        highest=max(cuts.values()),
        item_means=item_means,
        judge_cuts=cuts,
    )


def form_cut_score(result: AngoffResult, item_ids: Sequence[str]) -> float:
    """The cut score (percent) of one form: the mean of its items' mean judgements."""
    if not item_ids:
        return result.cut_score
    values = [result.item_means.get(i, result.cut_score) for i in item_ids]
    return sum(values) / len(values)
