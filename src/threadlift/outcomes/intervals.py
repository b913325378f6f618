"""Proportions with the Wilson score interval.

The Wilson interval (Wilson 1927) is the one Newcombe (1998) recommends over the simple
("Wald") interval for small counts and rates near 0 %: it never leaves [0, 1] and does not
collapse to a width of zero when no event has been seen. A registry of thread-lift
complications has exactly those: few cases per group and rare events.
"""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict, Field, model_validator

Z_95 = 1.959963984540054  # the two-sided 95 % normal quantile


def wilson_interval(events: int, cases: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval for `events` out of `cases`, as proportions in [0, 1].

    Raises ValueError for a negative count, more events than cases, or no cases (a rate of
    nothing has no interval)."""
    if cases <= 0:
        raise ValueError("cases must be at least 1")
    if not 0 <= events <= cases:
        raise ValueError("events must be between 0 and cases")
    p = events / cases
    z2 = z * z
    denominator = 1 + z2 / cases
    centre = (p + z2 / (2 * cases)) / denominator
    half = z * math.sqrt(p * (1 - p) / cases + z2 / (4 * cases * cases)) / denominator
    # at 0 and n events the bound is exactly 0 or 1 (rounding must not leave a sliver)
    low = 0.0 if events == 0 else max(0.0, centre - half)
    high = 1.0 if events == cases else min(1.0, centre + half)
    return low, high


class Rate(BaseModel):
    """`events` of `cases` with the proportion and its 95 % Wilson interval."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    events: int = Field(ge=0)
    cases: int = Field(ge=1)
    proportion: float
    low: float
    high: float

    @model_validator(mode="after")
    def _consistent(self) -> Rate:
        if self.events > self.cases:
            raise ValueError("events cannot exceed cases")
        return self

    def exceeds(self, published_percent: float) -> bool:
        """The interval's lower bound lies above a published rate (given in percent): the
        group's rate is higher than the literature's with 95 % confidence."""
        return self.low * 100 > published_percent


def rate(events: int, cases: int) -> Rate:
    low, high = wilson_interval(events, cases)
    return Rate(events=events, cases=cases, proportion=events / cases, low=low, high=high)
