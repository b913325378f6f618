"""How close a plan's threads come to each danger zone, in the planes where it matters.

For the outcomes registry (issue 22): a complication is read against the distance from the
plan's threads to each zone, counting only thread runs in a plane where the zone's structure is
at risk there (or deeper), and only the zone's decisive pieces (a drawing default is a margin,
not anatomy). 0 means the thread crosses the zone at risk.
"""

from __future__ import annotations

import numpy as np
import shapely

from threadlift.planning.context import Context


def zone_distances(ctx: Context) -> dict[str, float]:
    """Zone id → the smallest distance (mm) from a thread run at risk to one of its decisive
    pieces; zones that no run reaches in a plane at risk are left out."""
    zones, runs = ctx.zones, ctx.runs
    if not ctx.threads or len(zones.piece_geoms) == 0:
        return {}
    at_risk = zones.piece_min_rank[np.newaxis, :] <= runs.rank[:, np.newaxis]
    pairs = at_risk & zones.piece_decisive[np.newaxis, :]
    r_idx, p_idx = np.nonzero(pairs)
    if len(r_idx) == 0:
        return {}
    dist = shapely.distance(zones.piece_geoms[p_idx], runs.lines[r_idx])
    out: dict[str, float] = {}
    for p, d in zip(p_idx.tolist(), dist.tolist(), strict=True):
        zone = zones.zones[int(zones.piece_zone[p])].id
        out[zone] = min(out.get(zone, d), round(d, 1))
    return out
