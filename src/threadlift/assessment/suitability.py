"""Suitability: evaluate the knowledge base's suitability rules against a patient profile.

The verdict is the worst severity among the reasons (info → suitable, caution → caution,
not_suitable → not_suitable). Every rule test is monotone in the profile (more conditions, more
laxity, more age can only add reasons), so adding a problem never improves a verdict.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from threadlift.assessment.common import Cited, Frozen, unique
from threadlift.assessment.profile import PatientProfile
from threadlift.assessment.screening import ScreeningResult, score_screening
from threadlift.knowledge.base import KnowledgeBase
from threadlift.knowledge.schemas import SuitabilityRule
from threadlift.knowledge.schemas.assessment import (
    WhenAge,
    WhenAlways,
    WhenConcern,
    WhenContraindication,
    WhenHistory,
    WhenLaxity,
    WhenScreenMissing,
    WhenScreenPositive,
    WhenSkin,
    WhenSmoker,
)
from threadlift.knowledge.vocab import IndicationId, Severity

Verdict = Literal["suitable", "caution", "not_suitable"]
VERDICTS: tuple[Verdict, ...] = ("suitable", "caution", "not_suitable")
"""Best to worst."""

SEVERITY_RANK: dict[Severity, int] = {"info": 0, "caution": 1, "not_suitable": 2}
VERDICT_OF: dict[Severity, Verdict] = {
    "info": "suitable",
    "caution": "caution",
    "not_suitable": "not_suitable",
}


class Reason(Cited):
    """Why the verdict is what it is. `code` is the contraindication id for a condition and the
    rule id otherwise; `area` is set for reasons about one area."""

    code: str
    rule: str
    severity: Severity
    message: str
    area: IndicationId | None = None
    referral: str | None = None


class AlternativeAdvice(Cited):
    """A treatment to name instead of threads; `because` lists the codes of the reasons."""

    id: str
    treatment: str
    why: str
    because: tuple[str, ...]
    areas: tuple[IndicationId, ...] = ()


class AreaVerdict(Frozen):
    area: IndicationId
    name: str
    laxity: int
    concern: str
    verdict: Verdict


class Assessment(Frozen):
    verdict: Verdict
    reasons: tuple[Reason, ...]
    alternatives: tuple[AlternativeAdvice, ...]
    screening: ScreeningResult
    areas: tuple[AreaVerdict, ...]


def worst(severities: list[Severity]) -> Verdict:
    """The verdict of the worst severity (suitable when there is none)."""
    if not severities:
        return "suitable"
    return VERDICT_OF[max(severities, key=SEVERITY_RANK.__getitem__)]


def assess(profile: PatientProfile, kb: KnowledgeBase) -> Assessment:
    """Apply every suitability rule of `kb` to `profile`."""
    screening = score_screening(profile.screening, kb)
    reasons: list[Reason] = []
    for rule in kb.suitability_rules:
        reasons.extend(_apply(rule, profile, screening, kb))
    reasons.sort(key=lambda r: -SEVERITY_RANK[r.severity])  # stable: rule order within a class
    general = [r.severity for r in reasons if r.area is None]
    areas = tuple(
        AreaVerdict(
            area=area_id,
            name=kb.indication(area_id).name,
            laxity=area.laxity,
            concern=area.concern,
            verdict=worst(general + [r.severity for r in reasons if r.area == area_id]),
        )
        for area_id, area in profile.areas.items()
    )
    return Assessment(
        verdict=worst([r.severity for r in reasons]),
        reasons=tuple(reasons),
        alternatives=_alternatives(reasons, kb),
        screening=screening,
        areas=areas,
    )


def _reason(
    rule: SuitabilityRule, *, area: IndicationId | None = None, code: str | None = None
) -> Reason:
    label = "" if area is None else area.replace("_", " ").capitalize()
    return Reason(
        code=code or rule.id,
        rule=rule.id,
        severity=rule.severity,
        message=" ".join(rule.message.replace("{area}", label).split()),
        area=area,
        referral=rule.referral,
        sources=rule.sources,
        evidence=rule.evidence,
        marks=rule.marks,
    )


def _apply(
    rule: SuitabilityRule,
    profile: PatientProfile,
    screening: ScreeningResult,
    kb: KnowledgeBase,
) -> Iterator[Reason]:
    when = rule.when
    if isinstance(when, WhenContraindication):
        for condition_id in profile.conditions:
            condition = kb.contraindication(condition_id)
            if condition.kind == when.contraindication_kind:
                message = rule.message.replace("{name}", condition.name)
                yield Reason(
                    code=condition.id,
                    rule=rule.id,
                    severity=rule.severity,
                    message=" ".join(f"{message} {condition.rationale}".split()),
                    sources=condition.sources,  # the rule's own cite the kind mapping
                    evidence=condition.evidence,
                    marks=condition.marks,
                )
    elif isinstance(when, WhenAge):
        if profile.age > when.above:
            yield _reason(rule)
    elif isinstance(when, WhenScreenPositive):
        result = screening.bddq_as if when.instrument == "bddq_as" else screening.dcq
        if result is not None and result.positive:
            yield _reason(rule)
    elif isinstance(when, WhenScreenMissing):
        if not screening.done:
            yield _reason(rule)
    elif isinstance(when, WhenLaxity):
        for area_id, area in profile.areas.items():
            if area.laxity >= when.at_least and not _covered_by_worse(rule, area.laxity, kb):
                yield _reason(rule, area=area_id)
    elif isinstance(when, WhenConcern):
        for area_id, area in profile.areas.items():
            if area.concern in when.concerns:
                yield _reason(rule, area=area_id)
    elif isinstance(when, WhenSkin):
        if (
            profile.skin.thickness in when.thickness
            or profile.skin.photodamage in when.photodamage
            or (when.glogau_at_least is not None and profile.glogau >= when.glogau_at_least)
        ):
            yield _reason(rule)
    elif isinstance(when, WhenSmoker):
        if profile.smoker:
            yield _reason(rule)
    elif isinstance(when, WhenHistory):
        treated = {h.area for h in profile.history if h.treatment in when.treatments} & set(
            profile.areas
        )
        for area_id in profile.areas:
            if area_id in treated:
                yield _reason(rule, area=area_id)
    elif isinstance(when, WhenAlways):
        yield _reason(rule)


def _covered_by_worse(rule: SuitabilityRule, laxity: int, kb: KnowledgeBase) -> bool:
    """True when a stricter laxity rule also applies to this grade (so say it once)."""
    assert isinstance(rule.when, WhenLaxity)
    for other in kb.suitability_rules:
        if (
            isinstance(other.when, WhenLaxity)
            and other.when.at_least > rule.when.at_least
            and laxity >= other.when.at_least
            and SEVERITY_RANK[other.severity] >= SEVERITY_RANK[rule.severity]
        ):
            return True
    return False


def _alternatives(reasons: list[Reason], kb: KnowledgeBase) -> tuple[AlternativeAdvice, ...]:
    because: dict[str, list[Reason]] = {}
    for reason in reasons:
        rule = next(r for r in kb.suitability_rules if r.id == reason.rule)
        for alternative_id in rule.alternatives:
            because.setdefault(alternative_id, []).append(reason)
    result = []
    for alternative_id, found in because.items():
        alternative = kb.alternative(alternative_id)
        result.append(
            AlternativeAdvice(
                id=alternative.id,
                treatment=alternative.treatment,
                why=" ".join(alternative.why.split()),
                because=unique([r.code for r in found]),
                areas=tuple(unique([r.area for r in found if r.area is not None])),
                sources=alternative.sources,
                evidence=alternative.evidence,
                marks=alternative.marks,
            )
        )
    return tuple(result)
