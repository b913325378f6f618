"""How far a learner's signed logbook evidence goes towards one practice rule of a course (the
academy's policy), as a pure function of the rule and the evidence.

- A **cases** rule counts signed cases at exactly its supervision level (a rule without a level
  counts the cases recorded without one), of its indication when it names one.
- A **DOPS** rule counts signed DOPS whose overall level is at least `min_level` (a DOPS without
  a level counts as 0), of its indication when it names one, and also needs them signed by at
  least `min_trainers` different trainers.

The caller passes only signed evidence of the rule's course.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class CaseEvidence(_Frozen):
    """One signed case."""

    supervision: str
    indication: str


class DopsEvidence(_Frozen):
    """One signed DOPS: its overall level (0-4, or None when not given) and who signed it."""

    overall: int | None
    indication: str
    signer: int


class PracticeRule(_Frozen):
    kind: Literal["cases", "dops"]
    count: int = Field(ge=0)
    supervision: str = ""  # cases rules
    indication: str = ""  # blank: any indication
    min_level: int | None = None  # DOPS rules
    min_trainers: int = Field(default=0, ge=0)  # DOPS rules


class RuleCount(_Frozen):
    done: int
    needed: int
    trainers_done: int = 0
    trainers_needed: int = 0

    @property
    def met(self) -> bool:
        return self.done >= self.needed and self.trainers_done >= self.trainers_needed

    @property
    def percent(self) -> int:
        """Share of the count done, 0-100 (100 when nothing is needed)."""
        return min(100, round(100 * self.done / self.needed)) if self.needed else 100


def _of_indication(rule: PracticeRule, indication: str) -> bool:
    return not rule.indication or indication == rule.indication


def rule_count(
    rule: PracticeRule, cases: Iterable[CaseEvidence], dops: Iterable[DopsEvidence]
) -> RuleCount:
    """What the evidence does towards `rule`."""
    if rule.kind == "cases":
        done = sum(
            1
            for c in cases
            if c.supervision == rule.supervision and _of_indication(rule, c.indication)
        )
        return RuleCount(done=done, needed=rule.count)
    hits = [
        d
        for d in dops
        if (d.overall or 0) >= (rule.min_level or 0) and _of_indication(rule, d.indication)
    ]
    return RuleCount(
        done=len(hits),
        needed=rule.count,
        trainers_done=len({d.signer for d in hits}),
        trainers_needed=rule.min_trainers,
    )


__all__ = ["CaseEvidence", "DopsEvidence", "PracticeRule", "RuleCount", "rule_count"]
