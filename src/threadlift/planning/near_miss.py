"""Near misses: a thread run passing within the data's margin of a zone it does not cross."""

from __future__ import annotations

import functools
from collections.abc import Container
from dataclasses import dataclass

import numpy as np
import shapely

from threadlift.anatomy.zones import ZoneSet
from threadlift.knowledge.vocab import PLANES
from threadlift.planning.context import Context, geos_quiet
from threadlift.planning.models import Finding
from threadlift.planning.params import rules

# The bounding-box test is a prefilter only (every candidate left is measured): boxes widened a
# little more than the margin, so that rounding in the widening cannot drop a pair at the margin
BOX_SLACK_MM = 1e-6


def near_misses(
    ctx: Context, hits: np.ndarray, crossed: Container[tuple[int, int]], notes: list[str]
) -> list[Finding]:
    """A thread run in a plane where a structure is at risk that passes within the data's margin
    of a decisive piece of its zone (outlines are approximate) without crossing the zone: a
    warning with the distance. Drawing-default pieces are margins themselves (crossing one is
    a warning of its own), so distances are not measured to them. `hits[run, piece]`: the run
    crosses the piece; `crossed`: the (thread, zone) pairs that are crossings instead."""
    zones = ctx.zones
    margin = float(rules().near_miss["margin_mm"])
    runs = ctx.runs
    # candidates: a risky plane, not crossing, bounding boxes within the margin (cheap, numpy;
    # x and y compared in one (runs, 2, pieces) array, fewer calls than one per side)
    tb = shapely.bounds(runs.lines).reshape(-1, 4)
    pieces = _near_miss_pieces(zones, margin)
    near = (tb[:, :2, np.newaxis] <= pieces.high) & (pieces.low <= tb[:, 2:, np.newaxis])
    # a risky plane, and a decisive piece: a drawing default is itself a margin, no near miss
    # is measured to it
    r_idx, p_idx = np.nonzero(near[:, 0] & near[:, 1] & pieces.measured[runs.rank] & ~hits)
    if len(r_idx) == 0:
        return []
    piece_zone = zones.piece_lists[0]
    run_thread = runs.thread.tolist()
    # a (thread, zone) the thread crosses is that finding, not a near miss: not measured
    rows, cols = [], []
    for r, p in zip(r_idx.tolist(), p_idx.tolist(), strict=True):
        if (run_thread[r], piece_zone[p]) not in crossed:
            rows.append(r)
            cols.append(p)
    if not rows:
        return []
    # Every candidate measured exactly, in one call: a plan has a few dozen, where GEOS's
    # prepared prefilters (box, distance-within) cost more than the distances they spare, and
    # they misjudge lines that are (nearly) a point.
    with geos_quiet():
        dist = shapely.distance(zones.piece_geoms[cols], runs.lines[rows]).tolist()
    closest: dict[tuple[int, int], tuple[float, int, int]] = {}
    for r, p, d in zip(rows, cols, dist, strict=True):
        if d > margin:
            continue
        k = (run_thread[r], piece_zone[p])
        if k not in closest or d < closest[k][0]:
            closest[k] = (d, r, p)
    findings = []
    for (ti, zi), (d, ri, pi) in sorted(closest.items()):
        thread, zone, piece = ctx.threads[ti], zones.zones[zi], zones.pieces[pi]
        findings.append(
            Finding.trusted(
                rule="near_miss",
                severity="warning",
                thread=thread.index,
                zone=zone.id,
                message=f"Thread {thread.index + 1} passes {d:.1f} mm from the {zone.name} zone "
                f"in the {runs.plane[ri]} plane{notes[ri]}, where the structure is "
                f"at risk ({', '.join(piece.planes_at_risk)}); zone outlines are approximate, so "
                f"keep more than {margin:g} mm away.",
                sources=tuple(dict.fromkeys([*zone.sources, *piece.sources])),
            )
        )
    return findings


@dataclass(frozen=True)
class _NearMissPieces:
    """What the near-miss test needs of one face's zone pieces, made once per face: their
    bounds widened by the margin and BOX_SLACK_MM, as (1, 2, pieces) arrays of (x, y), and per
    depth rank which pieces a run of that rank is measured against (decisive pieces at risk
    at that depth or above)."""

    low: np.ndarray  # min x, min y - (margin + slack)
    high: np.ndarray  # max x, max y + (margin + slack)
    measured: np.ndarray  # (ranks, pieces) bool


@functools.lru_cache(maxsize=128)
def _near_miss_pieces(zones: ZoneSet, margin: float) -> _NearMissPieces:
    b = zones.piece_bounds.reshape(-1, 4)
    wide = margin + BOX_SLACK_MM
    ranks = np.arange(len(PLANES))[:, np.newaxis]
    return _NearMissPieces(
        low=(b[:, :2] - wide).T[np.newaxis].copy(),
        high=(b[:, 2:] + wide).T[np.newaxis].copy(),
        measured=(zones.piece_min_rank[np.newaxis, :] <= ranks) & zones.piece_decisive,
    )
