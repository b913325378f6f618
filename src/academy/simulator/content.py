"""The simulator's exercises and faces, read from the pure core (`threadlift.simulator`,
`threadlift.anatomy.variants`). Nothing clinical is written here: case text, products, hints
and model answers are the core's cited data.
"""

from __future__ import annotations

import functools
from typing import Any

from threadlift.anatomy import Face, resolve_point
from threadlift.anatomy.variants import describe, face_ids, variant_face
from threadlift.knowledge import load_knowledge
from threadlift.knowledge.vocab import VIEWS
from threadlift.planning import Plan, ProductSpec, reference_plan
from threadlift.simulator import Exercise, ProductOffer, load_exercises
from threadlift.simulator import exercise as core_exercise

__all__ = [
    "Exercise",
    "describe_face",
    "exercise",
    "exercises",
    "face",
    "face_ids",
    "is_face",
    "model_answer",
    "plan_as_xy",
    "products_json",
]


@functools.cache
def exercises() -> tuple[Exercise, ...]:
    """Every exercise, in the core's order (at least one per indication)."""
    return tuple(load_exercises())


def exercise(exercise_id: str) -> Exercise | None:
    try:
        return core_exercise(exercise_id)
    except (KeyError, ValueError):
        return None


def model_answer(ex: Exercise) -> Plan:
    return reference_plan(ex.reference_plan)


def _length(product: str | ProductSpec) -> float | None:
    if isinstance(product, ProductSpec):
        return product.length_mm
    lengths = tuple(getattr(load_knowledge().product(product), "lengths_mm", ()) or ())
    return float(max(lengths)) if lengths else None


def _value(product: str | ProductSpec) -> str | dict[str, Any]:
    return product.model_dump() if isinstance(product, ProductSpec) else product


def product_json(offer: ProductOffer) -> dict[str, Any]:
    """What the canvas needs of an offer (not whether it is suitable: that is the exercise)."""
    return {
        "id": offer.id,
        "label": offer.label,
        "length_mm": _length(offer.product),
        "value": _value(offer.product),
    }


def products_json(ex: Exercise) -> list[dict[str, Any]]:
    return [product_json(o) for o in ex.products]


def is_face(face_id: str, view: str) -> bool:
    return view in VIEWS and face_id in face_ids(view)


@functools.lru_cache(maxsize=256)
def face(face_id: str, view: str) -> Face:
    """The face `face_id` in `view`; callers check `is_face` first (unknown ids are bad input)."""
    return variant_face(face_id, view)  # type: ignore[arg-type]


def describe_face(face_id: str) -> str:
    try:
        return describe(face_id)
    except KeyError:
        return face_id


def plan_as_xy(plan: Plan, on: Face) -> dict[str, Any]:
    """The plan's JSON with every point resolved to [x, y] mm on `on` (what the canvas edits)."""

    def xy(p: Any) -> list[float]:
        x, y = resolve_point(p, on)
        return [round(x, 2), round(y, 2)]

    def thread(t: Any) -> dict[str, Any]:
        out = {
            "product": _value(t.product),
            "entry": xy(t.entry),
            "path": [xy(p) for p in t.path],
            "plane": t.plane,
        }
        # the contract's optional fields (plane per segment, instrument, entry skin), when set
        extra = t.model_dump(mode="json", include={"planes", "instrument", "entry_skin"})
        out.update({k: v for k, v in extra.items() if v is not None})
        return out

    return {
        "view": plan.view,
        "indication": plan.indication,
        "threads": [thread(t) for t in plan.threads],
    }
