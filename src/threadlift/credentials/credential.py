"""The Open Badges 3.0 `OpenBadgeCredential` document (W3C VC data model 2.0).

Where each fact goes (OB 3.0 data model):
- thread materials and designs: `achievement.tag` (prefixed `material:` / `design:`) and the
  criteria narrative;
- the requirements met at issue time: the criteria narrative, one "- rule: how" line each;
- the values achieved (signed cases, highest DOPS rating, exam mark, simulator exercise
  mastered): `achievement.resultDescription` (what is measured) and `credentialSubject.result`
  (what this learner's record showed) — never a target the learner did not reach;
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


RESULT_TYPES = ("RawScore", "Percent", "RubricCriterionLevel", "Status")


@dataclass(frozen=True)
class Evidence:
    """One requirement the learner met when the credential was issued, and the value achieved.

    `requirement` is the academy's rule ("Supervised cases signed"), `detail` how it was met, in
    words. A measured result (`result_type` one of RESULT_TYPES) is what the learner's record
    showed at issue time — never the rule's target: `value` for a RawScore ("12") or Percent
    ("85"), `level` (0-4) for the DOPS rubric, nothing more for a Status (completed).
    """

    requirement: str
    detail: str = ""
    key: str = ""  # a short id, unique within the credential (e.g. "cases", "exam-anatomy")
    result_name: str = ""
    result_type: str = ""
    value: str = ""
    level: int | None = None


@dataclass(frozen=True)
class AchievementFacts:
    id: str  # URL of the achievement (the course page)
    name: str
    description: str
    evidence: tuple[Evidence, ...] = ()
    materials: tuple[str, ...] = ()
    designs: tuple[str, ...] = ()
    cpd_hours: float | None = None
    accrediting_body: str = ""
    accreditation_reference: str = ""
    alignments: tuple[Alignment, ...] = ()


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
    covered_labels: tuple[str, ...] = ()  # materials and designs in words, for the narrative


def iso(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("Credential dates must be timezone-aware.")
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


CRITERIA_INTRO = "Requirements met when this credential was issued:"


def criteria_narrative(facts: AchievementFacts, covered_labels: tuple[str, ...] = ()) -> str:
    """The rules met and how, one per line: what `criteria_lines` reads back."""
    lines = [CRITERIA_INTRO]
    for item in facts.evidence:
        lines.append(f"- {item.requirement}" + (f" — {item.detail}" if item.detail else ""))
    covered = covered_labels or (*facts.materials, *facts.designs)
    if covered:
        lines.append("")
        lines.append("Covered: " + ", ".join(covered) + ".")
    return "\n".join(lines)


def _check_evidence(facts: AchievementFacts) -> None:
    keys = [e.key for e in facts.evidence if e.result_type]
    if len(keys) != len(set(keys)) or not all(keys):
        raise ValueError("Each measured result needs its own key.")
    for item in facts.evidence:
        if item.result_type and item.result_type not in RESULT_TYPES:
            raise ValueError(f"Unknown result type {item.result_type!r}.")
        if item.result_type == "RubricCriterionLevel" and item.level not in DOPS_LEVELS:
            raise ValueError("The DOPS level is 0 to 4.")
        if item.result_type in ("RawScore", "Percent") and not item.value:
            raise ValueError("A score needs its value.")


def _description(facts: AchievementFacts, item: Evidence) -> dict[str, Any]:
    described: dict[str, Any] = {
        "id": f"{facts.id}#{item.key}",
        "type": ["ResultDescription"],
        "name": item.result_name or item.requirement,
        "resultType": item.result_type,
    }
    if item.result_type == "RubricCriterionLevel":
        described["rubricCriterionLevel"] = [
            {
                "id": f"{facts.id}#{item.key}-{level}",
                "type": ["RubricCriterionLevel"],
                "name": f"Level {level}",
                "description": text,
                "level": str(level),
            }
            for level, text in DOPS_LEVELS.items()
        ]
    return described


def _achievement(facts: AchievementFacts, narrative: str) -> dict[str, Any]:
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
    descriptions = [_description(facts, e) for e in facts.evidence if e.result_type]
    if descriptions:
        achievement["resultDescription"] = descriptions
    return achievement


def _results(facts: AchievementFacts) -> list[dict[str, Any]]:
    """What this learner achieved: only what their record showed (never the course's target)."""
    results: list[dict[str, Any]] = []
    for item in facts.evidence:
        if not item.result_type:
            continue
        result: dict[str, Any] = {
            "type": ["Result"],
            "resultDescription": f"{facts.id}#{item.key}",
        }
        if item.result_type == "RubricCriterionLevel":
            result["achievedLevel"] = f"{facts.id}#{item.key}-{item.level}"
        elif item.result_type == "Status":
            result["status"] = "Completed"
        else:
            result["value"] = item.value
        results.append(result)
    return results


def criteria_lines(document: dict[str, Any]) -> list[str]:
    """The requirements met, read back from a credential (without the intro line)."""
    achievement = document.get("credentialSubject", {}).get("achievement", {})
    narrative = str(achievement.get("criteria", {}).get("narrative", ""))
    return [line[2:] for line in narrative.splitlines() if line.startswith("- ")]


def result_lines(document: dict[str, Any]) -> list[tuple[str, str]]:
    """(what, value in words) for each result of a credential: what the PDF and pages print."""
    subject = document.get("credentialSubject", {})
    described = {
        str(d.get("id")): d
        for d in subject.get("achievement", {}).get("resultDescription", [])
        if isinstance(d, dict)
    }
    lines: list[tuple[str, str]] = []
    for result in subject.get("result", []):
        if not isinstance(result, dict):
            continue
        description = described.get(str(result.get("resultDescription")), {})
        name = str(description.get("name", "Result"))
        kind = description.get("resultType")
        if "achievedLevel" in result:
            level = str(result["achievedLevel"]).rsplit("-", 1)[-1]
            text = DOPS_LEVELS.get(int(level), "") if level.isdigit() else ""
            value = f"level {level} of 4" + (f" ({text.lower()})" if text else "")
        elif kind == "Percent":
            value = f"{result.get('value', '')} %"
        elif "status" in result:
            value = str(result["status"]).lower()
        else:
            value = str(result.get("value", ""))
        lines.append((name, value))
    return lines


def build_credential(facts: CredentialFacts) -> dict[str, Any]:
    """The unsigned credential, contexts VC 2.0 then OB 3.0.3, in that order."""
    _check_evidence(facts.achievement)
    narrative = criteria_narrative(facts.achievement, facts.covered_labels)
    subject: dict[str, Any] = {
        "id": facts.subject_id,
        "type": ["AchievementSubject"],
        "name": facts.subject_name,
        "achievement": _achievement(facts.achievement, narrative),
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
