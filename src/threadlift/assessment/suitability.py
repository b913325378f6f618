"""Suitability: evaluate the knowledge base's suitability rules against a patient profile.

The verdict is the worst severity among the reasons (info → suitable, caution → caution,
not_suitable → not_suitable). Every rule test is monotone in the profile (more conditions, more
age, more recent or more history, a "yes" in the medical history can only add reasons), so
adding a problem never improves a verdict. Laxity is monotone from grade 1 up; grade 0 with a
lifting concern is its own rule ("no laxity to lift"). Risk-count rules run last, over the
reasons the other rules gave, so risks add up.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from threadlift.assessment.common import Cited, Frozen, unique
from threadlift.assessment.profile import PatientProfile
from threadlift.assessment.screening import ScreeningResult, score_screening
from threadlift.knowledge.base import KnowledgeBase
from threadlift.knowledge.schemas import CitedMonthRange, Material, SuitabilityRule
from threadlift.knowledge.schemas.assessment import (
    WhenAge,
    WhenAlways,
    WhenConcern,
    WhenConditionsTogether,
    WhenContraindication,
    WhenHistory,
    WhenLaxity,
    WhenMedicalFlag,
    WhenNoLaxity,
    WhenNotRecorded,
    WhenRiskCount,
    WhenScreenIncomplete,
    WhenScreenMissing,
    WhenScreenPositive,
    WhenSkin,
    WhenSmoker,
    WhenThreadsPresent,
    WhenUnrealisticExpectations,
)
from threadlift.knowledge.vocab import IndicationId, Mark, Severity

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
    name: str
    severity: Severity
    message: str
    area: IndicationId | None = None
    referral: str | None = None
    notes: tuple[str, ...] = ()


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
        if not isinstance(rule.when, WhenRiskCount):
            reasons.extend(_apply(rule, profile, screening, kb))
    counted = list(reasons)
    for rule in kb.suitability_rules:
        if isinstance(rule.when, WhenRiskCount):
            reasons.extend(_risk_count(rule, rule.when, counted))
    reasons.sort(key=lambda r: -SEVERITY_RANK[r.severity])  # stable: rule order within a class
    reasons = _notes_once(reasons)
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


def _notes_once(reasons: list[Reason]) -> list[Reason]:
    """Each note is kept on the first reason (in order shown) that carries it, so a caveat
    shared by several reasons is printed once."""
    seen: set[str] = set()
    result = []
    for r in reasons:
        notes = tuple(n for n in r.notes if n not in seen)
        seen.update(notes)
        result.append(r if notes == r.notes else r.model_copy(update={"notes": notes}))
    return result


def _reason(
    rule: SuitabilityRule,
    *,
    area: IndicationId | None = None,
    fill: dict[str, str] | None = None,
    cited: Cited | None = None,
) -> Reason:
    """A reason from `rule`; `fill` replaces `{placeholders}` in the message, and `cited`
    (when given) is the provenance of the figure the message shows, instead of the rule's."""
    message = rule.message.replace("{area}", "" if area is None else _label(area))
    for key, value in (fill or {}).items():
        message = message.replace("{" + key + "}", value)
    source = cited or rule
    return Reason(
        code=rule.id,
        rule=rule.id,
        name=rule.name,
        severity=rule.severity,
        message=" ".join(message.split()),
        area=area,
        referral=rule.referral,
        notes=rule.notes,
        sources=source.sources,
        evidence=source.evidence,
        marks=source.marks,
    )


def _label(area: str) -> str:
    return area.replace("_", " ").capitalize()


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
                    name=condition.name,
                    severity=rule.severity,
                    message=" ".join(f"{message} {condition.rationale}".split()),
                    notes=unique([*condition.notes, *rule.notes]),
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
    elif isinstance(when, WhenScreenIncomplete):
        if screening.bddq_as is not None and not screening.bddq_as.complete:
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
        yield from _history(rule, when, profile)
    elif isinstance(when, WhenAlways):
        yield _reason(rule)
    else:
        yield from _apply_more(rule, profile, kb)


def _apply_more(
    rule: SuitabilityRule, profile: PatientProfile, kb: KnowledgeBase
) -> Iterator[Reason]:
    when = rule.when
    if isinstance(when, WhenNoLaxity):
        for area_id, area in profile.areas.items():
            if area.laxity <= when.at_most and area.concern in when.concerns:
                yield _reason(rule, area=area_id)
    elif isinstance(when, WhenThreadsPresent):
        yield from _threads_present(rule, profile, kb)
    elif isinstance(when, WhenMedicalFlag):
        if profile.medical is not None and when.flag in profile.medical.flags():
            yield _reason(rule, fill={"other": profile.medical.allergies.other.strip()})
    elif isinstance(when, WhenNotRecorded):
        if getattr(profile, when.part) is None:
            yield _reason(rule)
    elif isinstance(when, WhenUnrealisticExpectations):
        e = profile.expectations
        limit = when.expected_months_above
        judged = when.judged and e is not None and not e.realistic
        if e is not None and (judged or (limit is not None and e.expected_months > limit)):
            yield _reason(rule, fill={"months": f"{e.expected_months:g}"})
    elif isinstance(when, WhenConditionsTogether):
        recorded = set(profile.conditions)
        if set(when.all_of) <= recorded and (not when.any_of or recorded & set(when.any_of)):
            named = {*when.all_of, *when.any_of}
            names = [kb.contraindication(c).name for c in profile.conditions if c in named]
            yield _reason(rule, fill={"conditions": "; ".join(names)})


def _history(rule: SuitabilityRule, when: WhenHistory, profile: PatientProfile) -> Iterator[Reason]:
    for area_id in profile.areas:
        found = [
            h
            for h in profile.history
            if h.area == area_id
            and h.treatment in when.treatments
            and (when.within_months is None or h.months_ago < when.within_months)
            and (when.unless_within_months is None or h.months_ago >= when.unless_within_months)
        ]
        if found:
            months = ", ".join(f"{h.months_ago:g}" for h in found)
            yield _reason(rule, area=area_id, fill={"months": months})


def _threads_present(
    rule: SuitabilityRule, profile: PatientProfile, kb: KnowledgeBase
) -> Iterator[Reason]:
    """Earlier threads probably still in an assessed area, citing the material's figures."""
    for h in profile.history:
        if h.treatment != "threads" or h.area not in profile.areas:
            continue
        fill = {"months": f"{h.months_ago:g}"}
        if h.material is None:
            fill |= {
                "material": "unrecorded material",
                "detail": "without the material, they are assumed present",
            }
            yield _reason(rule, area=h.area, fill=fill)
            continue
        material = kb.material(h.material)
        present, detail, cited = _still_present(material, h.months_ago, kb)
        if present:
            fill |= {"material": material.name, "detail": detail}
            yield _reason(rule, area=h.area, fill=fill, cited=cited)


def _bound(entry: CitedMonthRange) -> float:
    """How long a source says the material stays: its maximum, else its "still present at"."""
    return entry.max_months if entry.max_months is not None else entry.min_months or 0.0


def _still_present(
    material: Material, months_ago: float, kb: KnowledgeBase
) -> tuple[bool, str, Cited]:
    """Whether threads of `material` placed `months_ago` months ago are still present by its
    absorption data, the deciding figure in words, and that figure's provenance.

    Non-absorbable: always. Absorbable: while `months_ago` is below the longest absorption time
    any source gives; when that longest figure is only a minimum ("still present at"), no source
    gives an end, and the threads are assumed present (the stricter reading)."""
    record = Cited(sources=material.sources, evidence=material.evidence, marks=material.marks)
    if not material.absorbable:
        return True, f"{material.name} is not absorbable", record
    if not material.absorption:
        return True, "no absorption time is published, so they are assumed present", record
    bound = max(_bound(a) for a in material.absorption)
    deciding = [a for a in material.absorption if _bound(a) == bound]
    sources = unique([a.source for a in deciding])
    marks: list[Mark] = [m for a in deciding for m in a.marks]
    cited = Cited(
        sources=sources,
        evidence=kb.source(sources[0]).evidence,
        marks=tuple(dict.fromkeys(marks)),
    )
    note = "; ".join(f"{a.source}: {a.note.rstrip('.')}" for a in deciding if a.note)
    if all(a.max_months is None for a in deciding):
        detail = f"still present at {bound:g} months and no source gives an end ({note})"
        return True, detail, cited
    return months_ago < bound, f"absorption takes up to {bound:g} months ({note})", cited


def _risk_count(
    rule: SuitabilityRule, when: WhenRiskCount, reasons: list[Reason]
) -> Iterator[Reason]:
    """Risks that add up: enough reasons from the listed rules give this rule's severity."""
    counted = {r.code: r.name for r in reasons if r.rule in when.rules}
    if len(counted) >= when.at_least:
        fill = {"count": str(len(counted)), "reasons": "; ".join(counted.values())}
        yield _reason(rule, fill=fill)


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
