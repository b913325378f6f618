"""Pre-treatment instructions for a volunteer model, taken from the knowledge base.

Nothing here is new clinical content: each instruction is an aftercare record whose timing is
"before" or "before-and-after" (with its days counted back from the treatment date), or a
contraindication's own note or name that a model must act on before the day (a drug not to be
stopped without the prescriber, an active skin lesion at the site). Every item keeps the
sources, evidence grade and marks of the record it comes from.
"""

from __future__ import annotations

from datetime import date, timedelta

from threadlift.assessment.common import Cited
from threadlift.knowledge.base import KnowledgeBase

# Contraindications whose data a model must act on before the day: (id, how we phrase it).
# The phrasing only frames the record's own name or note; the clinical point is the record's.
ACT_BEFORE = (
    ("anticoagulant", "note"),
    ("active_infection_at_site", "name"),
)


# Categories of aftercare records that the model acts on; the others (e.g. "treatments" such
# as toxin before brow threads) are the clinician's part of the plan, not the model's.
FOR_THE_MODEL = ("activity", "medication", "skin-care", "comfort")


class PreTreatment(Cited):
    """One instruction: `text`, and from when it applies (`starts`, None: at any time)."""

    id: str
    text: str
    starts: date | None = None
    when: str
    applies_note: str | None = None


def _days(item_days: float | None) -> int:
    return int(item_days or 0)


def pre_treatment_instructions(kb: KnowledgeBase, treatment_date: date) -> tuple[PreTreatment, ...]:
    """What to do (or not do) before a treatment on `treatment_date`, with provenance.

    Instructions limited to some areas say so in `applies_note` (a model's areas are decided
    on the day)."""
    items: list[PreTreatment] = []
    for record in kb.aftercare:
        if record.timing not in ("before", "before-and-after") or record.duration is None:
            continue
        if record.category not in FOR_THE_MODEL:
            continue
        back = _days(record.duration.max_days or record.duration.min_days)
        starts = treatment_date - timedelta(days=back)
        when = f"from {starts:%d %b %Y} ({back} days before)" if back else "on the day"
        if record.timing == "before-and-after":
            when += ", and after treatment"
        areas = ", ".join(kb.indication(i).name.lower() for i in record.indications)
        note = f"Only for threads in: {areas}." if areas else None
        if record.applies_note:
            note = f"{note} {record.applies_note}" if note else record.applies_note
        items.append(
            PreTreatment(
                id=record.id,
                text=record.instruction,
                starts=starts,
                when=when,
                applies_note=note,
                sources=record.sources,
                evidence=record.evidence,
                marks=record.marks,
            )
        )
    for cid, part in ACT_BEFORE:
        c = kb.contraindication(cid)
        if part == "note":
            texts = list(c.notes)
        else:
            texts = [
                f"Tell us before the day if you have: {c.name.lower()}. We do not treat over it."
            ]
        for n, text in enumerate(texts):
            items.append(
                PreTreatment(
                    id=f"{cid}-{n}",
                    text=text,
                    when="before the day",
                    sources=c.sources,
                    evidence=c.evidence,
                    marks=c.marks,
                )
            )
    return tuple(items)
