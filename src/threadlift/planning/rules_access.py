"""How a thread gets in: the instrument (sharp needle or blunt cannula), the skin at the entry
point, and which deep segments are a temporal anchor rather than a lifting run.

Data and sources: `data/access_rules.yaml`. Each rule takes a `Context` and returns its
findings and None (no score component); a plan that states no instrument or entry skin gets no
finding from these rules.
"""

from __future__ import annotations

import functools
import math
from typing import Literal

import numpy as np
import shapely
from pydantic import BaseModel, ConfigDict, Field
from shapely.geometry.base import BaseGeometry

from threadlift.anatomy.models import Face
from threadlift.planning.context import Context, ResolvedThread
from threadlift.planning.models import Finding, Severity
from threadlift.planning.params import anchoring_areas, load_data, polygon_on

RuleResult = tuple[list[Finding], float | None]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AccessFinding(_Frozen):
    severity: Severity
    message: str
    sources: tuple[str, ...] = Field(min_length=1)
    evidence: str


class AnchoringSegment(_Frozen):
    areas: tuple[str, ...]
    planes: tuple[str, ...]
    max_length_mm: float = Field(gt=0)
    exempts: tuple[str, ...]
    sources: tuple[str, ...] = Field(min_length=1)
    evidence: str
    status: Literal["sourced", "derived", "unconfirmed"]
    note: str


class InstrumentRules(_Frozen):
    vascular_structure_types: tuple[str, ...]
    needle_at_risk: AccessFinding
    needle_superficial: AccessFinding
    cannula_superficial: AccessFinding
    status: str
    note: str


class EntrySkinRules(_Frozen):
    hair_bearing: AccessFinding
    status: str
    note: str


class AccessRules(_Frozen):
    anchoring_segment: AnchoringSegment
    instrument: InstrumentRules
    entry_skin: EntrySkinRules


@functools.cache
def access_rules() -> AccessRules:
    return AccessRules.model_validate(load_data("access_rules.yaml"))


@functools.lru_cache(maxsize=128)
def _anchor_area(face: Face) -> BaseGeometry:
    key = "frontal" if face.view == "frontal" else "lateral"
    cfg = access_rules().anchoring_segment
    area = shapely.union_all(
        [
            polygon_on(face, getattr(anchoring_areas()[a], key), f"anchoring_areas.{a}")
            for a in cfg.areas
        ]
    )
    shapely.prepare(area)
    return area


def anchoring_segments(ctx: Context, thread: ResolvedThread) -> frozenset[int]:
    """Segments of `thread` that are an anchoring bite: in an anchoring plane, no longer than
    the data's maximum, wholly inside the temporal anchoring area (R27; limits U)."""
    cfg = access_rules().anchoring_segment
    planes = thread.segment_planes
    candidates = [k for k, p in enumerate(planes) if p in cfg.planes]
    if not candidates or len(set(planes)) <= 1:
        return frozenset()  # a thread wholly deep is a deep run, not an anchor
    area = _anchor_area(ctx.face)
    out = set()
    for k in candidates:
        a, b = thread.xy[k], thread.xy[k + 1]
        if math.dist(a, b) > cfg.max_length_mm:
            continue
        if shapely.covers(area, shapely.LineString([a, b])):
            out.add(k)
    return frozenset(out)


def _finding(rule: str, thread: int, spec: AccessFinding, lead: str, zone: str | None) -> Finding:
    return Finding.trusted(
        rule=rule,
        severity=spec.severity,
        thread=thread,
        zone=zone,
        message=f"{lead} {' '.join(spec.message.split())}",
        sources=spec.sources,
    )


def instrument(ctx: Context) -> RuleResult:
    """A sharp needle crossing a vessel's zone where the vessel lies is critical (a warning on a
    drawing-default outline); over it, a warning; a blunt cannula over it, the plane caveat."""
    with_tool = [t for t in ctx.threads if t.instrument is not None]
    zones = ctx.zones
    if not with_tool or len(zones.piece_geoms) == 0:
        return [], None
    cfg = access_rules().instrument
    vascular = np.array(
        [zones.zones[z].structure_type in cfg.vascular_structure_types for z in zones.piece_zone],
        dtype=bool,
    )
    if not vascular.any():
        return [], None
    runs = ctx.runs
    keep = np.isin(runs.thread, [t.index for t in with_tool])
    r_sel = np.nonzero(keep)[0]
    p_sel = np.nonzero(vascular)[0]
    hits = shapely.intersects(
        zones.piece_geoms[p_sel][np.newaxis, :], runs.lines[r_sel][:, np.newaxis]
    )
    # per (thread, zone): "firm" (at risk on a measured outline), "default" (at risk only on a
    # drawing-default outline) or "over" (superficial to the vessel)
    level = {"over": 0, "default": 1, "firm": 2}
    worst: dict[tuple[int, int], tuple[str, str]] = {}
    for i, j in zip(*np.nonzero(hits), strict=True):
        r, p = int(r_sel[i]), int(p_sel[j])
        piece = zones.pieces[p]
        reached = int(zones.piece_min_rank[p]) <= int(runs.rank[r])
        how = ("firm" if piece.decisive else "default") if reached else "over"
        k = (int(runs.thread[r]), int(zones.piece_zone[p]))
        if k not in worst or level[how] > level[worst[k][0]]:
            worst[k] = (how, runs.plane[r])
    findings: list[Finding] = []
    for (t_idx, z_idx), (how, plane) in sorted(worst.items()):
        thread, zone = ctx.threads[t_idx], zones.zones[z_idx]
        tool = thread.instrument
        assert tool is not None
        gauge = f" ({tool.gauge})" if tool.gauge else ""
        what = "a sharp needle" if tool.kind == "needle" else "a blunt cannula"
        lead = (
            f"Thread {t_idx + 1} crosses the {zone.name} zone with {what}{gauge} in the "
            f"{plane} plane."
        )
        if tool.kind == "needle" and how == "over":
            findings.append(_finding("instrument", t_idx, cfg.needle_superficial, lead, zone.id))
        elif tool.kind == "needle":
            spec = cfg.needle_at_risk
            if how == "default":  # never a critical finding on a drawing-default outline
                spec = spec.model_copy(update={"severity": "warning"})
            findings.append(_finding("instrument", t_idx, spec, lead, zone.id))
        elif how == "over":
            findings.append(_finding("instrument", t_idx, cfg.cannula_superficial, lead, zone.id))
    return findings, None


def entry_skin(ctx: Context) -> RuleResult:
    """An entry through hair-bearing skin: the (unconfirmed) alopecia caveat, as info."""
    spec = access_rules().entry_skin.hair_bearing
    findings = [
        _finding("entry_skin", t.index, spec, f"Thread {t.index + 1} enters through", None)
        for t in ctx.threads
        if t.entry_skin == "hair_bearing"
    ]
    return findings, None
