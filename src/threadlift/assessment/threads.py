"""Thread choice: the published options for an indication, ranked, with the patient's cautions."""

from __future__ import annotations

from threadlift.assessment.common import Cited, Frozen
from threadlift.assessment.suitability import Assessment, Verdict
from threadlift.knowledge.base import KnowledgeBase
from threadlift.knowledge.vocab import IndicationId, Mark


class PerSide(Frozen):
    """Threads per side as published (a count range with its own sources)."""

    min: int
    max: int
    sources: tuple[str, ...]
    marks: tuple[Mark, ...] = ()


class ThreadChoice(Cited):
    """One ranked option; None fields mean the sources do not give that detail.

    `cautions` are the patient's reasons (caution or worse) that bear on this area, and
    `verdict` the area's verdict, when an assessment was given.
    """

    id: str
    indication: IndicationId
    rank: int
    material: str | None
    material_name: str | None
    material_note: str | None
    design: str | None
    design_name: str | None
    design_note: str | None
    threads_per_side: PerSide | None
    gauge: str | None
    rationale: str
    notes: tuple[str, ...]
    cautions: tuple[str, ...] = ()
    verdict: Verdict | None = None


def thread_options(
    kb: KnowledgeBase, indication: IndicationId, assessment: Assessment | None = None
) -> tuple[ThreadChoice, ...]:
    """Published options for `indication`, best first (by the data's rank).

    With an assessment, each option carries the area's verdict and the cautions that apply to
    the patient (general reasons and this area's), so the ranking is read in context. A patient
    or an area that is not suitable gets no options at all: no threads, no counts.
    """
    kb.indication(indication)  # unknown ids raise KnowledgeError naming the id
    cautions: tuple[str, ...] = ()
    verdict: Verdict | None = None
    if assessment is not None:
        cautions = tuple(
            r.message
            for r in assessment.reasons
            if r.severity != "info" and (r.area is None or r.area == indication)
        )
        verdict = next((a.verdict for a in assessment.areas if a.area == indication), None)
        if verdict == "not_suitable" or any(
            r.severity == "not_suitable" and r.area is None for r in assessment.reasons
        ):
            return ()
    options = sorted(
        (o for o in kb.thread_options if o.indication == indication), key=lambda o: o.rank
    )
    return tuple(
        ThreadChoice(
            id=o.id,
            indication=o.indication,
            rank=o.rank,
            material=o.material,
            material_name=kb.material(o.material).name if o.material else None,
            material_note=o.material_note,
            design=o.design,
            design_name=kb.design(o.design).name if o.design else None,
            design_note=o.design_note,
            threads_per_side=(
                PerSide(
                    min=o.threads_per_side.min,
                    max=o.threads_per_side.max,
                    sources=o.threads_per_side.sources,
                    marks=o.threads_per_side.marks,
                )
                if o.threads_per_side
                else None
            ),
            gauge=o.gauge,
            rationale=" ".join(o.rationale.split()),
            notes=o.notes,
            cautions=cautions,
            verdict=verdict,
            sources=o.sources,
            evidence=o.evidence,
            marks=o.marks,
        )
        for o in options
    )
