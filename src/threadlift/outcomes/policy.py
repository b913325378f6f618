"""The follow-up schedule, the satisfaction scale and the registry's rules (data/outcomes.yaml),
validated once. Every value is our policy and carries its `unconfirmed` grade to the pages."""

from __future__ import annotations

import datetime as dt
import functools
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Visit(_Frozen):
    day: int = Field(ge=0, le=3650)
    label: str
    window_days: int = Field(ge=0, le=365)


class FollowUpPolicy(_Frozen):
    evidence: str
    note: str
    visits: tuple[Visit, ...] = Field(min_length=1)
    reminder_hour: int = Field(ge=0, le=23)

    @model_validator(mode="after")
    def _ordered(self) -> FollowUpPolicy:
        days = [v.day for v in self.visits]
        if days != sorted(set(days)):
            raise ValueError("visit days must be distinct and in order")
        return self


class Point(_Frozen):
    value: int
    label: str


class SatisfactionScale(_Frozen):
    evidence: str
    question: str
    note: str
    points: tuple[Point, ...] = Field(min_length=2)

    def label(self, value: int) -> str:
        return next(p.label for p in self.points if p.value == value)


class Band(_Frozen):
    label: str
    max_before: int | None = None
    max: float | None = None


class RegistryPolicy(_Frozen):
    evidence: str
    small_cell_threshold: int = Field(ge=1)
    note: str
    experience_bands: tuple[Band, ...]
    distance_bands_mm: tuple[Band, ...]

    def experience_band(self, cases_before: int) -> str:
        """The band of a trainee who had logged `cases_before` cases before this one."""
        for band in self.experience_bands:
            if band.max_before is None or cases_before <= band.max_before:
                return band.label
        raise ValueError("the last experience band must be open (max_before: null)")

    def distance_band(self, distance_mm: float) -> str:
        for band in self.distance_bands_mm:
            if band.max is None or distance_mm <= band.max:
                return band.label
        raise ValueError("the last distance band must be open (max: null)")


class OutcomesPolicy(_Frozen):
    follow_ups: FollowUpPolicy
    satisfaction: SatisfactionScale
    registry: RegistryPolicy


@functools.cache
def outcomes_policy() -> OutcomesPolicy:
    text = resources.files("threadlift.outcomes").joinpath("data/outcomes.yaml").read_text()
    return OutcomesPolicy.model_validate(yaml.safe_load(text))


def due_dates(treated_on: dt.date) -> list[tuple[Visit, dt.date]]:
    """The scheduled follow-up visits of a case treated on `treated_on`, with their due dates."""
    return [(v, treated_on + dt.timedelta(days=v.day)) for v in outcomes_policy().follow_ups.visits]
