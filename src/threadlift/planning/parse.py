"""Parse plan JSON into frozen models; every error names the field path it concerns.

Paths look like `threads[2].entry.landmark`. Landmark names are checked against the plan's
face (the template of its view unless a face is given inline).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from threadlift.anatomy.faces import template_face
from threadlift.anatomy.models import AnchoredPoint, BetweenPoint, Face, Point
from threadlift.knowledge.vocab import (
    DESIGN_IDS,
    INDICATION_IDS,
    MATERIAL_IDS,
    PLANES,
    VIEWS,
    View,
)
from threadlift.planning.models import (
    ENTRY_SKINS,
    INSTRUMENT_KINDS,
    Instrument,
    Plan,
    ProductSpec,
    Thread,
)

THREAD_FIELDS = {"product", "entry", "path", "plane", "planes", "instrument", "entry_skin"}


GAUGE = re.compile(r"\d{1,2}G")


class PlanError(ValueError):
    """A malformed plan. `field` is the path of the offending value."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _mapping(raw: Any, field: str, allowed: set[str], required: set[str]) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise PlanError(field or "plan", f"must be an object, got {type(raw).__name__}")
    for key in raw:
        if key not in allowed:
            raise PlanError(f"{field}.{key}" if field else str(key), "unknown field")
    for key in sorted(required):
        if key not in raw:
            raise PlanError(f"{field}.{key}" if field else key, "is required")
    return raw


def _number(raw: Any, field: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise PlanError(field, f"must be a finite number, got {raw!r}")
    try:
        value = float(raw)
    except OverflowError:  # an integer beyond float range (JSON allows any length)
        raise PlanError(field, "must be a finite number, got an integer too large") from None
    if not math.isfinite(value):
        raise PlanError(field, f"must be a finite number, got {raw!r}")
    return value


def _choice(raw: Any, field: str, choices: tuple[str, ...]) -> str:
    if raw not in choices:
        raise PlanError(field, f"must be one of {', '.join(choices)}; got {raw!r}")
    return str(raw)


def _landmark(raw: Any, field: str, face: Face) -> str:
    if not isinstance(raw, str):
        raise PlanError(field, f"must be a landmark name, got {raw!r}")
    if raw not in face.landmarks:
        raise PlanError(field, f"unknown landmark {raw!r} in the {face.view} face")
    return raw


def parse_point_at(raw: Any, field: str, face: Face) -> Point:
    """One point in any contract form, validated against `face`'s landmarks and view."""
    if isinstance(raw, list | tuple):
        if len(raw) != 2:
            raise PlanError(field, f"an [x, y] point needs two numbers, got {len(raw)}")
        return (_number(raw[0], f"{field}[0]"), _number(raw[1], f"{field}[1]"))
    if isinstance(raw, Mapping) and "between" in raw:
        _mapping(raw, field, {"between", "t"}, {"between", "t"})
        pair = raw["between"]
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise PlanError(f"{field}.between", "must name two landmarks")
        names = (
            _landmark(pair[0], f"{field}.between[0]", face),
            _landmark(pair[1], f"{field}.between[1]", face),
        )
        t = _number(raw["t"], f"{field}.t")
        if not 0.0 <= t <= 1.0:
            raise PlanError(
                f"{field}.t", f"must be between 0 and 1 (a point between the landmarks), got {t:g}"
            )
        return BetweenPoint(between=names, t=t)
    if isinstance(raw, Mapping) and "landmark" in raw:
        offsets = {"anterior_mm", "medial_mm", "superior_mm"}
        _mapping(raw, field, {"landmark", *offsets}, {"landmark"})
        wrong = "medial_mm" if face.view != "frontal" else "anterior_mm"
        if wrong in raw:
            use = "anterior_mm" if wrong == "medial_mm" else "medial_mm"
            raise PlanError(f"{field}.{wrong}", f"not used in the {face.view} view; use {use}")
        values = {k: _number(raw[k], f"{field}.{k}") for k in offsets if k in raw}
        return AnchoredPoint(
            landmark=_landmark(raw["landmark"], f"{field}.landmark", face), **values
        )
    raise PlanError(field, "must be [x, y], {landmark, …_mm} or {between: [a, b], t}")


def _product(raw: Any, field: str) -> str | ProductSpec:
    if isinstance(raw, str):
        if not raw:
            raise PlanError(field, "must not be empty")
        return raw
    spec = _mapping(raw, field, {"material", "design", "length_mm", "gauge"}, set())
    for key in ("material", "design", "length_mm", "gauge"):
        if key not in spec:
            raise PlanError(f"{field}.{key}", "is required")
    _choice(spec["material"], f"{field}.material", MATERIAL_IDS)
    _choice(spec["design"], f"{field}.design", DESIGN_IDS)
    if _number(spec["length_mm"], f"{field}.length_mm") <= 0:
        raise PlanError(f"{field}.length_mm", "must be greater than 0")
    try:
        return ProductSpec.model_validate(dict(spec))
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = ".".join(str(p) for p in error["loc"])
        raise PlanError(f"{field}.{loc}", error["msg"]) from None


def _face(raw: Any, view: View) -> Face:
    if isinstance(raw, str) and raw == "template":
        return template_face(view)
    if isinstance(raw, Face):
        if raw.view != view:
            raise PlanError("face.view", f"is {raw.view!r} but the plan's view is {view!r}")
        return raw
    _mapping(raw, "face", {"view", "landmarks", "source"}, {"view", "landmarks"})
    _choice(raw["view"], "face.view", VIEWS)
    if raw["view"] != view:
        raise PlanError("face.view", f"is {raw['view']!r} but the plan's view is {view!r}")
    landmarks = raw["landmarks"]
    if not isinstance(landmarks, Mapping) or not landmarks:
        raise PlanError("face.landmarks", "must be a non-empty object of name: [x, y]")
    for name, xy in landmarks.items():
        if not isinstance(xy, list | tuple) or len(xy) != 2:
            raise PlanError(f"face.landmarks.{name}", "must be [x, y]")
        _number(xy[0], f"face.landmarks.{name}[0]")
        _number(xy[1], f"face.landmarks.{name}[1]")
    try:
        return Face.model_validate(dict(raw))
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = ".".join(str(p) for p in error["loc"])
        raise PlanError(f"face.{loc}", error["msg"]) from None


def _planes(t: Mapping[str, Any], at: str, segments: int) -> tuple[str, tuple[str, ...] | None]:
    """(plane, planes): `planes` has one plane per segment (entry→path[0], …); `plane` may be
    omitted when `planes` is given and must then equal its last entry (the holding run)."""
    if t.get("planes") is None:
        if "plane" not in t:
            raise PlanError(f"{at}.plane", "is required (or give planes, one per segment)")
        return _choice(t["plane"], f"{at}.plane", PLANES), None
    raw = t["planes"]
    if not isinstance(raw, list):
        raise PlanError(f"{at}.planes", "must be a list of planes, one per path segment")
    if len(raw) != segments:
        raise PlanError(
            f"{at}.planes",
            f"needs one plane per segment (entry→path[0], …): {segments}, got {len(raw)}",
        )
    planes = tuple(_choice(p, f"{at}.planes[{j}]", PLANES) for j, p in enumerate(raw))
    if "plane" in t:
        plane = _choice(t["plane"], f"{at}.plane", PLANES)
        if plane != planes[-1]:
            raise PlanError(
                f"{at}.plane",
                f"is {plane!r} but the last segment's plane (planes[{segments - 1}]) is "
                f"{planes[-1]!r}; with planes, plane is the holding run's plane (or omit it)",
            )
    return planes[-1], planes


def _instrument(raw: Any, field: str) -> Instrument | None:
    """`{"kind": "needle"|"cannula", "gauge": "23G"}`; gauge optional; None when absent."""
    if raw is None:
        return None
    spec = _mapping(raw, field, {"kind", "gauge"}, {"kind"})
    kind = _choice(spec["kind"], f"{field}.kind", INSTRUMENT_KINDS)
    gauge = spec.get("gauge")
    if gauge is not None and (
        not isinstance(gauge, str) or not GAUGE.fullmatch(gauge) or not 10 <= int(gauge[:-1]) <= 34
    ):
        raise PlanError(
            f"{field}.gauge", f'must be a gauge from 10G to 34G such as "23G"; got {gauge!r}'
        )
    return Instrument(kind=kind, gauge=gauge)


def parse_plan(obj: Any) -> Plan:
    """Validate a plan (parsed JSON) into a `Plan`; raises `PlanError` naming the field path."""
    if isinstance(obj, Plan):
        return obj
    raw = _mapping(obj, "", {"face", "view", "indication", "threads"}, {"view", "indication"})
    view: View = _choice(raw["view"], "view", VIEWS)  # type: ignore[assignment]
    indication = _choice(raw["indication"], "indication", INDICATION_IDS)
    face_raw = raw.get("face", "template")
    if isinstance(face_raw, str) and face_raw != "template":
        raise PlanError("face", 'must be "template" or a face object')
    face = _face(face_raw, view)
    threads_raw = raw.get("threads", [])
    if not isinstance(threads_raw, list):
        raise PlanError("threads", "must be a list")
    threads = []
    for i, t_raw in enumerate(threads_raw):
        at = f"threads[{i}]"
        t = _mapping(t_raw, at, THREAD_FIELDS, {"product", "entry", "path"})
        path_raw = t["path"]
        if not isinstance(path_raw, list) or not path_raw:
            raise PlanError(f"{at}.path", "must be a non-empty list of points")
        plane, planes = _planes(t, at, len(path_raw))
        threads.append(
            Thread(
                product=_product(t["product"], f"{at}.product"),
                entry=parse_point_at(t["entry"], f"{at}.entry", face),
                path=tuple(
                    parse_point_at(p, f"{at}.path[{j}]", face) for j, p in enumerate(path_raw)
                ),
                plane=plane,
                planes=planes,
                instrument=_instrument(t.get("instrument"), f"{at}.instrument"),
                entry_skin=(
                    None
                    if t.get("entry_skin") is None
                    else _choice(t["entry_skin"], f"{at}.entry_skin", ENTRY_SKINS)
                ),
            )
        )
    return Plan(
        face="template" if isinstance(face_raw, str) else face,
        view=view,
        indication=indication,
        threads=tuple(threads),
    )
