"""Clinical collections: indications, complications, contraindications, aftercare."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, model_validator

from threadlift.knowledge.schemas.common import (
    CountRange,
    DayRange,
    Frozen,
    Gauge,
    Marks,
    Record,
    SourceId,
    Text,
)
from threadlift.knowledge.vocab import (
    ContraindicationKind,
    DesignId,
    IndicationId,
    Plane,
    ZoneId,
)


class Indication(Record):
    """A treatment area and how it is treated as published.

    `designs` are the designs usually used; `threads_per_side` is a count range with its own
    sources (None where no count is published); `gauges` are needle/cannula gauges (`"23G"`);
    `target_planes` the planes threads are placed in; `lift_vector` and `anchoring` are the
    published wording on direction and on the fixation area; `zones` are danger zones the
    sources name for this area.
    """

    id: IndicationId
    name: Text
    designs: tuple[DesignId, ...] = ()
    threads_per_side: CountRange | None = None
    gauges: tuple[Gauge, ...] = ()
    target_planes: tuple[Plane, ...] = ()
    lift_vector: str | None = None
    anchoring: str | None = None
    zones: tuple[ZoneId, ...] = ()
    notes: tuple[Text, ...] = ()


class Incidence(Frozen):
    """One published frequency of a complication.

    `figure` is the figure in words; `percent` its value in percent where it is one number
    (None otherwise); `kind` says what the denominator is: `pooled` (meta-analysis or
    systematic review), `series` (a treated series), or `referral-cohort` (patients who
    presented with complications, so a share of complications and not an incidence).
    """

    source: SourceId
    figure: Text
    percent: float | None = Field(default=None, ge=0, le=100)
    kind: Literal["pooled", "series", "referral-cohort"]
    population: str | None = None
    notes: str | None = None
    marks: Marks = ()


class Complication(Record):
    """A complication with its published frequencies, course and management.

    `severity` is an editorial triage class (`minor`, `moderate`, `serious`), not a published
    grade; `red_flags` are the signs that need urgent review; `refer_urgently` says when to
    refer; `zones` are the danger zones whose injury causes it; `risk_factors` are published
    modifiers. `frequency` is the record's own wording of how often it happens, said to the
    patient at consent (e.g. "no thread case found; known after fillers"); it is required
    when no pooled or series incidence is recorded, so that "how often" is never left blank.
    """

    name: Text
    incidence: tuple[Incidence, ...] = ()
    frequency: str | None = None
    onset: Text
    course: str | None = None
    severity: Literal["minor", "moderate", "serious"]
    management: tuple[Text, ...] = ()
    red_flags: tuple[Text, ...] = ()
    refer_urgently: str | None = None
    zones: tuple[ZoneId, ...] = ()
    risk_factors: tuple[Text, ...] = ()
    notes: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _says_how_often(self) -> Self:
        if not self.frequency and all(i.kind == "referral-cohort" for i in self.incidence):
            raise ValueError("give `frequency` in words: no pooled or series incidence recorded")
        return self


class Contraindication(Record):
    """A reason not to treat (`absolute`) or to treat only after weighing it (`relative`)."""

    name: Text
    kind: ContraindicationKind
    rationale: Text
    notes: tuple[Text, ...] = ()


class Visit(Frozen):
    """A follow-up visit after the procedure: within a range of days, or a number of calendar
    months later (one of the two)."""

    label: Text
    days: DayRange | None = None
    months: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _one_timing(self) -> Self:
        if (self.days is None) == (self.months is None):
            raise ValueError("give exactly one of days or months")
        return self


class Aftercare(Record):
    """One aftercare instruction.

    `duration` is the range of days the sources give (None when they give none, with
    `duration_note` saying why); `timing` is whether it applies before or after treatment.
    `visits` lists follow-up visits (for the follow-up record). `indications` and `designs`
    limit an instruction to those areas and thread designs (empty: every area, any design);
    `applies_note` says whose reading the limit is when the source does not state it.
    """

    instruction: Text
    indications: tuple[IndicationId, ...] = ()
    designs: tuple[DesignId, ...] = ()
    applies_note: str | None = None
    category: Literal[
        "comfort", "activity", "skin-care", "treatments", "medication", "follow-up", "expectations"
    ]
    timing: Literal["before", "after", "before-and-after"] = "after"
    duration: DayRange | None
    duration_note: str | None = None
    visits: tuple[Visit, ...] = ()
    notes: tuple[Text, ...] = ()


class CitedNote(Frozen):
    """A sourced statement inside a record (e.g. a validation figure of a scale)."""

    text: Text
    source: SourceId
    marks: Marks = ()
