"""The consultation report: assessment, thread options per area and what to expect."""

from __future__ import annotations

from typing import Literal

from threadlift.assessment.common import Frozen
from threadlift.assessment.expectations import Expectations, Statement, expectations
from threadlift.assessment.profile import PatientProfile
from threadlift.assessment.suitability import Assessment, assess
from threadlift.assessment.threads import ThreadChoice, thread_options
from threadlift.knowledge.base import KnowledgeBase
from threadlift.knowledge.vocab import IndicationId, MaterialId


class AreaOptions(Frozen):
    """The options for one area; none, with `withheld` saying why, when the patient ("patient")
    or the area ("area") is not suitable."""

    area: IndicationId
    name: str
    options: tuple[ThreadChoice, ...]
    withheld: Literal["patient", "area"] | None = None


class ConsultationReport(Frozen):
    profile: PatientProfile
    assessment: Assessment
    conditions: tuple[str, ...]
    """Names of the recorded conditions."""
    areas: tuple[AreaOptions, ...]
    expectations: Expectations
    """General statement, then one per material among the options, then consent risks."""


def consultation_report(profile: PatientProfile, kb: KnowledgeBase) -> ConsultationReport:
    result = assess(profile, kb)
    patient_out = any(r.severity == "not_suitable" and r.area is None for r in result.reasons)
    verdicts = {a.area: a.verdict for a in result.areas}
    areas = tuple(
        AreaOptions(
            area=area_id,
            name=kb.indication(area_id).name,
            options=thread_options(kb, area_id, result),
            withheld=(
                "patient"
                if patient_out
                else "area"
                if verdicts[area_id] == "not_suitable"
                else None
            ),
        )
        for area_id in profile.areas
    )
    materials: list[MaterialId] = []
    for area in areas:
        for option in area.options:
            if option.material and option.material not in materials:
                materials.append(option.material)  # type: ignore[arg-type]
    general = expectations(kb)
    statements: list[Statement] = list(general.statements)
    for material in materials:
        statements += [s for s in expectations(kb, material).statements if s.material == material]
    return ConsultationReport(
        profile=profile,
        assessment=result,
        conditions=tuple(kb.contraindication(c).name for c in profile.conditions),
        areas=areas,
        expectations=Expectations(material=None, statements=tuple(statements), risks=general.risks),
    )
