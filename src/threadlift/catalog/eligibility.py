"""Eligibility: may this practitioner perform thread lifts where they work, and enrol in a run?

Regulation facts come from the knowledge base (`regulations` collection) with their sources,
confidence and date; course policy comes from the course (professions accepted) and its provider
(whether unverified registrations may enrol).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from threadlift.knowledge import KnowledgeBase
from threadlift.knowledge.vocab import Confidence, RegulationStatus

PROFESSION_LABELS = {
    "physician": "physicians",
    "dermatologist": "dermatologists",
    "plastic_surgeon": "plastic surgeons",
    "other_medical_specialist": "other medical specialists",
    "dentist": "dentists",
    "registered_nurse": "registered nurses",
    "nurse_practitioner": "nurse practitioners",
    "physician_assistant": "physician assistants",
    "other": "other practitioners",
}

STATUS_LABELS: dict[str, str] = {
    "may_perform": "May perform",
    "may_perform_with_conditions": "May perform, with conditions",
    "may_not": "May not perform",
    "unknown": "Unknown",
}


class PractitionerEligibility(BaseModel):
    """What the regulation data says for one profession in one jurisdiction."""

    model_config = ConfigDict(frozen=True)

    jurisdiction: str
    matched_jurisdiction: str | None  # the record's code: `US` for a `US-CA` query, say
    jurisdiction_name: str
    profession: str
    status: RegulationStatus
    conditions: tuple[str, ...] = ()
    confidence: Confidence = "low"
    source_date: str | None = None
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


class Reason(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    severity: Literal["blocks", "caution", "ok"]
    message: str
    sources: tuple[str, ...] = ()


class EnrolmentDecision(BaseModel):
    model_config = ConfigDict(frozen=True)

    allowed: bool
    reasons: tuple[Reason, ...]
    regulation: PractitionerEligibility | None = None

    @property
    def blocking(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.severity == "blocks")


def practitioner_eligibility(
    kb: KnowledgeBase, *, profession: str, jurisdiction: str
) -> PractitionerEligibility:
    """The regulation record for `profession` in `jurisdiction` (ISO 3166 code).

    A subdivision without its own record falls back to its country; with no record at all the
    answer is `unknown` with low confidence and no sources — never a guess.
    """
    code = jurisdiction.strip().upper()
    records = kb.regulations_for(code, profession)
    if not records:
        return PractitionerEligibility(
            jurisdiction=code,
            matched_jurisdiction=None,
            jurisdiction_name=code,
            profession=profession,
            status="unknown",
            confidence="low",
            notes=("No regulation record for this profession and jurisdiction in our data.",),
        )
    # One record per (jurisdiction, profession) is expected; if several, the most cautious wins.
    order = ["may_not", "unknown", "may_perform_with_conditions", "may_perform"]
    record = min(records, key=lambda r: order.index(r.status))
    return PractitionerEligibility(
        jurisdiction=code,
        matched_jurisdiction=record.jurisdiction,
        jurisdiction_name=record.jurisdiction_name,
        profession=profession,
        status=record.status,
        conditions=tuple(record.conditions),
        confidence=record.confidence,
        source_date=record.source_date,
        sources=tuple(record.sources),
        notes=tuple(record.notes),
        marks=tuple(record.marks),
    )


def enrolment_eligibility(
    kb: KnowledgeBase,
    *,
    profession: str,
    jurisdiction: str,
    verified: bool,
    professions_accepted: tuple[str, ...] | list[str],
    allows_unverified: bool,
) -> EnrolmentDecision:
    """May this practitioner enrol in a run of a course with this policy? Every reason is listed.

    Blocks: the course does not accept the profession; the registration is unverified and the
    provider requires verification; the regulation data says the profession may not perform
    thread lifts in the practitioner's jurisdiction. Cautions: regulation unknown or conditional.
    """
    reasons: list[Reason] = []
    label = PROFESSION_LABELS.get(profession, profession)
    if profession not in professions_accepted:
        accepted = ", ".join(PROFESSION_LABELS.get(p, p) for p in professions_accepted)
        reasons.append(
            Reason(
                code="profession_not_accepted",
                severity="blocks",
                message=f"This course is not open to {label}. It accepts: {accepted}.",
            )
        )
    if not verified and not allows_unverified:
        reasons.append(
            Reason(
                code="registration_unverified",
                severity="blocks",
                message="This provider requires a verified professional registration; yours has "
                "not been verified yet.",
            )
        )
    regulation = practitioner_eligibility(kb, profession=profession, jurisdiction=jurisdiction)
    place = regulation.jurisdiction_name
    if regulation.status == "may_not":
        reasons.append(
            Reason(
                code="regulation_may_not",
                severity="blocks",
                message=f"Our regulation data says {label} may not perform thread lifts "
                f"in {place}.",
                sources=regulation.sources,
            )
        )
    elif regulation.status == "unknown":
        reasons.append(
            Reason(
                code="regulation_unknown",
                severity="caution",
                message=f"We do not know whether {label} may perform thread lifts in {place}: "
                "check with your regulator before you book.",
                sources=regulation.sources,
            )
        )
    elif regulation.status == "may_perform_with_conditions":
        reasons.append(
            Reason(
                code="regulation_conditions",
                severity="caution",
                message=f"{label.capitalize()} may perform thread lifts in {place} "
                "under conditions: " + "; ".join(regulation.conditions),
                sources=regulation.sources,
            )
        )
    else:
        reasons.append(
            Reason(
                code="regulation_ok",
                severity="ok",
                message=f"{label.capitalize()} may perform thread lifts in {place}.",
                sources=regulation.sources,
            )
        )
    if profession in professions_accepted:
        reasons.append(
            Reason(
                code="profession_accepted", severity="ok", message=f"The course accepts {label}."
            )
        )
    allowed = not any(r.severity == "blocks" for r in reasons)
    return EnrolmentDecision(allowed=allowed, reasons=tuple(reasons), regulation=regulation)
