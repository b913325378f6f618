"""The result page's variation figure: the learner's plan on sampled faces (a model).

The threads stay where the learner drew them; the danger zones move as published anatomy varies
(`threadlift/anatomy/data/variation.yaml`). The figure says on what share of the sampled faces
the plan passes and, per zone, how often a thread enters it and how often that is critical.
"""

from __future__ import annotations

from typing import Any

from threadlift.anatomy import Face, PointError
from threadlift.knowledge import load_knowledge
from threadlift.planning import Plan, PlanError, Score, build_context
from threadlift.planning.variation import DEFAULT_SEED, score_variation, variation_model

RESULT_FACES = 500
"""Faces sampled for the result page (a fixed seed: the same attempt shows the same figure)."""

BAR_WIDTH = 240  # px of the SVG bar at 100 %
ROW_HEIGHT = 40


def variation_figure(face: Face, plan: Plan, score: Score) -> dict[str, Any] | None:
    """What `simulator/_variation.html` draws, or None when the stored plan no longer scores."""
    kb = load_knowledge()
    try:
        ctx = build_context(plan, kb, face)
    except (PlanError, PointError):
        return None
    result = score_variation(ctx, score, faces=RESULT_FACES, seed=DEFAULT_SEED)
    names = {z.id: z.name for z in ctx.zones.zones}
    rows: list[dict[str, Any]] = []
    for zone_id, share in result.zones.items():
        if not share.fraction:
            continue
        y = len(rows) * ROW_HEIGHT
        rows.append(
            {
                "name": names.get(zone_id, zone_id.replace("_", " ")),
                "entered": round(100 * share.fraction),
                "critical": round(100 * share.critical_fraction),
                "entered_px": f"{BAR_WIDTH * share.fraction:.1f}",
                "critical_px": f"{BAR_WIDTH * share.critical_fraction:.1f}",
                "y": y,
                "bar_y": y + 19,
            }
        )
    model = variation_model()
    unconfirmed = [s.what for s in model.shifts if s.status == "unconfirmed"]
    unconfirmed += [p.what for p in model.present_in_share if p.status == "unconfirmed"]
    return {
        "faces": result.faces,
        "seed": result.seed,
        "passed": round(100 * result.passed_fraction),
        "rows": rows,
        "height": max(ROW_HEIGHT, len(rows) * ROW_HEIGHT),
        "bar_width": BAR_WIDTH,
        "sources": model.sources,
        "unconfirmed": unconfirmed,
    }
