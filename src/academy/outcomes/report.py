"""What a follow-up page shows beside the record: the triage of the symptoms reported, and for
a follow-up with a complication, where the case's threads ran relative to each danger zone
(distance, plane, instrument) and the engine's variation risk for that plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from academy.outcomes.models import FollowUp
from threadlift.assessment import triage
from threadlift.assessment.triage import Triage
from threadlift.knowledge import load_knowledge
from threadlift.planning import PlanError, build_context, parse_plan, score_plan
from threadlift.planning.proximity import zone_proximity
from threadlift.planning.variation import DEFAULT_SEED, score_variation

REPORT_FACES = 200  # sampled faces for the variation risk on a follow-up page


def triage_for(
    item: FollowUp, *, symptoms: list[str] | None = None, seen_on: dt.date | None = None
) -> Triage | None:
    """The triage of the symptoms (the recorded ones unless given) on the day seen."""
    chosen = item.symptoms if symptoms is None else symptoms
    if not chosen:
        return None
    day = seen_on or item.seen_on or timezone.localdate()
    days = max(0, (day - item.case.date).days)
    return triage(load_knowledge(), chosen, days)  # type: ignore[arg-type]


def plan_report(item: FollowUp) -> dict[str, Any]:
    """Per zone the closest approach of the case's plan in a plane at risk, and on what share of
    sampled faces the plan crosses it; `problem` says why there is none."""
    kb = load_knowledge()
    try:
        plan = parse_plan(item.case.plan)
        ctx = build_context(plan, kb)
        score = score_plan(plan, kb)
    except (PlanError, ValueError, TypeError, KeyError) as error:
        return {"rows": [], "problem": f"The case's plan no longer scores: {error}"}
    variation = score_variation(ctx, score, faces=REPORT_FACES, seed=DEFAULT_SEED)
    zones_of = {c.id: set(c.zones) for c in kb.complications}
    related = set().union(*(zones_of.get(c.complication, set()) for c in item.complications.all()))
    rows = []
    for p in zone_proximity(ctx):
        share = variation.zones.get(p.zone)
        rows.append(
            {
                "zone": p.zone,
                "name": p.name,
                "distance": p.distance_mm,
                "thread": p.thread + 1,
                "plane": p.plane,
                "instrument": p.instrument or "not recorded",
                "crossing": round(100 * share.fraction) if share else 0,
                "critical": round(100 * share.critical_fraction) if share else 0,
                "related": p.zone in related,
            }
        )
    return {
        "rows": rows,
        "faces": REPORT_FACES,
        "passed": variation.passed_fraction,
        "problem": None,
    }
