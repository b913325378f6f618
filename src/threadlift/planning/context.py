"""Everything a rule needs about one plan on one face, resolved once."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Protocol

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from threadlift.anatomy.models import XY, BetweenPoint, Face, Point
from threadlift.anatomy.points import resolve_point
from threadlift.anatomy.zones import PLANE_RANK, ZoneKnowledge, ZoneSet
from threadlift.planning.models import Instrument, Plan, ProductSpec
from threadlift.planning.params import IndicationAreas, IndicationGeometry, rules
from threadlift.planning.parse import PlanError


class CountFacts(Protocol):
    @property
    def min(self) -> int: ...
    @property
    def max(self) -> int: ...
    @property
    def sources(self) -> Sequence[str]: ...


class IndicationFacts(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def designs(self) -> Sequence[str]: ...
    @property
    def threads_per_side(self) -> CountFacts | None: ...
    @property
    def target_planes(self) -> Sequence[str]: ...
    @property
    def lift_vector(self) -> str | None: ...
    @property
    def sources(self) -> Sequence[str]: ...


class ClearanceCoverFacts(Protocol):
    """One clearance of a product read against an indication (`threadlift.knowledge.clearances`)."""

    @property
    def regulator(self) -> str: ...
    @property
    def reference(self) -> str: ...
    @property
    def indication(self) -> str: ...
    @property
    def covers(self) -> bool: ...
    @property
    def sources(self) -> Sequence[str]: ...
    @property
    def marks(self) -> Sequence[str]: ...


class CoverageFacts(Protocol):
    @property
    def clearances(self) -> Sequence[ClearanceCoverFacts]: ...
    @property
    def off_label(self) -> bool: ...


class ProductFacts(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def material(self) -> str: ...
    @property
    def design(self) -> str: ...
    @property
    def lengths_mm(self) -> Sequence[float]: ...
    @property
    def sources(self) -> Sequence[str]: ...


class Knowledge(ZoneKnowledge, Protocol):
    """The parts of `threadlift.knowledge.KnowledgeBase` the scorer uses."""

    def indication(self, id: Any, /) -> IndicationFacts: ...
    def product(self, id: Any, /) -> ProductFacts: ...
    def clearance_coverage(self, product_id: str, indication: str, /) -> CoverageFacts: ...


@dataclass(frozen=True, eq=False)
class ResolvedThread:
    """A thread in face coordinates: `coords[0]` is the entry (fixed end), then the path."""

    index: int
    product_id: str | None  # the knowledge-base id; None for a thread described inline
    coords: np.ndarray[Any, Any]
    plane: str
    plane_rank: int
    design: str
    label: str
    length_mm: float | None
    product_sources: tuple[str, ...]
    path_length: float
    side: str  # "left", "right" or "midline" (which side of the face the entry lies on)
    segment_planes: tuple[str, ...] = ()  # one per segment (coords[k] → coords[k + 1])
    instrument: Instrument | None = None
    entry_skin: str | None = None
    # `coords` as plain floats, for the rules' per-thread arithmetic on a handful of points
    # (numpy's per-call cost is more than the work there); () when not given: see `xy`
    points: tuple[XY, ...] = ()

    @property
    def xy(self) -> Sequence[XY] | list[list[float]]:
        """The points as plain floats (the same values as `coords`)."""
        return self.points or self.coords.tolist()

    def runs(self) -> list[tuple[int, int, str]]:
        """Maximal runs of consecutive segments in one plane: (first segment, end, plane)."""
        planes = self.segment_planes or (self.plane,) * (len(self.coords) - 1)
        out: list[tuple[int, int, str]] = []
        start = 0
        for k in range(1, len(planes) + 1):
            if k == len(planes) or planes[k] != planes[start]:
                out.append((start, k, planes[start]))
                start = k
        return out


@dataclass(frozen=True, eq=False)
class Runs:
    """Every thread cut into runs of one plane, as flat arrays for vectorised predicates.

    `lines[k]` is run k (a LineString of consecutive segments in one plane) of thread
    `thread[k]`, in plane `plane[k]` of depth rank `rank[k]`, covering segments
    `first[k]` … `end[k] - 1` of its thread. A thread in one plane is one run: its whole line.
    """

    lines: np.ndarray[Any, Any]
    thread: np.ndarray[Any, Any]
    rank: np.ndarray[Any, Any]
    plane: tuple[str, ...]
    first: tuple[int, ...]
    end: tuple[int, ...]


@dataclass(frozen=True, eq=False)
class Context:
    plan: Plan
    face: Face
    kb: Knowledge
    zones: ZoneSet
    facts: IndicationFacts
    geometry: IndicationGeometry
    areas: IndicationAreas
    threads: tuple[ResolvedThread, ...]

    @cached_property
    def lines(self) -> np.ndarray[Any, Any]:
        """All threads (entry then path) as shapely LineStrings."""
        return polylines([t.coords for t in self.threads])

    @cached_property
    def runs(self) -> Runs:
        """The threads cut where their plane changes (`planes`), built in one call; a thread in
        one plane is one run, its whole line (so zone tests cost what they did per thread)."""
        if self.threads and all(len(set(t.segment_planes)) <= 1 for t in self.threads):
            # every thread in one plane: its run is its whole line, already built
            planes = tuple(
                t.segment_planes[0] if t.segment_planes else t.plane for t in self.threads
            )
            return Runs(
                lines=self.lines,
                thread=np.array([t.index for t in self.threads], dtype=int),
                rank=np.array([PLANE_RANK[p] for p in planes], dtype=int),
                plane=planes,
                first=(0,) * len(planes),
                end=tuple(len(t.coords) - 1 for t in self.threads),
            )
        pieces: list[np.ndarray[Any, Any]] = []
        thread, rank, plane, first, end = [], [], [], [], []
        for t in self.threads:
            for a, b, p in t.runs():
                pieces.append(t.coords[a : b + 1])
                thread.append(t.index)
                rank.append(PLANE_RANK[p])
                plane.append(p)
                first.append(a)
                end.append(b)
        if not pieces:
            empty = np.array([], dtype=object)
            return Runs(empty, np.array([], dtype=int), np.array([], dtype=int), (), (), ())
        coords = np.concatenate(pieces)
        index = np.repeat(np.arange(len(pieces)), [len(c) for c in pieces])
        return Runs(
            lines=shapely.linestrings(coords, indices=index),
            thread=np.array(thread, dtype=int),
            rank=np.array(rank, dtype=int),
            plane=tuple(plane),
            first=tuple(first),
            end=tuple(end),
        )


def polylines(parts: Sequence[Any]) -> np.ndarray[Any, Any]:
    """One LineString per point sequence of `parts` (each an (n, 2) array or a list of [x, y]).

    Built in one shapely call per number of points (a plan's threads mostly have the same
    count), from an (m, n, 2) array: several times faster than one call with `indices`."""
    sizes = [len(p) for p in parts]
    if len(set(sizes)) == 1:
        lines: np.ndarray[Any, Any] = shapely.linestrings(_stacked(parts, sizes[0]))
        return lines
    out = np.empty(len(parts), dtype=object)
    for n in set(sizes):
        at = [i for i, size in enumerate(sizes) if size == n]
        out[at] = shapely.linestrings(_stacked([parts[i] for i in at], n))
    return out


def _stacked(parts: Sequence[Any], n: int) -> np.ndarray[Any, Any]:
    """`parts` (each n points) as an (m, n, 2) array of floats."""
    if isinstance(parts[0], np.ndarray):
        return np.array(parts, dtype=float)
    # plain [x, y] lists: numpy reads a flat run of floats several times faster than nesting
    return xy_array((q for p in parts for q in p), len(parts) * n).reshape(len(parts), n, 2)


def xy_array(points: Iterable[Sequence[float]], count: int) -> np.ndarray[Any, Any]:
    """`count` points ([x, y] or (x, y)) as a (count, 2) array of floats."""
    flat = itertools.chain.from_iterable(points)
    return np.fromiter(flat, dtype=float, count=2 * count).reshape(count, 2)


def _side(face: Face, x: float, mid: float) -> str:
    if face.view == "lateral-left":
        return "left"
    if face.view == "lateral-right":
        return "right"
    if abs(x - mid) < 1e-9:
        return "midline"
    return "left" if x > mid else "right"  # the subject's left is on the viewer's right


def _product(kb: Knowledge, product: str | ProductSpec, path_length: float, field: str) -> Any:
    if isinstance(product, ProductSpec):
        label = f"{product.material} {product.design} {product.length_mm:g} mm {product.gauge}"
        return product.design, label, product.length_mm, ()
    try:
        facts = kb.product(product)
    except (KeyError, LookupError):
        raise PlanError(field, f"unknown product {product!r} in the knowledge base") from None
    lengths = sorted(float(v) for v in facts.lengths_mm)
    length = next((v for v in lengths if v >= path_length), lengths[-1] if lengths else None)
    return facts.design, facts.name, length, tuple(facts.sources)


def _checked_t(point: Point, field: str) -> Point:
    """A between fraction outside [0, 1] is bad input, not a point (PlanError naming it)."""
    if isinstance(point, BetweenPoint) and not 0.0 <= point.t <= 1.0:
        raise PlanError(
            f"{field}.t",
            f"must be between 0 and 1 (a point between the landmarks), got {point.t:g}",
        )
    return point


def _check_region(threads: list[tuple[list[XY], list[str]]], region: BaseGeometry) -> None:
    """Every point inside the face's region, else PlanError naming the first one outside."""
    flat = [p for pts, _ in threads for p in pts]
    xy = xy_array(flat, len(flat))
    inside = shapely.contains_xy(region, xy[:, 0], xy[:, 1])
    if all(inside.tolist()):  # a few dozen points: cheaper than numpy's reduction
        return
    fields = [f for _, names in threads for f in names]
    k = int(np.argmin(inside))
    raise PlanError(
        fields[k],
        f"({xy[k, 0]:.0f}, {xy[k, 1]:.0f}) mm lies outside the face (more than "
        f"{rules().outline['margin_mm']} mm beyond its landmarks, zones and anchoring areas)",
    )


def resolve_threads(
    plan: Plan, face: Face, kb: Knowledge, region: BaseGeometry | None = None
) -> tuple[ResolvedThread, ...]:
    """Resolve every thread's points on `face` (inside `region` if given); errors name
    `threads[i]…`."""
    resolved: list[tuple[list[XY], list[str]]] = []
    for i, thread in enumerate(plan.threads):
        at = f"threads[{i}]"
        names = [f"{at}.entry", *(f"{at}.path[{j}]" for j in range(len(thread.path)))]
        points = (thread.entry, *thread.path)
        pts = [resolve_point(_checked_t(p, f), face, f) for p, f in zip(points, names, strict=True)]
        resolved.append((pts, names))
    if region is not None and resolved:
        _check_region(resolved, region)
    out = []
    mid = face.midline_x()
    for i, (thread, (pts, _)) in enumerate(zip(plan.threads, resolved, strict=True)):
        coords = np.asarray(pts, dtype=float)
        path_length = sum(math.dist(a, b) for a, b in itertools.pairwise(pts))
        at = f"threads[{i}]"
        design, label, length, sources = _product(kb, thread.product, path_length, f"{at}.product")
        out.append(
            ResolvedThread(
                index=i,
                product_id=thread.product if isinstance(thread.product, str) else None,
                coords=coords,
                plane=thread.plane,
                plane_rank=PLANE_RANK[thread.plane],
                design=design,
                label=label,
                length_mm=length,
                product_sources=sources,
                path_length=path_length,
                side=_side(face, pts[0][0], mid),
                segment_planes=thread.segment_planes,
                instrument=thread.instrument,
                entry_skin=thread.entry_skin,
                points=tuple(pts),
            )
        )
    return tuple(out)


def geos_quiet() -> np.errstate:
    """Floating-point flags raised inside GEOS left unreported, for measuring lines that may
    hold a segment shorter than ~1e-154 mm (drawn so, or cut at a midpoint): GEOS divides by its
    squared length, which underflows to 0, and drops that candidate. The segment's ends are
    still measured, against a polygon's edges and as the ends of neighbouring segments, so the
    result is what it was; only the flag, which numpy reports as a RuntimeWarning, is left.
    (A line of nothing but such segments gets no distance to a point, as before.)"""
    return np.errstate(divide="ignore", over="ignore", invalid="ignore")


MIN_PULL_MM = 0.5  # numerical tolerance (drawing resolution), not a clinical figure


def pull_angle(face: Face, thread: ResolvedThread, reverse: bool = False) -> float | None:
    """Direction of the thread's pull (distal end → entry; entry → distal end if `reverse`) in
    degrees, per the lift convention.

    Lateral views: 0 = superior, +90 = posterior. Frontal: 0 = superior, +90 = lateral.
    None for a thread whose entry and distal end (nearly) coincide: below half a millimetre,
    finer than a plan can be drawn, the direction is numerical noise and must not be graded.
    Rounded to a millionth of a degree, so that moving the whole face (floating-point noise in
    the coordinates) never tips a thread across a graded boundary.
    """
    (x0, y0), (x1, y1) = thread.xy[0], thread.xy[-1]
    vx, vy = x0 - x1, y0 - y1
    if reverse:
        vx, vy = -vx, -vy
    if math.hypot(vx, vy) < MIN_PULL_MM:
        return None
    up = -vy
    if face.view == "frontal":
        sign = 1.0 if thread.side == "left" else -1.0
        across = vx * sign
    else:
        across = -vx * face.anterior_sign
    return round(math.degrees(math.atan2(across, up)), 6)
