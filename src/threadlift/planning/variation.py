"""Risk across anatomical variation: one plan scored on N sampled faces at once.

The plan's threads stay where they were drawn on the plan's face; what varies is the hidden
anatomy, i.e. where the danger-zone constructions lie (the sampling model and its sources are
in `threadlift/anatomy/data/variation.yaml`). Each zone part of `zones.yaml` is built for all N
faces in one numpy pass and every thread segment is tested against all N × parts together (no
loop of `score_plan`). A segment reaches a piece when its plane is at or below the piece's
shallowest plane at risk; the crossing is critical only where the piece is decisive, exactly as
the single-face scorer reads the `ZoneSet`.

passed on face k = the plan's verdict on its own face without its zone crossings (no critical
finding other than a zone crossing, and the efficacy bar met) AND no critical crossing on face k.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

import numpy as np
import yaml
from pydantic import Field

from threadlift.anatomy.faces import swap_side
from threadlift.anatomy.models import AnchoredPoint, BetweenPoint, Face, Frozen
from threadlift.anatomy.points import medial_sign
from threadlift.anatomy.zones import (
    PLANE_RANK,
    AlongPoint,
    ConstructionPoint,
    Part,
    ZoneSet,
    constructions,
)
from threadlift.knowledge.vocab import ZONE_IDS
from threadlift.planning.context import Context
from threadlift.planning.models import Plan, Score
from threadlift.planning.params import rules
from threadlift.planning.variation_geometry import Array, hits_band, hits_circle, hits_polygon

ZONE_RULE = "zone_crossing"


class PerSex(Frozen):
    female: float = Field(ge=0)
    male: float = Field(ge=0)


class Shift(Frozen):
    """A landmark, as the listed zones use it, moved by z × sd_mm in one direction."""

    id: str
    what: str
    landmarks: tuple[str, ...] = Field(min_length=1)
    zones: Literal["all"] | tuple[str, ...]
    views: tuple[Literal["frontal", "lateral"], ...] = Field(min_length=1)
    along: tuple[str, str] | None = None
    direction: Literal["lateral", "superior"] | None = None
    sd_mm: PerSex
    sources: tuple[str, ...] = Field(min_length=1)
    status: Literal["sourced", "derived", "unconfirmed"]
    note: str


class PresentInShare(Frozen):
    """Points of one zone part that lie `depth_mm` below their landmark in a share of faces."""

    id: str
    what: str
    zone: str
    parts: dict[Literal["frontal", "lateral"], int]
    points: tuple[int, ...] = Field(min_length=1)
    share: float = Field(ge=0, le=1)
    depth_mm: float = Field(gt=0)
    sources: tuple[str, ...] = Field(min_length=1)
    status: Literal["sourced", "derived", "unconfirmed"]
    note: str


class VariationModel(Frozen):
    max_sd: float = Field(gt=0)
    max_sd_status: str
    shifts: tuple[Shift, ...]
    present_in_share: tuple[PresentInShare, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        cited = [s for shift in self.shifts for s in shift.sources]
        cited += [s for item in self.present_in_share for s in item.sources]
        return tuple(dict.fromkeys(cited))


@functools.cache
def variation_model() -> VariationModel:
    """The validated sampling model of `anatomy/data/variation.yaml`."""
    text = resources.files("threadlift.anatomy").joinpath("data/variation.yaml").read_text()
    model = VariationModel.model_validate(yaml.safe_load(text))
    built = constructions()
    for shift in model.shifts:
        if (shift.along is None) == (shift.direction is None):
            raise ValueError(f"variation.yaml: {shift.id}: give either along or direction")
        unknown = set(() if shift.zones == "all" else shift.zones) - set(ZONE_IDS)
        if unknown:
            raise ValueError(f"variation.yaml: {shift.id}: unknown zones {sorted(unknown)}")
    for item in model.present_in_share:
        for view, index in item.parts.items():
            parts = getattr(built[item.zone], view)
            part = parts[index] if index < len(parts) else None
            for k in item.points:
                if part is None or k >= len(part.points):
                    raise ValueError(f"variation.yaml: {item.id}: no point {k} of {view}[{index}]")
                point = part.points[k]
                # the part must still be the one drawn `depth_mm` below its landmark
                if not isinstance(point, AnchoredPoint) or point.superior_mm != -item.depth_mm:
                    raise ValueError(
                        f"variation.yaml: {item.id}: point {k} of {view}[{index}] is not "
                        f"anchored {item.depth_mm:g} mm below its landmark in zones.yaml"
                    )
    return model


DEFAULT_SEED = 0
"""The seed used when none is given (`threadlift score --variation N`)."""
MAX_FACES = 10_000
"""The most faces one call may sample: a bound on work, not a clinical figure."""


@dataclass(frozen=True)
class ZoneShare:
    fraction: float
    critical_fraction: float


@dataclass(frozen=True)
class Variation:
    """The variation block of the score JSON."""

    faces: int
    seed: int
    passed_fraction: float
    zones: dict[str, ZoneShare]

    def to_json(self) -> dict[str, Any]:
        return {
            "faces": self.faces,
            "seed": self.seed,
            "passed_fraction": self.passed_fraction,
            "zones": {
                z: {"fraction": s.fraction, "critical_fraction": s.critical_fraction}
                for z, s in self.zones.items()
            },
        }


def segment_planes(plan: Plan) -> list[list[str]]:
    """Each thread's plane per segment (entry → path[0] → …): a thread's optional `planes`
    list when the plan format has one, else its single `plane` for every segment."""
    out = []
    for thread in plan.threads:
        planes = getattr(thread, "planes", None)
        out.append(list(planes) if planes else [thread.plane] * len(thread.path))
    return out


def _piece_decisive(zones: ZoneSet) -> Array:
    flags = getattr(zones, "piece_decisive", None)
    if flags is not None:
        return np.asarray(flags, dtype=bool)
    return np.array([getattr(p, "decisive", True) for p in zones.pieces], dtype=bool)


# ---------------------------------------------------------------- sampled construction points


class _Faces:
    """The landmarks as each zone's construction sees them, on N sampled faces."""

    def __init__(self, face: Face, n: int, seed: int, spread: float) -> None:
        model = variation_model()
        self.face = face
        self.n = n
        self.view_key: Literal["frontal", "lateral"] = (
            "frontal" if face.view == "frontal" else "lateral"
        )
        sex = face.source.sex if face.source is not None else "female"
        rng = np.random.default_rng(seed)
        # per (zone or "all", landmark) → (N, 2) displacement
        self.moves: dict[tuple[str, str], Array] = {}
        for shift in model.shifts:
            z = np.clip(rng.standard_normal((n, 2)), -model.max_sd, model.max_sd)
            if self.view_key not in shift.views:
                continue
            sd = getattr(shift.sd_mm, sex) * spread
            for base in shift.landmarks:
                for name in self._names(base):
                    unit = self._direction(shift, name)
                    if unit is None:
                        continue
                    col = 1 if name.endswith("_right") else 0
                    move = (z[:, col] * sd)[:, None] * unit[None, :]
                    for zone in ("all",) if shift.zones == "all" else shift.zones:
                        key = (zone, name)
                        self.moves[key] = self.moves.get(key, 0.0) + move
        # per (zone, part index, side, point index) → (N,) downward move of that point (mm)
        self.depths: dict[tuple[str, int, str, int], Array] = {}
        for item in model.present_in_share:
            present = rng.random((n, 2)) < item.share
            depth = rng.random((n, 2)) * item.depth_mm
            index = item.parts.get(self.view_key)
            if index is None or spread == 0.0:
                continue
            part = getattr(constructions()[item.zone], self.view_key)[index]
            for col, side in enumerate(("left", "right")):
                below = np.where(present[:, col], depth[:, col], 0.0)
                for k in item.points:
                    point = part.points[k]
                    assert isinstance(point, AnchoredPoint)
                    # zones.yaml draws the point superior_mm above the landmark (negative:
                    # below); on this face it lies `below` mm under the landmark instead
                    self.depths[(item.zone, index, side, k)] = below + point.superior_mm

    def _names(self, base: str) -> list[str]:
        lm = self.face.landmarks
        return [n for n in (base, f"{base}_left", f"{base}_right") if n in lm]

    def _direction(self, shift: Shift, name: str) -> Array | None:
        lm = self.face.landmarks
        if shift.along is not None:
            a, b = (self._sided_like(n, name, lm) for n in shift.along)
            if a not in lm or b not in lm:
                return None
            v = np.subtract(lm[b], lm[a])
            length = float(np.hypot(*v))
            return v / length if length > 0 else None
        if shift.direction == "superior":
            return np.array([0.0, -1.0])
        if self.face.view == "frontal":
            sign = -medial_sign(self.face, name, lm[name][0])
            return np.array([sign, 0.0]) if sign else None
        return np.array([-self.face.anterior_sign, 0.0])  # posterior

    @staticmethod
    def _sided_like(base: str, name: str, lm: dict[str, Any]) -> str:
        """`base` on the side of `name` when the landmark is paired, else the midline one."""
        for side in ("_left", "_right"):
            if name.endswith(side) and f"{base}{side}" in lm:
                return f"{base}{side}"
        return base

    def landmark(self, zone: str, name: str) -> Array:
        """(N, 2) positions of `name` as `zone`'s construction sees it."""
        xy = np.broadcast_to(np.asarray(self.face.landmarks[name], dtype=float), (self.n, 2))
        move = self.moves.get(("all", name), 0.0) + self.moves.get((zone, name), 0.0)
        out: Array = xy + move
        return out


def _sided(name: str, side: str) -> str:
    return swap_side(name) if side == "right" else name


def _point(p: ConstructionPoint, faces: _Faces, zone: str, side: str) -> Array:
    """A construction point on all N faces, as `zones._resolve` builds it on one."""
    face = faces.face
    if isinstance(p, tuple):
        return np.broadcast_to(np.asarray(p, dtype=float), (faces.n, 2)).copy()
    if isinstance(p, AnchoredPoint):
        name = _sided(p.landmark, side)
        xy = faces.landmark(zone, name).copy()
        xy[:, 1] -= p.superior_mm
        if face.view == "frontal":
            if p.medial_mm:
                xy[:, 0] += medial_sign(face, name, face.landmarks[name][0]) * p.medial_mm
        elif p.anterior_mm:
            xy[:, 0] += face.anterior_sign * p.anterior_mm
        return xy
    if isinstance(p, BetweenPoint):
        a = faces.landmark(zone, _sided(p.between[0], side))
        b = faces.landmark(zone, _sided(p.between[1], side))
        out: Array = a + p.t * (b - a)
        if p.normal_mm:
            d = b - a
            length = np.hypot(d[:, 0], d[:, 1])[:, None]
            normal = np.stack([-d[:, 1], d[:, 0]], axis=1) / np.where(length > 0, length, 1.0)
            normal = np.where(normal[:, 1:2] > 0, -normal, normal)  # superior (y up is −)
            out = out + normal * p.normal_mm
        return out
    if isinstance(p, AlongPoint):
        a = faces.landmark(zone, _sided(p.along[0], side))
        b = faces.landmark(zone, _sided(p.along[1], side))
        d = b - a
        length = np.hypot(d[:, 0], d[:, 1])[:, None]
        along: Array = a + d * (p.mm / np.where(length > 0, length, 1.0))
        if p.normal_mm:  # moved perpendicular to the line, towards superior (as zones._resolve)
            normal = np.stack([-d[:, 1], d[:, 0]], axis=1) / np.where(length > 0, length, 1.0)
            normal = np.where(normal[:, 1:2] > 0, -normal, normal)
            along = along + normal * p.normal_mm
        return along
    q = _point(p.project, faces, zone, side)
    a = faces.landmark(zone, _sided(p.onto[0], side))
    b = faces.landmark(zone, _sided(p.onto[1], side))
    dx = b[:, 0] - a[:, 0]
    t = (q[:, 0] - a[:, 0]) / np.where(np.abs(dx) > 1e-9, dx, 1e-9)
    q[:, 1] = a[:, 1] + t * (b[:, 1] - a[:, 1]) - p.superior_mm
    return q


def _part_hits(
    part: Part, index: int, faces: _Faces, zone: str, side: str, p0: Array, p1: Array
) -> Array:
    """(M segments, N faces): which segments touch this part on which face."""
    if part.shape == "circle":
        assert part.center is not None
        assert part.radius_mm is not None
        return hits_circle(p0, p1, _point(part.center, faces, zone, side), part.radius_mm)
    points = []
    for k, p in enumerate(part.points):
        xy = _point(p, faces, zone, side)
        depth = faces.depths.get((zone, index, side, k))
        if depth is not None:
            xy[:, 1] += depth
        points.append(xy)
    coords = np.stack(points, axis=1)  # (N, K, 2)
    if part.shape == "polygon":
        return hits_polygon(p0, p1, coords)
    assert part.half_width_mm is not None
    return hits_band(p0, p1, coords, part.half_width_mm)


def zone_verdicts(ctx: Context, n: int, seed: int, spread: float = 1.0) -> dict[str, Array]:
    """Per zone drawn in the view: (2, N) booleans — row 0 some thread enters the zone on face
    k, row 1 that crossing is critical. `spread` scales every spread (0: the template
    construction on every face, the agreement test)."""
    zones = ctx.zones
    segs = [
        (t.coords[j], t.coords[j + 1], PLANE_RANK[plane])
        for t, planes in zip(ctx.threads, segment_planes(ctx.plan), strict=True)
        for j, plane in enumerate(planes)
    ]
    out = {z.id: np.zeros((2, n), dtype=bool) for z in zones.zones}
    if not segs:
        return out
    p0 = np.array([s[0] for s in segs], dtype=float)
    p1 = np.array([s[1] for s in segs], dtype=float)
    seg_rank = np.array([s[2] for s in segs])
    faces = _Faces(ctx.face, n, seed, spread)
    decisive = _piece_decisive(zones)
    min_rank = zones.piece_min_rank
    view = faces.view_key
    sides = {"frontal": ("left", "right"), "lateral-left": ("left",)}.get(ctx.face.view, ("right",))
    i = 0
    for zone in zones.zones:
        parts: tuple[Part, ...] = getattr(constructions()[zone.id], view)
        assert len(zone.pieces) == len(sides) * len(parts), zone.id
        for side in sides:
            for index, part in enumerate(parts):
                hits = _part_hits(part, index, faces, zone.id, side, p0, p1)
                reached = hits & (seg_rank >= min_rank[i])[:, None]
                out[zone.id][0] |= hits.any(axis=0)
                if decisive[i]:
                    out[zone.id][1] |= reached.any(axis=0)
                i += 1
    return out


def nonzone_passed(score: Score) -> bool:
    """The plan's verdict on its own face without its zone crossings."""
    critical = any(f.severity == "critical" and f.rule != ZONE_RULE for f in score.findings)
    return not critical and score.efficacy >= float(rules().score["pass_efficacy"])


class VariationError(ValueError):
    """A face count or seed out of range; `field` is "variation" or "seed"."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def check_request(faces: Any, seed: Any) -> tuple[int, int]:
    """The face count and seed, checked: 1 ≤ faces ≤ MAX_FACES, 0 ≤ seed < 2**63."""
    if isinstance(faces, bool) or not isinstance(faces, int) or not 1 <= faces <= MAX_FACES:
        raise VariationError(
            "variation", f"the number of sampled faces must be between 1 and {MAX_FACES}"
        )
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
        raise VariationError("seed", "the seed must be a whole number from 0 to 2**63 - 1")
    return faces, seed


def score_variation(ctx: Context, score: Score, *, faces: int, seed: int) -> Variation:
    """The variation block for a plan already scored on its face (`score` from `ctx`).
    Raises `VariationError` naming `variation` or `seed` when they are out of range."""
    faces, seed = check_request(faces, seed)
    verdicts = zone_verdicts(ctx, faces, seed)
    critical_any = np.zeros(faces, dtype=bool)
    shares = {}
    for zone_id, v in verdicts.items():
        critical_any |= v[1]
        shares[zone_id] = ZoneShare(
            fraction=float(v[0].mean()), critical_fraction=float(v[1].mean())
        )
    passed = (~critical_any).mean() if nonzone_passed(score) else 0.0
    return Variation(faces=faces, seed=seed, passed_fraction=float(passed), zones=shares)
