"""How close a plan's threads come to each danger zone, in the planes where it matters.

For the outcomes registry (issue 22): a complication is read against the distance from the
plan's threads to each zone, counting only thread runs in a plane where the zone's structure is
at risk there (or deeper), and only the zone's decisive pieces (a drawing default is a margin,
not anatomy). 0 means the thread crosses the zone at risk.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from threadlift.planning.context import Context


@dataclass(frozen=True)
class ZoneProximity:
    """The closest approach of the plan to one zone, in a plane at risk there."""

    zone: str
    name: str
    distance_mm: float  # rounded to 0.1 mm; 0 = crossing
    thread: int  # 0-based index of the closest thread
    plane: str
    instrument: str | None  # "cannula" / "needle" when the plan says


def zone_proximity(ctx: Context) -> list[ZoneProximity]:
    """Per zone that a thread run reaches in a plane at risk, its closest approach, nearest
    first; zones no run reaches in a plane at risk are left out."""
    zones, runs = ctx.zones, ctx.runs
    if not ctx.threads or len(zones.piece_geoms) == 0:
        return []
    at_risk = zones.piece_min_rank[np.newaxis, :] <= runs.rank[:, np.newaxis]
    r_idx, p_idx = np.nonzero(at_risk & zones.piece_decisive[np.newaxis, :])
    if len(r_idx) == 0:
        return []
    dist = shapely.distance(zones.piece_geoms[p_idx], runs.lines[r_idx])
    best: dict[int, tuple[float, int]] = {}
    for r, p, d in zip(r_idx.tolist(), p_idx.tolist(), dist.tolist(), strict=True):
        z = int(zones.piece_zone[p])
        if z not in best or d < best[z][0]:
            best[z] = (d, r)
    out = []
    for z, (d, r) in best.items():
        thread = ctx.threads[int(runs.thread[r])]
        out.append(
            ZoneProximity(
                zone=zones.zones[z].id,
                name=zones.zones[z].name,
                distance_mm=round(d, 1),
                thread=thread.index,
                plane=runs.plane[r],
                instrument=thread.instrument.kind if thread.instrument else None,
            )
        )
    return sorted(out, key=lambda p: (p.distance_mm, p.zone))


def zone_distances(ctx: Context) -> dict[str, float]:
    """Zone id → the closest approach (mm) of a thread run at risk (see `zone_proximity`)."""
    return {p.zone: p.distance_mm for p in zone_proximity(ctx)}
