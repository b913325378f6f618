"""Threads: materials, designs, branded products and what studies say about longevity."""

from __future__ import annotations

from pydantic import Field

from threadlift.knowledge.schemas.common import (
    CitedFigure,
    CitedMonthRange,
    Frozen,
    Gauge,
    Marks,
    MonthRange,
    Record,
    RecordId,
    SourceId,
    Text,
)
from threadlift.knowledge.vocab import IndicationId, MaterialId


class StrengthFigure(CitedFigure):
    """Tensile strength left after a time, as one source reports it.

    `weeks` is the time after implantation; `percent_retained` the share of the original
    strength still present (None when the source gives only words).
    """

    weeks: float | None = Field(default=None, ge=0)
    percent_retained: float | None = Field(default=None, ge=0, le=100)


class Material(Record):
    """A thread material. Absorption ranges and strength figures are lists, one per source."""

    id: MaterialId
    name: Text
    absorbable: bool
    absorption: tuple[CitedMonthRange, ...] = ()
    strength_retention: tuple[StrengthFigure, ...] = ()
    tissue_response: Text
    regulatory_notes: tuple[Text, ...] = ()
    notes: tuple[Text, ...] = ()


class Design(Record):
    """A thread design (or a design attribute, such as how barbs are made).

    `fixation` says whether the design needs an anchor; `is_attribute` is true for records
    describing a property of other designs (cut vs moulded barbs, floating vs fixed).
    """

    name: Text
    description: Text
    purpose: Text
    fixation: Text | None = None
    complication_notes: tuple[Text, ...] = ()
    is_attribute: bool = False


class Clearance(Frozen):
    """A regulatory clearance of a product (e.g. an FDA 510(k) number and its indication).

    Which indications the wording covers is read once, in `clearance_readings.yaml` (keyed by
    `reference`), and applied by `threadlift.knowledge.clearances`.
    """

    regulator: Text
    reference: Text
    indication: Text
    year: int | None = None
    date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    source: SourceId
    marks: Marks = ()


class Product(Record):
    """A branded thread the fact base confirms. Sizes are listed only where confirmed."""

    name: Text
    manufacturer: Text
    material: MaterialId
    material_note: str | None = None
    design: RecordId
    design_note: str | None = None
    lengths_mm: tuple[float, ...] = ()
    gauges: tuple[Gauge, ...] = ()
    usp_size: str | None = None
    clearances: tuple[Clearance, ...] = ()
    notes: tuple[Text, ...] = ()


class Longevity(Record):
    """What one study found about how long the effect lasts, by material.

    `material` is None for studies of mixed or non-specified threads; `independent` is false
    when the study is vendor-linked or sponsor-funded. `duration` is how long the effect lasted
    in months as the source reports or claims it: `min_months` the longest time it was still
    documented, `max_months` the time by which it was gone (either may be open); None where the
    source gives no time. `follow_up` is the study's follow-up period in months. `indications`
    names the areas a study was limited to (empty: face threads in general).
    """

    material: MaterialId | None
    indications: tuple[IndicationId, ...] = ()
    material_note: str | None = None
    study: Text
    thread: Text | None = None
    participants: int | None = Field(default=None, ge=1)
    finding: Text
    duration: MonthRange | None = None
    follow_up: MonthRange | None = None
    independent: bool
