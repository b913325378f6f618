"""Rules of the clinical assessment as data: suitability, alternatives, thread options,
expectations and complication triage.

The assessment engine (`threadlift.assessment`) only evaluates these records; every clinical
judgement lives here with its sources, evidence grade and marks.
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from threadlift.knowledge.schemas.common import (
    CountRange,
    DayRange,
    Frozen,
    Gauge,
    Record,
    RecordId,
    Text,
)
from threadlift.knowledge.vocab import (
    Concern,
    ContraindicationKind,
    IndicationId,
    MaterialId,
    Severity,
    Symptom,
    Urgency,
)


class Alternative(Record):
    """A treatment to name instead of (or besides) threads, and why, in plain words."""

    treatment: Text
    why: Text


# What a suitability rule looks at. Each test is monotone: a patient who meets it still meets
# it after gaining a condition, a symptom of laxity or a year of age, so that adding a problem
# can never improve a verdict.


class WhenContraindication(Frozen):
    """Any listed condition whose contraindication record is of this kind."""

    kind: Literal["contraindication"] = "contraindication"
    contraindication_kind: ContraindicationKind


class WhenAge(Frozen):
    """Age in years strictly above `above`."""

    kind: Literal["age"] = "age"
    above: int = Field(ge=0)


class WhenScreenPositive(Frozen):
    """A screening instrument scored positive by its published rule or cut-off."""

    kind: Literal["screen_positive"] = "screen_positive"
    instrument: Literal["bddq_as", "dcq"]


class WhenScreenMissing(Frozen):
    """No body-dysmorphic screen was recorded."""

    kind: Literal["screen_missing"] = "screen_missing"


class WhenLaxity(Frozen):
    """Laxity of an area (0-4) at or above `at_least`; the reason is given per area."""

    kind: Literal["laxity"] = "laxity"
    at_least: int = Field(ge=0, le=4)


class WhenConcern(Frozen):
    """An area whose concern is one of `concerns`; the reason is given per area."""

    kind: Literal["concern"] = "concern"
    concerns: tuple[Concern, ...] = Field(min_length=1)


class WhenSkin(Frozen):
    """Skin thickness or photodamage in the listed values, or Glogau at least `glogau_at_least`."""

    kind: Literal["skin"] = "skin"
    thickness: tuple[Literal["thin", "normal", "thick"], ...] = ()
    photodamage: tuple[Literal["none", "mild", "moderate", "severe"], ...] = ()
    glogau_at_least: int | None = Field(default=None, ge=1, le=4)

    @model_validator(mode="after")
    def _some_test(self) -> Self:
        if not self.thickness and not self.photodamage and self.glogau_at_least is None:
            raise ValueError("give thickness, photodamage or glogau_at_least")
        return self


class WhenSmoker(Frozen):
    kind: Literal["smoker"] = "smoker"


class WhenHistory(Frozen):
    """A previous treatment of one of `treatments` in an area being assessed."""

    kind: Literal["history"] = "history"
    treatments: tuple[Literal["threads", "filler", "surgery"], ...] = Field(min_length=1)


class WhenAlways(Frozen):
    """Applies to every patient (a standing caveat, such as a threshold nobody published)."""

    kind: Literal["always"] = "always"


When = Annotated[
    WhenContraindication
    | WhenAge
    | WhenScreenPositive
    | WhenScreenMissing
    | WhenLaxity
    | WhenConcern
    | WhenSkin
    | WhenSmoker
    | WhenHistory
    | WhenAlways,
    Field(discriminator="kind"),
]


class SuitabilityRule(Record):
    """One suitability rule: when it applies, how much it weighs, what to tell the clinician.

    `message` may use `{area}` (area rules) and `{name}` (the contraindication's name).
    For contraindication rules the reason cites the contraindication record's own sources and
    grade; `sources` here support the mapping of kind to severity. `referral` is advice to refer
    (e.g. for a positive body-dysmorphic screen); `alternatives` are ids of `alternatives`.
    """

    name: Text
    when: When
    severity: Severity
    message: Text
    referral: str | None = None
    alternatives: tuple[RecordId, ...] = ()
    notes: tuple[Text, ...] = ()


class ThreadOption(Record):
    """A published way of treating an indication: material, design, count and gauge per side.

    `rank` orders the options of one indication (1 first); None fields mean the sources do not
    give that detail (say so in `material_note` / `design_note`).
    """

    indication: IndicationId
    rank: int = Field(ge=1)
    material: MaterialId | None
    material_note: str | None = None
    design: RecordId | None
    design_note: str | None = None
    threads_per_side: CountRange | None = None
    gauge: Gauge | None = None
    rationale: Text
    notes: tuple[Text, ...] = ()


class Expectation(Record):
    """What a patient should expect from one material (None: any thread), in plain words.

    `longevity` lists ids of the `longevity` studies the statement summarises.
    """

    material: MaterialId | None
    statement: Text
    longevity: tuple[RecordId, ...] = ()


class TriageRule(Record):
    """A symptom pattern, the complications it suggests and how urgently to act.

    The rule matches when every symptom of `all_of` is present, at least one of `any_of` (when
    given) is present, and the days since the procedure fall in `days` (when given). Matching
    only ever needs symptoms to be present, never absent, so reporting one more symptom can only
    add matches: urgency never falls. `red_flag` rules must be `urgent` or `emergency` and must
    not depend on the day.

    Day windows make a rule day-aware: the same symptom may have an early rule (`max_days`) and
    a later, more urgent one (`min_days`), e.g. swelling expected in the first three weeks and
    reviewed after. A later day can only lower urgency where a rule's `max_days` says so.
    `patient_text` is the red flag in the patient's words, for the "contact us at once if"
    block of the aftercare schedule and the consent document (required for red flags).
    """

    name: Text
    all_of: tuple[Symptom, ...] = ()
    any_of: tuple[Symptom, ...] = ()
    days: DayRange | None = None
    complications: tuple[RecordId, ...] = ()
    urgency: Urgency
    red_flag: bool = False
    advice: Text
    patient_text: str | None = None
    notes: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _coherent(self) -> Self:
        if not self.all_of and not self.any_of:
            raise ValueError("give all_of or any_of symptoms")
        if self.red_flag and self.urgency not in ("urgent", "emergency"):
            raise ValueError("a red-flag rule must be urgent or emergency")
        if self.red_flag and self.days is not None:
            raise ValueError("a red-flag rule must apply on any day")
        if self.red_flag and not self.patient_text:
            raise ValueError("a red-flag rule needs patient_text (the patient's words)")
        return self
