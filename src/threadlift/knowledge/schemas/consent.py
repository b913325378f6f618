"""The fixed wording of the consent document, and our reading of what each product clearance
covers. The consent document (`threadlift.assessment.consent`) fills these in; it adds nothing
clinical of its own."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from threadlift.knowledge.schemas.common import Record, RecordId, Text
from threadlift.knowledge.vocab import IndicationId

ConsentSection = Literal[
    "procedure",
    "regulatory",
    "duration",
    "alternatives",
    "complications",
    "aftercare",
    "photography",
    "emergency",
    "cooling_off",
]
"""Sections of the consent document that carry fixed, cited wording (in document order)."""


class ConsentClause(Record):
    """One paragraph of the consent document in the patient's words.

    `text` may use `{indication}` (the area's name), `{clinician}` and `{clinic_contact}`.
    `options` are statements the patient ticks or leaves (e.g. photographs for teaching);
    `alternatives` (ids of `alternatives.yaml`) are the treatments a clause offers instead.
    """

    section: ConsentSection
    title: Text
    text: Text
    options: tuple[Text, ...] = ()
    alternatives: tuple[RecordId, ...] = ()
    notes: tuple[Text, ...] = ()


class ClearanceReading(Record):
    """Which indications one regulatory clearance of a product covers, in our reading of its
    wording. `reference` is the clearance's reference (e.g. the FDA 510(k) number) as written
    in `products.yaml`; an indication not listed in `covers` is off-label for that clearance.
    A clearance with no reading covers nothing (the stricter answer)."""

    reference: Text
    covers: tuple[IndicationId, ...] = Field(default=())
    reading: Text
