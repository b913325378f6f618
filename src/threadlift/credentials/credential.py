"""The Open Badges 3.0 `OpenBadgeCredential` document (W3C VC data model 2.0).

Where each fact goes (OB 3.0 data model):
- thread materials and designs: `achievement.tag` (prefixed `material:` / `design:`) and the
  criteria narrative;
- supervised cases and the DOPS level: `achievement.resultDescription` (what can be achieved)
  and `credentialSubject.result` (what this learner achieved);
- CPD hours: `achievement.creditsAvailable` and `credentialSubject.creditsEarned`;
- the accrediting body and our competency framework: `achievement.alignment`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CONTEXTS = [VC_V2, OB_V3]
# No `credentialSchema`: its type `1EdTechJsonSchemaValidator2019` is a term the pinned contexts do
# not define, so the proof would not cover it (and strict verifiers refuse such members).

# DOPS global rating levels (ISCP surgical DOPS, 0-4; wave2-research §4).
DOPS_LEVELS = {
    0: "Insufficient evidence",
    1: "Unable to perform the procedure under supervision",
    2: "Able to perform the procedure under supervision",
    3: "Able to perform the procedure with minimal supervision",
    4: "Competent to perform the procedure unsupervised and deal with complications",
}


@dataclass(frozen=True)
class Alignment:
    name: str
    url: str
    framework: str
    code: str = ""
    target_type: str = "ceasn:Competency"


@dataclass(frozen=True)
class AchievementFacts:
    id: str  # URL of the achievement (the course page)
    name: str
    description: str
    criteria: str
    materials: tuple[str, ...] = ()
    designs: tuple[str, ...] = ()
    cpd_hours: float | None = None
    accrediting_body: str = ""
    accreditation_reference: str = ""
    alignments: tuple[Alignment, ...] = ()
    supervised_cases: int | None = None  # what the course asks for (described on the achievement)
    dops_level: int | None = None
    achieved_cases: int | None = None  # what this learner has: signed cases in their logbook
    achieved_dops_level: int | None = None  # the highest DOPS global rating signed for them


@dataclass(frozen=True)
class CredentialFacts:
    id: str  # urn:uuid:… or the verification page URL
    issuer_did: str
    issuer_name: str
    issuer_url: str
    subject_name: str
    subject_id: str  # e.g. a urn:uuid: for the learner (no e-mail address is published)
    achievement: AchievementFacts
    valid_from: dt.datetime
    valid_until: dt.datetime | None = None
    status: list[dict[str, Any]] = field(default_factory=list)


def iso(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("Credential dates must be timezone-aware.")
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _achievement(facts: AchievementFacts) -> dict[str, Any]:
    covered = [*facts.materials, *facts.designs]
    narrative = facts.criteria
    if covered:
        narrative += "\n\nCovered: " + ", ".join(covered) + "."
    achievement: dict[str, Any] = {
        "id": facts.id,
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": facts.name,
        "description": facts.description,
        "criteria": {"narrative": narrative},
    }
    tags = [f"material:{m}" for m in facts.materials] + [f"design:{d}" for d in facts.designs]
    if tags:
        achievement["tag"] = tags
    if facts.cpd_hours is not None:
        achievement["creditsAvailable"] = float(facts.cpd_hours)
    alignments = [
        {
            "type": ["Alignment"],
            "targetName": a.name,
            "targetUrl": a.url,
            "targetFramework": a.framework,
            "targetType": a.target_type,
            **({"targetCode": a.code} if a.code else {}),
        }
        for a in facts.alignments
    ]
    if facts.accrediting_body:
        alignments.append(
            {
                "type": ["Alignment"],
                "targetName": f"CPD accreditation: {facts.accrediting_body}",
                "targetUrl": facts.id,
                "targetFramework": facts.accrediting_body,
                "targetType": "ext:Accreditation",
                **(
                    {"targetCode": facts.accreditation_reference}
                    if facts.accreditation_reference
                    else {}
                ),
            }
        )
    if alignments:
        achievement["alignment"] = alignments
    descriptions: list[dict[str, Any]] = []
    if facts.supervised_cases is not None or facts.achieved_cases is not None:
        asked = (
            f" (the course asks for {facts.supervised_cases})"
            if facts.supervised_cases is not None
            else ""
        )
        descriptions.append(
            {
                "id": f"{facts.id}#supervised-cases",
                "type": ["ResultDescription"],
                "name": f"Supervised cases performed, signed by a trainer{asked}",
                "resultType": "RawScore",
            }
        )
    if facts.dops_level is not None or facts.achieved_dops_level is not None:
        asked = (
            f"; the course asks for level {facts.dops_level}"
            if facts.dops_level is not None
            else ""
        )
        descriptions.append(
            {
                "id": f"{facts.id}#dops",
                "type": ["ResultDescription"],
                "name": f"Highest DOPS global rating signed (ISCP levels 0-4{asked})",
                "resultType": "RubricCriterionLevel",
                "rubricCriterionLevel": [
                    {
                        "id": f"{facts.id}#dops-{level}",
                        "type": ["RubricCriterionLevel"],
                        "name": f"Level {level}",
                        "description": text,
                        "level": str(level),
                    }
                    for level, text in DOPS_LEVELS.items()
                ],
            }
        )
    if descriptions:
        achievement["resultDescription"] = descriptions
    return achievement


def _results(facts: AchievementFacts) -> list[dict[str, Any]]:
    """What this learner achieved: only what their record shows (never the course's target)."""
    results: list[dict[str, Any]] = []
    for level in (facts.dops_level, facts.achieved_dops_level):
        if level is not None and level not in DOPS_LEVELS:
            raise ValueError("The DOPS level is 0 to 4.")
    if facts.achieved_cases is not None:
        results.append(
            {
                "type": ["Result"],
                "resultDescription": f"{facts.id}#supervised-cases",
                "value": str(facts.achieved_cases),
            }
        )
    if facts.achieved_dops_level is not None:
        results.append(
            {
                "type": ["Result"],
                "resultDescription": f"{facts.id}#dops",
                "achievedLevel": f"{facts.id}#dops-{facts.achieved_dops_level}",
            }
        )
    return results


def build_credential(facts: CredentialFacts) -> dict[str, Any]:
    """The unsigned credential, contexts VC 2.0 then OB 3.0.3, in that order."""
    subject: dict[str, Any] = {
        "id": facts.subject_id,
        "type": ["AchievementSubject"],
        "name": facts.subject_name,
        "achievement": _achievement(facts.achievement),
    }
    if facts.achievement.cpd_hours is not None:
        subject["creditsEarned"] = float(facts.achievement.cpd_hours)
    results = _results(facts.achievement)
    if results:
        subject["result"] = results
    credential: dict[str, Any] = {
        "@context": list(CONTEXTS),
        "id": facts.id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": facts.achievement.name,
        "issuer": {
            "id": facts.issuer_did,
            "type": ["Profile"],
            "name": facts.issuer_name,
            "url": facts.issuer_url,
        },
        "validFrom": iso(facts.valid_from),
        "credentialSubject": subject,
    }
    if facts.valid_until is not None:
        credential["validUntil"] = iso(facts.valid_until)
    if facts.status:
        credential["credentialStatus"] = (
            facts.status[0] if len(facts.status) == 1 else list(facts.status)
        )
    return credential
