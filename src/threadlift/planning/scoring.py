"""Score a thread plan: run the rules, then combine their findings into the contract's score."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from typing import Any

from shapely.geometry.base import BaseGeometry

from threadlift.anatomy.faces import template_face
from threadlift.anatomy.models import Face
from threadlift.anatomy.zones import ZoneSet, build_zones
from threadlift.knowledge.identity import ByIdentity
from threadlift.planning.context import Context, IndicationFacts, Knowledge, resolve_threads
from threadlift.planning.models import Finding, Plan, Score
from threadlift.planning.objectives import (
    ObjectiveCheck,
    Objectives,
    engagement,
    exercise_objectives,
    lifting_design,
    objective_checks,
)
from threadlift.planning.params import (
    IndicationAreas,
    IndicationGeometry,
    face_region,
    indication_areas,
    indications,
    rules,
)
from threadlift.planning.parse import PlanError, parse_plan
from threadlift.planning.rules_access import entry_skin, instrument
from threadlift.planning.rules_design import design, on_label
from threadlift.planning.rules_efficacy import (
    coverage,
    fixation,
    length,
    lift_vector,
    symmetry,
    thread_count,
)
from threadlift.planning.rules_safety import RuleResult, plane_suitability, zone_crossing

Rule = Callable[[Context], RuleResult]

SAFETY_RULES: dict[str, Rule] = {
    "zone_crossing": zone_crossing,
    "plane_suitability": plane_suitability,
    "instrument": instrument,
    "entry_skin": entry_skin,
}
EFFICACY_RULES: dict[str, Rule] = {
    "lift_vector": lift_vector,
    "fixation": fixation,
    "length": length,
    "coverage": coverage,
    "thread_count": thread_count,
    "symmetry": symmetry,
    "design": design,
    "on_label": on_label,
    # objectives: critical findings only, no component (README, "The pass rule")
    "lifting_design": lifting_design,
    "engagement": engagement,
}
# plane suitability also feeds efficacy: a thread outside the published plane holds less well
COMPONENT_OF = {"plane_suitability": "plane"}


def plan_face(plan: Plan, face: Face | None = None) -> Face:
    """The face a plan is scored on: `face` if given, else the plan's own, else the template."""
    chosen = face if face is not None else plan.face
    if chosen == "template":
        return template_face(plan.view)
    assert isinstance(chosen, Face)
    if chosen.view != plan.view:
        raise PlanError("face.view", f"is {chosen.view!r} but the plan's view is {plan.view!r}")
    return chosen


def build_context(plan: Plan, kb: Knowledge, face: Face | None = None) -> Context:
    chosen = plan_face(plan, face)
    zones, facts, geometry, areas, region = _setting(chosen, ByIdentity(kb), plan.indication)
    return Context(
        plan=plan,
        face=chosen,
        kb=kb,
        zones=zones,
        facts=facts,
        geometry=geometry,
        areas=areas,
        threads=resolve_threads(plan, chosen, kb, region),
    )


@functools.lru_cache(maxsize=256)
def _setting(
    face: Face, ref: ByIdentity, indication: str
) -> tuple[ZoneSet, IndicationFacts, IndicationGeometry, IndicationAreas, BaseGeometry]:
    """Everything a plan's context takes from its face, knowledge base and indication, none of
    it from the plan: the zones, the indication's facts, geometry and areas, and the face's
    region, looked up once per (face, knowledge base, indication), since hashing a face (its
    every landmark) for each of the caches they come from costs more than the lookups."""
    zones = build_zones(face, ref.obj)
    facts = ref.obj.indication(indication)
    areas = indication_areas(face, indication)
    return zones, facts, indications()[indication], areas, face_region(face, zones)


def score_plan(
    plan: Plan | Any,
    kb: Knowledge,
    face: Face | None = None,
    *,
    objectives: Objectives | None = None,
) -> Score:
    """Score `plan` on `face` (default: the plan's face or the template of its view).

    safety = 100 minus a penalty per safety finding; efficacy = the weighted mean of the
    efficacy components that apply; overall = their weighted mean. `passed` is a clinical
    verdict: no critical finding — neither a danger (a zone crossed in a plane where its
    structure is at risk, a dangerous plane such as barbs in the dermis, a unidirectional
    thread reversed, a path longer than the thread, safety below the floor) nor an objective
    missed (no lifting design for a lift, a barbed thread with no part in a fixing area, the
    target not reached, fewer threads per side than published or a count well above it, and
    an exercise's own `objectives`) — and efficacy at least the pass mark. `plan` may also be
    the plan's JSON object.
    Raises `PlanError`/`PointError` naming the field for unknown products or landmarks, a
    between fraction outside [0, 1] or a point outside the face.
    """
    if not isinstance(plan, Plan):
        plan = parse_plan(plan)  # a plan still in its JSON form
    ctx = build_context(plan, kb, face)
    cfg = rules().score
    findings: list[Finding] = []
    components: dict[str, float] = {}
    safety = 100.0
    penalty = _penalties()
    for name, rule in SAFETY_RULES.items():
        found, component = rule(ctx)
        findings += found
        safety -= sum([penalty[f.severity] for f in found])
        if component is not None and name in COMPONENT_OF:
            components[COMPONENT_OF[name]] = component
    for name, rule in EFFICACY_RULES.items():
        found, component = rule(ctx)
        findings += found
        if component is not None:
            components[name] = component
    findings += exercise_objectives(ctx, objectives)
    weights: dict[str, float] = cfg["efficacy_weights"]
    total_weight = sum(weights[k] for k in components)
    weighted = sum(weights[k] * v for k, v in components.items())
    efficacy = 100.0 * weighted / total_weight if total_weight else 0.0
    safety = max(0.0, safety)
    floor = float(rules().verdict["safety_floor"])
    critical = "critical" in {f.severity for f in findings}
    if ctx.threads and safety < floor and not critical:  # the one reason it fails: say so
        findings.append(
            Finding.trusted(
                rule="safety_floor",
                severity="critical",
                thread=None,
                message=f"Safety {safety:.0f}/100 is below the pass floor of {floor:.0f} (our "
                "policy, unconfirmed): too many risks together, even if none alone fails.",
                sources=(),
            )
        )
        critical = True
    w = cfg["overall_weights"]
    overall = w["safety"] * safety + w["efficacy"] * efficacy
    # by thread (stable: each thread's findings in rule order), then the whole plan's
    numbered = [f for f in findings if f.thread is not None]
    numbered.sort(key=_thread_of)
    return Score(
        safety=round(safety),
        efficacy=round(efficacy),
        overall=round(overall),
        passed=not critical and efficacy >= float(cfg["pass_efficacy"]),
        findings=(*numbered, *(f for f in findings if f.thread is None)),
    )


_thread_of = operator.attrgetter("thread")


@functools.cache
def _penalties() -> dict[str, float]:
    """Safety points lost per finding, by severity (rules.yaml, read once)."""
    return {k: float(v) for k, v in rules().score["safety_penalty"].items()}


def check_objectives(
    plan: Plan | Any, kb: Knowledge, face: Face | None = None, objectives: Objectives | None = None
) -> list[ObjectiveCheck]:
    """Which objectives `plan` meets on `face`, computed as the verdict computes them."""
    if not isinstance(plan, Plan):
        plan = parse_plan(plan)
    return objective_checks(build_context(plan, kb, face), objectives)
