"""Eligibility: may this practitioner perform thread lifts where they work, and enrol in a run?

Regulation facts come from the knowledge base (`regulations` collection) with their sources,
confidence and date; course policy comes from the course (professions accepted) and its provider
(whether unverified registrations may enrol).

Where the hands-on happens counts too: a learner who treats patients or models at a venue abroad
practises under that country's rules for the session, so the venue's regulation for their
profession applies as well as their home jurisdiction's, and the stricter answer wins.
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


Rule = Literal["course", "provider", "home_regulation", "venue_regulation"]


class Reason(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    severity: Literal["blocks", "caution", "ok"]
    message: str
    sources: tuple[str, ...] = ()
    rule: Rule = "course"  # which rule produced the reason


class EnrolmentDecision(BaseModel):
    model_config = ConfigDict(frozen=True)

    allowed: bool
    reasons: tuple[Reason, ...]
    regulation: PractitionerEligibility | None = None  # where the learner practises
    venue_regulation: PractitionerEligibility | None = None  # where the hands-on happens, if apart
    decided_by: str = ""  # one sentence: which rule decided

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


def _country(code: str) -> str:
    return code.strip().upper().split("-", 1)[0]


def _regulation_reason(
    regulation: PractitionerEligibility, label: str, rule: Rule, where: str
) -> Reason:
    """One reason from one regulation record; `where` reads "in England" or "at the venue"."""
    place = regulation.jurisdiction_name
    prefix = "venue_regulation" if rule == "venue_regulation" else "regulation"
    if regulation.status == "may_not":
        return Reason(
            code=f"{prefix}_may_not",
            severity="blocks",
            rule=rule,
            message=f"Our regulation data says {label} may not perform thread lifts "
            f"in {place}{where}.",
            sources=regulation.sources,
        )
    if regulation.status == "unknown":
        return Reason(
            code=f"{prefix}_unknown",
            severity="caution",
            rule=rule,
            message=f"We do not know whether {label} may perform thread lifts in {place}"
            f"{where}: check with the regulator before you book.",
            sources=regulation.sources,
        )
    if regulation.status == "may_perform_with_conditions":
        return Reason(
            code=f"{prefix}_conditions",
            severity="caution",
            rule=rule,
            message=f"{label.capitalize()} may perform thread lifts in {place}{where} "
            "under conditions: " + "; ".join(regulation.conditions),
            sources=regulation.sources,
        )
    return Reason(
        code=f"{prefix}_ok",
        severity="ok",
        rule=rule,
        message=f"{label.capitalize()} may perform thread lifts in {place}{where}.",
        sources=regulation.sources,
    )


def _decided_by(
    reasons: list[Reason], home: PractitionerEligibility, venue: PractitionerEligibility | None
) -> str:
    names = {
        "course": "the professions the course accepts",
        "provider": "the provider's verification rule",
        "home_regulation": f"the regulation where you practise ({home.jurisdiction_name})",
        "venue_regulation": "the regulation where the hands-on happens "
        f"({venue.jurisdiction_name if venue else '-'})",
    }
    for severity, ending in (("blocks", "."), ("caution", ", with a caution.")):
        rules = dict.fromkeys(r.rule for r in reasons if r.severity == severity)
        if rules:
            return "Decided by " + " and ".join(names[r] for r in rules) + ending
    regulations = ["home_regulation", *(["venue_regulation"] if venue else [])]
    return "Decided by " + " and ".join(names[r] for r in regulations) + "."


def enrolment_eligibility(
    kb: KnowledgeBase,
    *,
    profession: str,
    jurisdiction: str,
    verified: bool,
    professions_accepted: tuple[str, ...] | list[str],
    allows_unverified: bool,
    venue_jurisdiction: str | None = None,
) -> EnrolmentDecision:
    """May this practitioner enrol in a run of a course with this policy? Every reason is listed.

    Blocks: the course does not accept the profession; the registration is unverified and the
    provider requires verification; the regulation data says the profession may not perform
    thread lifts in the practitioner's jurisdiction, or at the venue. Cautions: regulation
    unknown or conditional (at home or at the venue).

    `venue_jurisdiction` is the ISO 3166 code of the country where the run's hands-on practice on
    patients or models takes place; None when the run has none (online, or theory only). A venue
    in the learner's own country adds no second rule: the venue is known only to the country, and
    the learner's own (possibly more specific) record already applies there.
    """
    reasons: list[Reason] = []
    label = PROFESSION_LABELS.get(profession, profession)
    if profession not in professions_accepted:
        accepted = ", ".join(PROFESSION_LABELS.get(p, p) for p in professions_accepted)
        reasons.append(
            Reason(
                code="profession_not_accepted",
                severity="blocks",
                rule="course",
                message=f"This course is not open to {label}. It accepts: {accepted}.",
            )
        )
    if not verified and not allows_unverified:
        reasons.append(
            Reason(
                code="registration_unverified",
                severity="blocks",
                rule="provider",
                message="This provider requires a verified professional registration; yours has "
                "not been verified yet.",
            )
        )
    regulation = practitioner_eligibility(kb, profession=profession, jurisdiction=jurisdiction)
    reasons.append(_regulation_reason(regulation, label, "home_regulation", ""))
    venue = None
    if venue_jurisdiction and _country(venue_jurisdiction) != _country(jurisdiction):
        venue = practitioner_eligibility(
            kb, profession=profession, jurisdiction=_country(venue_jurisdiction)
        )
        reasons.append(
            _regulation_reason(venue, label, "venue_regulation", ", where the hands-on happens")
        )
    if profession in professions_accepted:
        reasons.append(
            Reason(
                code="profession_accepted",
                severity="ok",
                rule="course",
                message=f"The course accepts {label}.",
            )
        )
    allowed = not any(r.severity == "blocks" for r in reasons)
    return EnrolmentDecision(
        allowed=allowed,
        reasons=tuple(reasons),
        regulation=regulation,
        venue_regulation=venue,
        decided_by=_decided_by(reasons, regulation, venue),
    )
