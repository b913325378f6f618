"""The scorer's numeric parameters (data/*.yaml), validated, and their per-face geometry."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Any, Literal

import numpy as np
import shapely
import yaml
from pydantic import BaseModel, ConfigDict, Field
from shapely.geometry.base import BaseGeometry

from threadlift.anatomy.faces import swap_side
from threadlift.anatomy.models import AnchoredPoint, BetweenPoint, Face
from threadlift.anatomy.points import resolve_point
from threadlift.anatomy.zones import ZoneSet
from threadlift.knowledge.vocab import DesignId, IndicationId, Plane

Status = Literal["sourced", "derived", "unconfirmed"]
PolygonPoints = tuple[AnchoredPoint | BetweenPoint, ...]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Lift(Frozen):
    lateral_deg: float = Field(ge=-180, le=180)
    frontal_deg: float = Field(ge=-180, le=180)
    sources: tuple[str, ...] = Field(min_length=1)
    evidence: str
    status: Status
    note: str


class Areas(Frozen):
    status: Status
    lateral: PolygonPoints = ()
    frontal: PolygonPoints = ()


class IndicationObjectives(Frozen):
    """What a plan must achieve to pass for this indication (README, "The pass rule").

    `purpose`: `lift` needs a lifting design (barbed cog or cone); `support` (the nose tip) does
    not. `fixing`: where a bidirectional cog or cone must engage tissue on both sides of its
    midpoint: `anchoring` (one half in an anchoring area, the other reaching the target) or
    `in_target` (both halves in the treated area, for the knotless threads the source lays
    along the fold itself); None when no lift is asked.
    """

    purpose: Literal["lift", "support"]
    fixing: Literal["anchoring", "in_target"] | None
    sources: tuple[str, ...] = Field(min_length=1)
    evidence: str
    status: Status
    note: str


class IndicationGeometry(Frozen):
    lift: Lift | None
    target: Areas
    objectives: IndicationObjectives
    anchoring: tuple[str, ...] = ()
    midline: bool = False


class AnchoringArea(Frozen):
    name: str
    sources: tuple[str, ...] = Field(min_length=1)
    evidence: str
    status: Status
    note: str
    lateral: PolygonPoints
    frontal: PolygonPoints


class PlaneRule(Frozen):
    id: str
    designs: tuple[DesignId, ...]
    planes: tuple[Plane, ...]
    except_indications: tuple[IndicationId, ...] = ()
    only_indications: tuple[IndicationId, ...] = ()
    severity: Literal["critical", "warning", "info"]
    message: str
    sources: tuple[str, ...] = Field(min_length=1)
    evidence: str


class Grade(Frozen):
    max_deg: float
    severity: Literal["warning", "info"] | None
    score: float = Field(ge=0, le=1)


class Rules(Frozen):
    plane_rules: tuple[PlaneRule, ...]
    lift_vector: dict[str, Any]
    length: dict[str, Any]
    coverage: dict[str, Any]
    objectives: dict[str, Any]
    symmetry: dict[str, Any]
    verdict: dict[str, Any]
    near_miss: dict[str, Any]
    outline: dict[str, Any]
    off_label: dict[str, Any]
    score: dict[str, Any]

    @cached_property
    def grades(self) -> tuple[Grade, ...]:
        return tuple(Grade.model_validate(g) for g in self.lift_vector["grades"])


def load_data(name: str) -> Any:
    text = resources.files("threadlift.planning").joinpath(f"data/{name}").read_text()
    return yaml.safe_load(text)


@functools.cache
def indications() -> dict[str, IndicationGeometry]:
    return {
        k: IndicationGeometry.model_validate(v) for k, v in load_data("indications.yaml").items()
    }


@functools.cache
def anchoring_areas() -> dict[str, AnchoringArea]:
    raw = load_data("anchoring_areas.yaml")
    return {k: AnchoringArea.model_validate(v) for k, v in raw.items()}


@functools.cache
def rules() -> Rules:
    return Rules.model_validate(load_data("rules.yaml"))


# ---------------------------------------------------------------- per-face geometry


def _sides(face: Face) -> tuple[str, ...]:
    if face.view == "frontal":
        return ("left", "right")
    return ("left",) if face.view == "lateral-left" else ("right",)


def _sided(point: AnchoredPoint | BetweenPoint, side: str) -> AnchoredPoint | BetweenPoint:
    if side == "left":
        return point
    if isinstance(point, AnchoredPoint):
        return point.model_copy(update={"landmark": swap_side(point.landmark)})
    names = (swap_side(point.between[0]), swap_side(point.between[1]))
    return point.model_copy(update={"between": names})


def polygon_on(face: Face, points: PolygonPoints, field: str) -> BaseGeometry:
    """The union over the face's visible sides of a left-side landmark polygon."""
    polys = []
    for side in _sides(face):
        coords = [resolve_point(_sided(p, side), face, field) for p in points]
        polys.append(shapely.Polygon(coords).buffer(0))
    return shapely.union_all(polys)


@functools.lru_cache(maxsize=128)
def face_region(face: Face, zones: ZoneSet) -> BaseGeometry:
    """Where plan points may lie: the hull of the landmarks, the zones and every anchoring area,
    widened by the outline margin (rules.yaml). Prepared; cached per face."""
    key: Literal["frontal", "lateral"] = "frontal" if face.view == "frontal" else "lateral"
    parts = [shapely.MultiPoint(list(face.landmarks.values())), *(z.geometry for z in zones)]
    parts += [
        polygon_on(face, getattr(area, key), f"anchoring_areas.{name}")
        for name, area in anchoring_areas().items()
    ]
    margin = float(rules().outline["margin_mm"])
    region = shapely.union_all(parts).convex_hull.buffer(margin, quad_segs=4)
    shapely.prepare(region)
    return region


@dataclass(frozen=True, eq=False)
class IndicationAreas:
    """Target and anchoring geometry of one indication on one face (mm)."""

    target: BaseGeometry
    target_samples: np.ndarray[Any, Any]  # shapely Points inside the target
    anchoring: BaseGeometry | None
    # which samples lie on the subject's left (x beyond the face's midline), for the frontal
    # view's per-side coverage: plan-independent, so computed with the samples
    samples_left: np.ndarray[Any, Any] | None = None


def _grid(geom: BaseGeometry, step: float) -> np.ndarray[Any, Any]:
    # Centred on the polygon's bounds so that the samples move and mirror with the face.
    x0, y0, x1, y1 = geom.bounds
    nx, ny = int((x1 - x0) / (2 * step)) + 1, int((y1 - y0) / (2 * step)) + 1
    # Symmetric in x about the centre (so it mirrors), with a slightly irregular spacing and a
    # small y offset that keep samples off the round distances of landmark-anchored threads,
    # where floating-point ties would make coverage flip when a face is moved.
    xs = (x0 + x1) / 2 + 1.0043 * step * np.arange(-nx, nx + 1)
    ys = (y0 + y1) / 2 + step * (np.arange(-ny, ny + 1) + 0.0291)
    gx, gy = np.meshgrid(xs, ys)
    pts = np.column_stack([gx.ravel(), gy.ravel()])
    inside = shapely.contains_xy(geom, pts[:, 0], pts[:, 1])
    found = pts[inside]
    if len(found) == 0:
        c = geom.representative_point()
        found = np.array([[c.x, c.y]])
    result: np.ndarray[Any, Any] = found
    return result


@functools.lru_cache(maxsize=256)
def indication_areas(face: Face, indication: str) -> IndicationAreas:
    """Target and anchoring areas of `indication` built on `face` (cached per face)."""
    geo = indications()[indication]
    key: Literal["frontal", "lateral"] = "frontal" if face.view == "frontal" else "lateral"
    target = polygon_on(face, getattr(geo.target, key), f"indications.{indication}.target")
    shapely.prepare(target)
    areas = [
        polygon_on(face, getattr(anchoring_areas()[a], key), f"anchoring_areas.{a}")
        for a in geo.anchoring
    ]
    anchoring = shapely.union_all(areas) if areas else None
    if anchoring is not None:
        shapely.prepare(anchoring)
    step = float(rules().coverage["grid_mm"])
    samples = shapely.points(_grid(target, step))
    left = shapely.get_x(samples) > face.midline_x()  # the subject's left is on the viewer's right
    return IndicationAreas(
        target=target, target_samples=samples, anchoring=anchoring, samples_left=left
    )
