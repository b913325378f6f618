"""The simulator's exercises and faces, read from the pure core.

`threadlift.simulator` (exercises) and `threadlift.anatomy.variants` (face variants) come from
the core; until they are present this module offers one exercise per reference plan on the
template faces, so the pages and the canvas work either way. Nothing clinical is written here:
case text, products and model answers are the core's data.
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass, field
from typing import Any

from threadlift.anatomy import Face, resolve_point, template_face
from threadlift.knowledge import load_knowledge
from threadlift.knowledge.vocab import VIEWS
from threadlift.planning import Plan, ProductSpec, reference_plan, reference_plans


def _optional(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


@dataclass(frozen=True)
class Product:
    """A product offered in an exercise: `value` is what the plan JSON carries."""

    id: str
    label: str
    length_mm: float | None
    value: str | dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "length_mm": self.length_mm,
            "value": self.value,
        }


@dataclass(frozen=True)
class Exercise:
    id: str
    indication: str
    title: str
    view: str
    patient: str
    objective: str
    products: tuple[Product, ...]
    faces: tuple[str, ...]
    hints: tuple[str, ...] = ()
    sources: tuple[str, ...] = field(default=())

    @property
    def model_answer(self) -> Plan:
        return _reference(self)


def _spec_product(spec: ProductSpec) -> Product:
    pid = f"{spec.material}-{spec.design}-{spec.length_mm:g}mm-{spec.gauge}"
    label = (
        f"{spec.material.upper()} {spec.design.replace('_', ' ')}, {spec.length_mm:g} mm, "
        f"{spec.gauge}"
    )
    return Product(id=pid, label=label, length_mm=spec.length_mm, value=spec.model_dump())


def _kb_product(pid: str) -> Product:
    record = load_knowledge().product(pid)
    lengths = tuple(getattr(record, "lengths_mm", ()) or ())
    return Product(
        id=pid,
        label=str(record.name),
        length_mm=float(max(lengths)) if lengths else None,
        value=pid,
    )


def product_of(raw: Any) -> Product:
    if isinstance(raw, Product):
        return raw
    if isinstance(raw, ProductSpec):
        return _spec_product(raw)
    if isinstance(raw, dict):
        return _spec_product(ProductSpec.model_validate(raw))
    return _kb_product(str(raw))


def _products_of(plan: Plan) -> tuple[Product, ...]:
    seen: dict[str, Product] = {}
    for thread in plan.threads:
        product = product_of(thread.product)
        seen.setdefault(product.id, product)
    return tuple(seen.values())


def _from_core(raw: Any) -> Exercise:
    def get(name: str, default: Any = None) -> Any:
        return raw.get(name, default) if isinstance(raw, dict) else getattr(raw, name, default)

    patient = get("patient", "")
    indication = str(get("indication"))
    return Exercise(
        id=str(get("id")),
        indication=indication,
        title=str(get("title", indication)),
        view=str(get("view")),
        patient=patient if isinstance(patient, str) else str(get("patient_text", patient)),
        objective=str(get("objective", "")),
        products=tuple(product_of(p) for p in get("products", ())),
        faces=tuple(str(f) for f in get("faces", ())) or ("template",),
        hints=tuple(str(h) for h in get("hints", ())),
        sources=tuple(str(s) for s in get("sources", ())),
    )


@functools.cache
def exercises() -> tuple[Exercise, ...]:
    """Every exercise, in the core's order (one per indication at least)."""
    core = _optional("threadlift.simulator")
    if core is not None:
        return tuple(_from_core(e) for e in core.load_exercises())
    out = []
    for name, plan in reference_plans().items():
        record = load_knowledge().indication(plan.indication)
        out.append(
            Exercise(
                id=name,
                indication=plan.indication,
                title=str(record.name),
                view=plan.view,
                patient="",
                objective="",
                products=_products_of(plan),
                faces=face_ids(plan.view),
                hints=tuple(str(n) for n in record.notes),
                sources=tuple(record.sources),
            )
        )
    return tuple(out)


def exercise(exercise_id: str) -> Exercise | None:
    return next((e for e in exercises() if e.id == exercise_id), None)


def _reference(ex: Exercise) -> Plan:
    core = _optional("threadlift.simulator")
    if core is not None:
        ref = getattr(core.exercise(ex.id), "reference_plan", None)
        if isinstance(ref, Plan):
            return ref
        if isinstance(ref, str):
            return reference_plan(ref)
    return reference_plan(ex.id if ex.id in reference_plans() else ex.indication)


# --- faces -------------------------------------------------------------------------------


def face_ids(view: str) -> tuple[str, ...]:
    """The faces a learner can choose in `view` ("template" first)."""
    variants = _optional("threadlift.anatomy.variants")
    if variants is not None:
        ids = tuple(str(f) for f in variants.face_ids(view))
        return ids if "template" in ids else ("template", *ids)
    return ("template", "template-male")


def is_face(face_id: str, view: str) -> bool:
    return view in VIEWS and face_id in face_ids(view)


@functools.lru_cache(maxsize=256)
def face(face_id: str, view: str) -> Face:
    """The face `face_id` in `view`; callers check `is_face` first (unknown ids are bad input)."""
    variants = _optional("threadlift.anatomy.variants")
    if face_id == "template":
        return template_face(view)  # type: ignore[arg-type]
    if variants is not None:
        return variants.variant_face(face_id, view)  # type: ignore[no-any-return]
    if face_id == "template-male":
        return template_face(view, "male")  # type: ignore[arg-type]
    raise KeyError(face_id)


def describe_face(face_id: str) -> str:
    variants = _optional("threadlift.anatomy.variants")
    if variants is not None and face_id != "template":
        return str(variants.describe(face_id))
    return {
        "template": "Template face (female composite)",
        "template-male": "Template face (male composite)",
    }.get(face_id, face_id)


def plan_as_xy(plan: Plan, on: Face) -> dict[str, Any]:
    """The plan's JSON with every point resolved to [x, y] mm on `on` (what the canvas edits)."""

    def xy(p: Any) -> list[float]:
        x, y = resolve_point(p, on)
        return [round(x, 2), round(y, 2)]

    return {
        "view": plan.view,
        "indication": plan.indication,
        "threads": [
            {
                "product": product_of(t.product).value,
                "entry": xy(t.entry),
                "path": [xy(p) for p in t.path],
                "plane": t.plane,
            }
            for t in plan.threads
        ],
    }
