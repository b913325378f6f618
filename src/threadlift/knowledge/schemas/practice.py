"""Practice: who may perform thread lifts where, and what accredited training contains."""

from __future__ import annotations

import re
from typing import Annotated, Self

from pydantic import Field, StringConstraints, model_validator

from threadlift.knowledge.schemas.common import Record, Text
from threadlift.knowledge.vocab import Confidence, Profession, RegulationStatus

JurisdictionCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")]
"""ISO 3166-1 alpha-2 (`US`) or ISO 3166-2 (`GB-ENG`, `AE-DU`) code."""


class Regulation(Record):
    """Whether one profession may perform thread lifts in one jurisdiction.

    `status` is `unknown` (with low confidence) wherever the sources say nothing for the
    profession; `conditions` list supervision, setting or licence requirements; `source_date`
    is the date of the law or source (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), None when unknown.
    """

    jurisdiction: JurisdictionCode
    jurisdiction_name: Text
    profession: Profession
    status: RegulationStatus
    conditions: tuple[Text, ...] = ()
    confidence: Confidence
    source_date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    notes: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _conditions_stated(self) -> Self:
        if self.status == "may_perform_with_conditions" and not self.conditions:
            raise ValueError("status may_perform_with_conditions needs at least one condition")
        if self.status == "unknown" and self.confidence != "low":
            raise ValueError("an unknown status can only have low confidence")
        return self


class TrainingStandard(Record):
    """What a standard or qualification is known to contain (`content`, one point per item)."""

    body: Text
    title: Text
    year: int | None = None
    content: tuple[Text, ...] = Field(min_length=1)
    thread_specific: bool = False


class Register(Record):
    """A professional register and, where known, the shape of its registration numbers.

    `names` are the ways practitioners write the regulator (matched case-insensitively, e.g.
    `GMC`, `General Medical Council`); `countries` the ISO 3166-1 countries it registers for.
    `number_pattern` is a full-match regular expression applied to the number after spaces are
    removed and letters upper-cased; None where no format is known (then any text is accepted).
    """

    name: Text
    names: tuple[Text, ...] = Field(min_length=1)
    countries: tuple[JurisdictionCode, ...] = Field(min_length=1)
    professions: tuple[Profession, ...] = Field(min_length=1)
    number_pattern: str | None = None
    number_format: Text | None = None
    number_example: Text | None = None

    @model_validator(mode="after")
    def _pattern_compiles_and_fits_its_example(self) -> Self:
        if self.number_pattern is None:
            return self
        if self.number_format is None or self.number_example is None:
            raise ValueError("a number_pattern needs a number_format and a number_example")
        try:
            compiled = re.compile(self.number_pattern)
        except re.error as exc:
            raise ValueError(f"number_pattern does not compile: {exc}") from None
        if not compiled.fullmatch(self.number_example):
            raise ValueError("number_example does not match number_pattern")
        return self
