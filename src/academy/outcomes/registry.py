"""The registry's reads: treated cases reduced to anonymised `CaseOutcome`s, for a scope.

Scopes: a trainer's runs (their graduates' cases), an academy admin's academies, and the
cross-academy registry of the academies that opted in. Only cases with at least one follow-up
seen count. What leaves this module holds no name, date, free text or identifier: groups,
complication ids and distances only. Queries are bounded: one for the cases with their
products, one for their complications, one for the learners' earlier cases.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from typing import Any, Literal

from django.db.models import QuerySet

from academy.accounts.models import Role, User
from academy.catalog.policy import (
    academies_administered_by,
    academies_staffed_by,
    runs_staffed_by,
)
from academy.logbook.models import Case
from academy.outcomes.models import FollowUpComplication, FollowUpStatus, RegistryOptIn
from threadlift.content.curriculum import load_content
from threadlift.knowledge import load_knowledge
from threadlift.outcomes import CaseOutcome, Published, rate_table
from threadlift.outcomes.curriculum import teaching_for
from threadlift.outcomes.policy import outcomes_policy
from threadlift.planning import PlanError, build_context, parse_plan
from threadlift.planning.proximity import zone_distances

Scope = Literal["trainer", "academy", "all"]
NOT_RECORDED = "not recorded"
MIXED = "mixed"


def scopes_for(user: User) -> list[Scope]:
    """The registry views this user may open: their runs' cases (trainers), their academies'
    (admins), and the shared registry when an academy they staff or administer shares its own
    follow-ups in it (reciprocity)."""
    out: list[Scope] = []
    if user.has_role(Role.TRAINER):
        out.append("trainer")
    if user.has_role(Role.ACADEMY_ADMIN):
        out.append("academy")
    shared = RegistryOptIn.objects.values("provider_id")
    member = academies_staffed_by(user).filter(pk__in=shared)  # administered ones included
    if out and member.exists():
        out.append("all")
    return out


def scoped_cases(user: User, scope: Scope) -> QuerySet[Case]:
    """Cases in `scope` for this user with at least one follow-up seen."""
    seen = Case.objects.filter(follow_up_visits__status=FollowUpStatus.SEEN)
    if scope == "trainer":
        base = seen.filter(run__in=runs_staffed_by(user).values("pk"))
    elif scope == "academy":
        base = seen.filter(run__course__provider__in=academies_administered_by(user).values("pk"))
    else:
        shared = RegistryOptIn.objects.values("provider_id")
        base = seen.filter(run__course__provider_id__in=shared)
    return Case.objects.filter(pk__in=base.values("pk"))


def _one(values: set[str]) -> str:
    if not values:
        return NOT_RECORDED
    return next(iter(values)) if len(values) == 1 else MIXED


def plan_groups(plan: dict[str, Any]) -> tuple[str, str]:
    planes: set[str] = set()
    instruments: set[str] = set()
    for thread in plan.get("threads", []) if isinstance(plan, dict) else []:
        if not isinstance(thread, dict):
            continue
        planes.update(
            p for p in thread.get("planes") or [thread.get("plane")] if isinstance(p, str)
        )
        kind = (
            (thread.get("instrument") or {}).get("kind")
            if isinstance(thread.get("instrument"), dict)
            else None
        )
        if isinstance(kind, str):
            instruments.add(kind)
    return _one(planes), _one(instruments)


@functools.lru_cache(maxsize=4096)
def _distances(plan_json: str) -> tuple[tuple[str, float], ...]:
    """Zone distances of a stored plan (cached by its JSON); none if it no longer scores."""
    try:
        plan = parse_plan(json.loads(plan_json))
        return tuple(sorted(zone_distances(build_context(plan, load_knowledge())).items()))
    except (PlanError, ValueError, TypeError, KeyError):
        return ()


def case_outcomes(cases: QuerySet[Case]) -> list[CaseOutcome]:
    """The anonymised outcome of each case (see the module's docstring)."""
    kb = load_knowledge()
    products = {p.id: p for p in kb.products}
    policy = outcomes_policy().registry
    rows = list(
        cases.prefetch_related("products").only("id", "learner_id", "date", "indication", "plan")
    )
    complications: dict[int, set[str]] = defaultdict(set)
    for case_id, complication in FollowUpComplication.objects.filter(
        follow_up__case__in=[c.pk for c in rows], follow_up__status=FollowUpStatus.SEEN
    ).values_list("follow_up__case_id", "complication"):
        complications[case_id].add(complication)
    earlier: dict[int, list[tuple[Any, int]]] = defaultdict(list)
    for learner_id, day, pk in Case.objects.filter(
        learner_id__in={c.learner_id for c in rows}
    ).values_list("learner_id", "date", "pk"):
        earlier[learner_id].append((day, pk))
    material = {m.id: m.name for m in kb.materials}
    design = {d.id: d.name for d in kb.designs}
    out = []
    for case in rows:
        before = sum(1 for day, pk in earlier[case.learner_id] if (day, pk) < (case.date, case.pk))
        used = [products[p.product] for p in case.products.all() if p.product in products]
        plane, instrument = plan_groups(case.plan)
        out.append(
            CaseOutcome(
                groups={
                    "indication": kb.indication(case.indication).name
                    if case.indication in {i.id for i in kb.indications}
                    else case.indication,
                    "material": _one({material.get(p.material, p.material) for p in used}),
                    "design": _one({design.get(p.design, p.design) for p in used}),
                    "plane": plane,
                    "instrument": instrument,
                    "experience": policy.experience_band(before),
                },
                complications=frozenset(complications[case.pk]),
                zone_distances=dict(_distances(json.dumps(case.plan, sort_keys=True))),
            )
        )
    return out


def published_rates(complication: str) -> list[Published]:
    """The pooled rates the knowledge base gives for a complication (percent, with sources)."""
    kb = load_knowledge()
    found = next((c for c in kb.complications if c.id == complication), None)
    if found is None:
        return []
    return [
        Published(percent=i.percent, figure=i.figure, source=i.source)
        for i in found.incidence
        if i.kind == "pooled" and i.percent is not None
    ]


def curriculum_review(outcomes: list[CaseOutcome], threshold: int) -> list[dict[str, Any]]:
    """Complications whose rate across `outcomes` is flagged against the published pooled
    rates, each with its evidence and the lessons and items that teach it (the review list)."""
    kb = load_knowledge()
    content = load_content(kb)
    out = []
    for complication in kb.complications:
        published = published_rates(complication.id)
        if not published:
            continue
        table = rate_table(
            outcomes, "indication", complication.id, threshold=threshold, published=published
        )
        if table.total.rate is None or not table.total.flagged:
            continue
        teaching = teaching_for(content, complication.id)
        out.append(
            {
                "id": complication.id,
                "name": complication.name,
                "rate": table.total.rate,
                "published": published,
                "lessons": teaching.lessons,
                "items": teaching.items,
            }
        )
    return out
