"""Resolve the three point forms of the contract to face coordinates (mm)."""

from __future__ import annotations

import math
from typing import Any

from pydantic import TypeAdapter, ValidationError

from threadlift.anatomy.models import XY, AnchoredPoint, BetweenPoint, Face, Point


class PointError(ValueError, KeyError):
    """A point that cannot be resolved. `field` names the offending part (or landmark).

    A ValueError, and a KeyError too, since an unknown landmark is a failed lookup.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


_POINT_ADAPTER: TypeAdapter[Point] = TypeAdapter(Point)


def parse_point(raw: Any, field: str = "point") -> Point:
    """Validate a raw point (`[x, y]`, anchored dict or between dict) into a model."""
    if isinstance(raw, AnchoredPoint | BetweenPoint):
        return raw
    try:
        return _POINT_ADAPTER.validate_python(raw)
    except ValidationError as exc:
        raise PointError(
            field, f"not a point ([x, y], landmark offsets or between): {raw!r}"
        ) from exc


def landmark_xy(face: Face, name: str, field: str = "landmark") -> XY:
    """The coordinates of a named landmark; the error names the landmark and the view."""
    try:
        return face.landmarks[name]
    except KeyError:
        raise PointError(field, f"unknown landmark {name!r} in the {face.view} face") from None


def medial_sign(face: Face, name: str, x: float) -> float:
    if name.endswith("_left"):
        return -1.0
    if name.endswith("_right"):
        return 1.0
    mid = face.midline_x()
    if math.isclose(x, mid, abs_tol=1e-6):
        return 0.0
    return -1.0 if x > mid else 1.0


def resolve_point(point: Point | Any, face: Face, field: str = "point") -> XY:
    """Resolve any point form to (x, y) in `face` (mm).

    Anchored points: `superior_mm` moves up (−y); `anterior_mm` (lateral views only) moves
    towards the face; `medial_mm` (frontal view only) moves towards the midline.
    Raises `PointError` naming the field or landmark for unknown landmarks, offsets that do not
    apply to the view, and malformed points.
    """
    if not isinstance(point, tuple | AnchoredPoint | BetweenPoint):
        point = parse_point(point, field)
    if isinstance(point, tuple):
        x, y = point
        if not (math.isfinite(x) and math.isfinite(y)):
            raise PointError(field, "coordinates must be finite numbers")
        return (float(x), float(y))
    if isinstance(point, AnchoredPoint):
        return _resolve_anchored(point, face, field)
    return _resolve_between(point, face, field)


def _resolve_anchored(point: AnchoredPoint, face: Face, field: str) -> XY:
    x, y = landmark_xy(face, point.landmark, f"{field}.landmark")
    y -= point.superior_mm
    if face.view == "frontal":
        if point.anterior_mm:
            raise PointError(
                f"{field}.anterior_mm", "not defined in the frontal view; use medial_mm"
            )
        if point.medial_mm:
            sign = medial_sign(face, point.landmark, x)
            if sign == 0.0:
                raise PointError(
                    f"{field}.medial_mm", f"{point.landmark!r} is on the midline: no medial side"
                )
            x += sign * point.medial_mm
    else:
        if point.medial_mm:
            raise PointError(f"{field}.medial_mm", "not defined in lateral views; use anterior_mm")
        if point.anterior_mm:
            x += face.anterior_sign * point.anterior_mm
    return (x, y)


def _resolve_between(point: BetweenPoint, face: Face, field: str) -> XY:
    a_name, b_name = point.between
    ax, ay = landmark_xy(face, a_name, f"{field}.between[0]")
    bx, by = landmark_xy(face, b_name, f"{field}.between[1]")
    t = point.t
    x, y = ax + t * (bx - ax), ay + t * (by - ay)
    if point.normal_mm:
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        if length == 0.0:
            raise PointError(f"{field}.between", "the two landmarks coincide: no normal")
        nx, ny = -dy / length, dx / length
        if ny > 0:  # choose the normal pointing superior (y up is negative)
            nx, ny = -nx, -ny
        x += nx * point.normal_mm
        y += ny * point.normal_mm
    return (x, y)
