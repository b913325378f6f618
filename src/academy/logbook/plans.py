"""The case's thread plan: from a reference plan or edited JSON, parsed and scored by the
engine (threadlift.planning), and drawn on the template face (threadlift.anatomy.svg)."""

from __future__ import annotations

import base64
import json
from functools import lru_cache
from typing import Any

from threadlift.anatomy import PointError, build_zones
from threadlift.knowledge import load_knowledge
from threadlift.planning import PlanError, parse_plan, plan_face, reference_plan, score_plan
from threadlift.planning.reference import reference_plan_names
from threadlift.planning.svg import render_plan

# Bounds against work without end, as in the API (reference plans use at most 8 threads).
MAX_THREADS = 50
MAX_PATH_POINTS = 100
MAX_PLAN_CHARS = 100_000


@lru_cache(maxsize=1)
def reference_plan_json() -> dict[str, str]:
    """Each reference plan's JSON text by name (for the form's choice and its editor)."""
    return {
        name: json.dumps(
            reference_plan(name).model_dump(mode="json", exclude_defaults=True), indent=1
        )
        for name in reference_plan_names()
    }


class PlanProblem(ValueError):
    pass


def check_plan(text: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(plan JSON, score JSON) for plan text, or PlanProblem naming the field at fault."""
    if len(text) > MAX_PLAN_CHARS:
        raise PlanProblem(f"The plan is longer than {MAX_PLAN_CHARS} characters.")
    try:
        raw = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise PlanProblem(f"The plan is not valid JSON: {exc}") from None
    if isinstance(raw, dict):
        raw.pop("about", None)
        threads = raw.get("threads")
        if isinstance(threads, list):
            if len(threads) > MAX_THREADS:
                raise PlanProblem(f"threads: at most {MAX_THREADS} threads")
            for i, t in enumerate(threads):
                path = t.get("path") if isinstance(t, dict) else None
                if isinstance(path, list) and len(path) > MAX_PATH_POINTS:
                    raise PlanProblem(f"threads[{i}].path: at most {MAX_PATH_POINTS} points")
    kb = load_knowledge()
    try:
        plan = parse_plan(raw)
        score = score_plan(plan, kb)
    except (PlanError, PointError) as exc:
        raise PlanProblem(str(exc)) from None
    except (ValueError, TypeError, RecursionError) as exc:
        raise PlanProblem(f"The plan could not be read: {exc}") from None
    return plan.model_dump(mode="json", exclude_defaults=True), score.to_json()


def plan_svg_data_uri(plan_json: dict[str, Any], score_json: dict[str, Any]) -> str | None:
    """The plan on the face with its findings, as a data: URI for an <img> (CSP allows data:
    images; an inline <svg> with its <style> would not be allowed)."""
    from threadlift.planning.models import Score

    kb = load_knowledge()
    try:
        plan = parse_plan(plan_json)
        face = plan_face(plan)
        score = Score.model_validate(score_json)
        svg = render_plan(face, build_zones(face, kb), plan, score)
    except (PlanError, PointError, ValueError):
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


CANVAS_FACE = "female"  # the template face of the simulator's variants


def canvas_context(view: str, indication: str, plan: dict[str, Any] | None) -> dict[str, Any]:
    """What `simulator/_canvas.html` needs to draw a case's plan (mode "form"): every product
    of the knowledge base, and the case's plan when its points are [x, y] (canvas plans)."""
    from threadlift.knowledge.vocab import VIEWS

    kb = load_knowledge()
    products = [
        {
            "id": p.id,
            "label": p.name,
            "length_mm": max(p.lengths_mm) if p.lengths_mm else None,
            "value": p.id,
        }
        for p in kb.products
    ]
    drawn = plan if plan and _xy_only(plan) else None
    return {
        "face_id": CANVAS_FACE,
        "view": view if view in VIEWS else "lateral-left",
        "indication": indication,
        "products": products,
        "initial_plan": drawn,
    }


def _xy_only(plan: dict[str, Any]) -> bool:
    threads = plan.get("threads") or []
    points = [p for t in threads for p in [t.get("entry"), *(t.get("path") or [])]]
    return bool(points) and all(isinstance(p, list) for p in points)
