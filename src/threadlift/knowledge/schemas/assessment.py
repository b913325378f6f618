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


class WhenScreenIncomplete(Frozen):
    """A screen was recorded but its published rule cannot be decided from the answers given
    (BDDQ-AS: items 1 and 2 yes, not positive so far, and an item that could still make it
    positive left blank). Never read as a negative screen."""

    kind: Literal["screen_incomplete"] = "screen_incomplete"
    instrument: Literal["bddq_as"]


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


PreviousTreatmentKind = Literal["threads", "filler", "surgery", "energy_device"]
"""What was done before in an area (`energy_device`: radiofrequency, laser, IPL, HIFU or
microneedling)."""


class WhenHistory(Frozen):
    """A previous treatment of one of `treatments` in an area being assessed, less than
    `within_months` ago when given (an interval that is data, e.g. for filler).

    `unless_within_months` hands the most recent treatments to a stricter rule: a treatment
    less than that many months ago is left to it, so that one history item is said once (e.g.
    surgery within 6 months is not suitable, from 6 to 12 months a caution)."""

    kind: Literal["history"] = "history"
    treatments: tuple[PreviousTreatmentKind, ...] = Field(min_length=1)
    within_months: float | None = Field(default=None, gt=0)
    unless_within_months: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _window(self) -> Self:
        if self.unless_within_months is not None and (
            self.within_months is None or self.unless_within_months >= self.within_months
        ):
            raise ValueError("unless_within_months needs a larger within_months")
        return self


class WhenAlways(Frozen):
    """Applies to every patient (a standing caveat, such as a threshold nobody published)."""

    kind: Literal["always"] = "always"


class WhenNoLaxity(Frozen):
    """An area with laxity at most `at_most` whose concern is one of `concerns`: a lift asked
    for where there is nothing to lift. The reason is given per area.

    This is the one test that is not monotone in laxity (more laxity can clear it); it is
    monotone in everything else."""

    kind: Literal["no_laxity"] = "no_laxity"
    at_most: int = Field(ge=0, le=4)
    concerns: tuple[Concern, ...] = Field(min_length=1)


class WhenThreadsPresent(Frozen):
    """Previous threads in an assessed area whose material is still present by the material's
    absorption data: non-absorbable always; absorbable while `months_ago` is below the longest
    published absorption time (no published end: assumed present); material unknown: assumed
    present. The reason is given per area and cites the absorption figures used."""

    kind: Literal["threads_present"] = "threads_present"


MedicalFlag = Literal[
    "allergy_local_anaesthetic",
    "allergy_polymer",
    "allergy_other",
    "isotretinoin_last_6_months",
    "recent_dental_treatment_or_infection",
    "cold_sores_in_area",
    "permanent_filler_in_area",
]
"""Yes/no items of the pre-treatment medical history (`allergy_other`: any other allergy)."""


class WhenMedicalFlag(Frozen):
    """A yes to one item of the recorded pre-treatment medical history."""

    kind: Literal["medical_flag"] = "medical_flag"
    flag: MedicalFlag


class WhenNotRecorded(Frozen):
    """A part of the consultation that was not recorded at all (unknown is not "no")."""

    kind: Literal["not_recorded"] = "not_recorded"
    part: Literal["medical", "expectations"]


class WhenUnrealisticExpectations(Frozen):
    """The clinician judged the patient's expectations unrealistic after discussing them (when
    `judged` is true), or the patient expects the result to last longer than
    `expected_months_above` months (when given)."""

    kind: Literal["unrealistic_expectations"] = "unrealistic_expectations"
    judged: bool = True
    expected_months_above: float | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _some_test(self) -> Self:
        if not self.judged and self.expected_months_above is None:
            raise ValueError("give judged: true or expected_months_above")
        return self


class WhenConditionsTogether(Frozen):
    """Every condition of `all_of`, and at least one of `any_of` when given, are recorded
    together (ids of contraindications)."""

    kind: Literal["conditions_together"] = "conditions_together"
    all_of: tuple[RecordId, ...] = Field(min_length=1)
    any_of: tuple[RecordId, ...] = ()


class WhenRiskCount(Frozen):
    """At least `at_least` reasons given by the rules listed in `rules` (for example three
    relative contraindications): risks that add up. Evaluated after every other rule; the
    message may use `{count}` and `{reasons}` (the names of the reasons counted)."""

    kind: Literal["risk_count"] = "risk_count"
    rules: tuple[RecordId, ...] = Field(min_length=1)
    at_least: int = Field(ge=2)


When = Annotated[
    WhenContraindication
    | WhenAge
    | WhenScreenPositive
    | WhenScreenMissing
    | WhenScreenIncomplete
    | WhenLaxity
    | WhenConcern
    | WhenSkin
    | WhenSmoker
    | WhenHistory
    | WhenAlways
    | WhenNoLaxity
    | WhenThreadsPresent
    | WhenMedicalFlag
    | WhenNotRecorded
    | WhenUnrealisticExpectations
    | WhenConditionsTogether
    | WhenRiskCount,
    Field(discriminator="kind"),
]


class SuitabilityRule(Record):
    """One suitability rule: when it applies, how much it weighs, what to tell the clinician.

    `message` may use `{area}` (area rules) and `{name}` (the contraindication's name).
    For contraindication rules the reason cites the contraindication record's own sources and
    grade; `sources` here support the mapping of kind to severity. `notes` are printed with
    the reason wherever it is shown (CLI and web report), e.g. "never stop an anticoagulant
    without the prescriber". `referral` is advice to refer
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
