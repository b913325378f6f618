"""Danger zones built from a face's landmarks.

The constructions (which landmarks, which distances, with their sources) are in
`data/zones.yaml`; what each zone *is* (structure, structure type, planes at risk, views,
sources) comes from the knowledge base passed in. Because every construction point is anchored
to landmarks, the zones follow any face, not only the template.

Geometry is built once per (face, knowledge base) and cached; the scorer then runs vectorised,
prepared shapely predicates against `ZoneSet.piece_geoms`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal, Protocol

import numpy as np
import shapely
import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator
from shapely.geometry.base import BaseGeometry

from threadlift.anatomy.faces import swap_side
from threadlift.anatomy.models import XY, AnchoredPoint, BetweenPoint, Face, Frozen
from threadlift.anatomy.points import PointError, resolve_point
from threadlift.knowledge.identity import ByIdentity
from threadlift.knowledge.vocab import PLANES, ZONE_IDS, Plane, View

PLANE_RANK: dict[str, int] = {plane: rank for rank, plane in enumerate(PLANES)}


class ZoneFacts(Protocol):
    """What the scorer needs of a knowledge-base danger zone (see threadlift.knowledge)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def structure(self) -> str: ...
    @property
    def structure_type(self) -> str: ...
    @property
    def planes_at_risk(self) -> Sequence[str]: ...
    @property
    def depth_note(self) -> str: ...
    @property
    def views(self) -> Sequence[str]: ...
    @property
    def sources(self) -> Sequence[str]: ...


class ZoneKnowledge(Protocol):
    def danger_zone(self, id: Any, /) -> ZoneFacts: ...


# ---------------------------------------------------------------- construction data


class AlongPoint(Frozen):
    """`mm` millimetres from the first landmark towards the second, moved `normal_mm`
    perpendicular to that line (towards superior; negative: inferior)."""

    along: tuple[str, str]
    mm: float
    normal_mm: float = 0.0


class ProjectPoint(Frozen):
    """The point of the line through `onto` vertically below or above `project`, moved up
    `superior_mm` (e.g. "on the mandibular border 2 cm behind the commissure")."""

    project: ConstructionPoint
    onto: tuple[str, str]
    superior_mm: float = 0.0


ConstructionPoint = XY | AnchoredPoint | BetweenPoint | AlongPoint | ProjectPoint
ProjectPoint.model_rebuild()


class Part(Frozen):
    """One shape of a zone's construction, with the sources of its distances.

    `planes_at_risk` (optional) are the planes in which the structure is at risk along this
    part of its course, where a source places it at another depth than elsewhere; without it
    the part is at risk in the zone's planes. A part whose `status` is `unconfirmed` is a
    drawing default: crossing it is never more than a warning (`ZonePiece.decisive`).
    """

    shape: Literal["circle", "polygon", "band"]
    center: ConstructionPoint | None = None
    radius_mm: float | None = Field(default=None, gt=0)
    points: tuple[ConstructionPoint, ...] = ()
    half_width_mm: float | None = Field(default=None, gt=0)
    sources: tuple[str, ...] = Field(min_length=1)
    evidence: str
    status: Literal["sourced", "derived", "unconfirmed"]
    note: str
    planes_at_risk: tuple[Plane, ...] | None = Field(default=None, min_length=1)


class Construction(Frozen):
    """A zone's parts per view. `planes_at_risk` repeats the knowledge record's and equals the
    union of its parts' planes (guard tests)."""

    planes_at_risk: tuple[Plane, ...] = Field(min_length=1)
    frontal: tuple[Part, ...] = ()
    lateral: tuple[Part, ...] = ()

    @model_validator(mode="after")
    def _parts_within_the_zone(self) -> Construction:
        parts = (*self.frontal, *self.lateral)
        for part in parts:
            if not set(self.part_planes(part)) <= set(self.planes_at_risk):
                raise ValueError(f"a part's planes {part.planes_at_risk} exceed the zone's")
        union = {pl for part in parts for pl in self.part_planes(part)}
        if parts and union != set(self.planes_at_risk):
            raise ValueError(
                f"the zone's planes {self.planes_at_risk} are not the union of its parts' planes"
            )
        return self

    def part_planes(self, part: Part) -> tuple[Plane, ...]:
        """The planes at risk along `part` (its own, else the zone's)."""
        return part.planes_at_risk if part.planes_at_risk is not None else self.planes_at_risk


@functools.cache
def constructions() -> dict[str, Construction]:
    """The zone constructions of `data/zones.yaml`, validated, keyed by zone id."""
    text = resources.files("threadlift.anatomy").joinpath("data/zones.yaml").read_text()
    raw: dict[str, Any] = yaml.safe_load(text)["zones"]
    unknown = set(raw) - set(ZONE_IDS)
    if unknown:
        raise ValueError(f"zones.yaml: unknown zone ids {sorted(unknown)}")
    return {zid: Construction.model_validate(raw[zid]) for zid in ZONE_IDS if zid in raw}


def zone_planes() -> dict[str, tuple[str, ...]]:
    """The planes at risk each zone's construction data states (must equal the knowledge's)."""
    return {zid: c.planes_at_risk for zid, c in constructions().items()}


# ---------------------------------------------------------------- built zones


class ZonePiece(BaseModel):
    """One built shape of a zone, with the planes in which its structure is at risk there.

    `decisive` is False for a drawing default (status `unconfirmed`): a thread crossing it is
    warned, never failed, since a critical verdict must not rest on geometry no source gives.
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    zone: str
    geometry: BaseGeometry = Field(exclude=True)
    planes_at_risk: tuple[str, ...]
    sources: tuple[str, ...]
    status: str
    note: str
    decisive: bool = True


class Zone(BaseModel):
    """A danger zone on one face: knowledge-base facts plus its geometry (mm)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    id: str
    name: str
    structure: str
    structure_type: str
    planes_at_risk: tuple[str, ...]
    depth_note: str
    views: tuple[str, ...]
    sources: tuple[str, ...]
    geometry: BaseGeometry = Field(exclude=True)
    pieces: tuple[ZonePiece, ...]
    no_go: bool = False


@dataclass(frozen=True, eq=False)
class ZoneSet:
    """The zones drawn in one face's view, with flat arrays for vectorised scoring.

    `pieces[i]` / `piece_geoms[i]` (prepared) belong to zone `zones[piece_zone[i]]`; a thread in a
    plane whose depth rank is >= `piece_min_rank[i]` reaches the structure there (the piece's
    own planes where the data gives them along the course); `piece_decisive[i]` is False where
    the piece is a drawing default, so crossing it can only be a warning.
    """

    view: View
    zones: tuple[Zone, ...]
    pieces: tuple[ZonePiece, ...]
    piece_geoms: np.ndarray[Any, Any]
    piece_zone: np.ndarray[Any, Any]
    piece_min_rank: np.ndarray[Any, Any]
    piece_decisive: np.ndarray[Any, Any]  # bool
    piece_bounds: np.ndarray[Any, Any]  # (n, 4): minx, miny, maxx, maxy of each piece

    @functools.cached_property
    def piece_lists(self) -> tuple[list[int], list[int], list[bool]]:
        """`piece_zone`, `piece_min_rank` and `piece_decisive` as Python lists, for loops over
        a plan's few hits (indexing a list is cheaper than indexing numpy for one value)."""
        return (
            self.piece_zone.tolist(),
            self.piece_min_rank.tolist(),
            self.piece_decisive.tolist(),
        )

    def get(self, zone_id: str) -> Zone | None:
        return next((z for z in self.zones if z.id == zone_id), None)

    def __getitem__(self, zone_id: str) -> Zone:
        zone = self.get(zone_id)
        if zone is None:
            raise KeyError(f"zone {zone_id!r} is not drawn in the {self.view} view")
        return zone

    def __contains__(self, zone_id: object) -> bool:
        return any(z.id == zone_id for z in self.zones)

    def __iter__(self) -> Iterator[Zone]:
        return iter(self.zones)

    def __len__(self) -> int:
        return len(self.zones)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(z.id for z in self.zones)


def _sided(name: str, side: str) -> str:
    return swap_side(name) if side == "right" else name


def _landmark(name: str, face: Face, side: str, field: str) -> XY:
    return resolve_point(AnchoredPoint(landmark=_sided(name, side)), face, field)


def _resolve(point: ConstructionPoint, face: Face, side: str, field: str) -> XY:
    if isinstance(point, tuple):
        return point
    if isinstance(point, AnchoredPoint):
        sided = point.model_copy(update={"landmark": _sided(point.landmark, side)})
        return resolve_point(sided, face, field)
    if isinstance(point, BetweenPoint):
        names = (_sided(point.between[0], side), _sided(point.between[1], side))
        return resolve_point(point.model_copy(update={"between": names}), face, field)
    if isinstance(point, AlongPoint):
        a, b = (_landmark(n, face, side, field) for n in point.along)
        length = math.dist(a, b)
        if length == 0.0:
            raise PointError(field, "the two landmarks coincide")
        k = point.mm / length
        x, y = a[0] + k * (b[0] - a[0]), a[1] + k * (b[1] - a[1])
        if point.normal_mm:
            nx, ny = -(b[1] - a[1]) / length, (b[0] - a[0]) / length
            if ny > 0:  # the normal pointing superior (y up is negative)
                nx, ny = -nx, -ny
            x, y = x + nx * point.normal_mm, y + ny * point.normal_mm
        return (x, y)
    p = _resolve(point.project, face, side, field)
    a, b = (_landmark(n, face, side, field) for n in point.onto)
    dx, dy = b[0] - a[0], b[1] - a[1]
    if abs(dx) < 1e-9:
        raise PointError(field, "the line is vertical: no point on it at that x")
    t = (p[0] - a[0]) / dx
    return (p[0], a[1] + t * dy - point.superior_mm)


def _shape(part: Part, face: Face, side: str, field: str) -> BaseGeometry:
    if part.shape == "circle":
        assert part.center is not None, field
        assert part.radius_mm is not None, field
        cx, cy = _resolve(part.center, face, side, field)
        return shapely.Point(cx, cy).buffer(part.radius_mm, quad_segs=16)
    coords = [_resolve(p, face, side, f"{field}.points[{i}]") for i, p in enumerate(part.points)]
    if part.shape == "polygon":
        return shapely.Polygon(coords).buffer(0)
    assert part.half_width_mm is not None, field
    return shapely.LineString(coords).buffer(part.half_width_mm, quad_segs=8)


def _view_key(view: View) -> Literal["frontal", "lateral"]:
    return "frontal" if view == "frontal" else "lateral"


def _drawn_in(facts: ZoneFacts, view: View) -> bool:
    views = set(facts.views)
    return view in views or (view != "frontal" and "lateral" in views)


def _build(face: Face, kb: ZoneKnowledge) -> ZoneSet:
    sides = (
        ("left", "right")
        if face.view == "frontal"
        else (("left",) if face.view == "lateral-left" else ("right",))
    )
    zones: list[Zone] = []
    for zone_id, construction in constructions().items():
        facts = kb.danger_zone(zone_id)
        parts = getattr(construction, _view_key(face.view))
        if not parts or not _drawn_in(facts, face.view):
            continue
        pieces: list[ZonePiece] = []
        for side in sides:
            for i, part in enumerate(parts):
                geom = _shape(part, face, side, f"zones.{zone_id}.{_view_key(face.view)}[{i}]")
                pieces.append(
                    ZonePiece(
                        zone=zone_id,
                        geometry=geom,
                        planes_at_risk=construction.part_planes(part),
                        sources=part.sources,
                        status=part.status,
                        note=" ".join(part.note.split()),
                        decisive=part.status != "unconfirmed",
                    )
                )
        sources = tuple(dict.fromkeys([*facts.sources, *(s for p in pieces for s in p.sources)]))
        zones.append(
            Zone(
                id=zone_id,
                name=facts.name,
                structure=facts.structure,
                structure_type=facts.structure_type,
                planes_at_risk=tuple(facts.planes_at_risk),
                depth_note=facts.depth_note,
                views=tuple(facts.views),
                sources=sources,
                geometry=shapely.union_all([p.geometry for p in pieces]),
                pieces=tuple(pieces),
                no_go=bool(getattr(facts, "no_go", False)),
            )
        )
    all_pieces = [(zi, p) for zi, z in enumerate(zones) for p in z.pieces]
    geoms = np.array([p.geometry for _, p in all_pieces], dtype=object)
    shapely.prepare(geoms)
    return ZoneSet(
        view=face.view,
        zones=tuple(zones),
        pieces=tuple(p for _, p in all_pieces),
        piece_geoms=geoms,
        piece_zone=np.array([zi for zi, _ in all_pieces], dtype=np.int64),
        piece_min_rank=np.array(
            [min(PLANE_RANK[pl] for pl in p.planes_at_risk) for _, p in all_pieces], dtype=np.int64
        ),
        piece_decisive=np.array([p.decisive for _, p in all_pieces], dtype=bool),
        piece_bounds=shapely.bounds(geoms).reshape(-1, 4),
    )


@functools.lru_cache(maxsize=128)
def _build_cached(face: Face, ref: ByIdentity) -> ZoneSet:
    return _build(face, ref.obj)


def build_zones(face: Face, kb: ZoneKnowledge) -> ZoneSet:
    """The danger zones drawn in `face.view`, built from `face`'s landmarks (cached per face).

    Raises `PointError` naming the construction and landmark if the face lacks a landmark a
    zone needs.
    """
    return _build_cached(face, ByIdentity(kb))
