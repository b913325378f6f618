"""Building blocks shared by every collection: the record base, ranges and cited figures."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from threadlift.knowledge.vocab import Evidence, Mark

SourceId = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Za-z0-9-]*$")]
"""A bibliography id: the fact base's own labels (`R1`, `A44a`) or `TA-FACTBASE`."""

RecordId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
"""A stable record id: lower case, digits, `_` and `-`."""

Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]

Gauge = Annotated[str, StringConstraints(pattern=r"^\d{2}G$")]
"""A needle or cannula gauge, e.g. `"23G"`."""
Marks = tuple[Mark, ...]


class Frozen(BaseModel):
    """Base of every knowledge model: immutable, and unknown keys in a data file are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Record(Frozen):
    """A record of a collection.

    `sources` are bibliography ids (at least one); `evidence` is the grade of the source of the
    claim the record shows, which is listed first (not the strongest source on the record);
    `marks` carry the fact base's [U]/[S]/[M] caveats for the record as a whole (a figure
    inside a record may carry its own marks).
    """

    id: RecordId
    sources: tuple[SourceId, ...] = Field(min_length=1)
    evidence: Evidence
    marks: Marks = ()


class CitedFigure(Frozen):
    """One published figure in words, with the single source it comes from and its caveats."""

    text: Text
    source: SourceId
    marks: Marks = ()


def _check_order(low: float | None, high: float | None, what: str) -> None:
    if low is not None and high is not None and low > high:
        raise ValueError(f"{what}: minimum {low} is greater than maximum {high}")


class DayRange(Frozen):
    """A duration in days; either end may be open (None) when the source gives only one."""

    min_days: float | None = Field(default=None, ge=0)
    max_days: float | None = Field(default=None, ge=0)
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        _check_order(self.min_days, self.max_days, "days")
        return self


class MonthRange(Frozen):
    """A duration in months; either end may be open (None) when the source gives only one."""

    min_months: float | None = Field(default=None, ge=0)
    max_months: float | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        _check_order(self.min_months, self.max_months, "months")
        return self


class CitedMonthRange(MonthRange):
    """A month range as one source gives it (e.g. absorption time of a material)."""

    source: SourceId
    note: str | None = None
    marks: Marks = ()


class CountRange(Frozen):
    """A count range (e.g. threads per side) with its own sources and caveats."""

    min: int = Field(ge=0)
    max: int = Field(ge=0)
    sources: tuple[SourceId, ...] = Field(min_length=1)
    marks: Marks = ()

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        _check_order(self.min, self.max, "count")
        return self
