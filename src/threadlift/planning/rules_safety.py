"""Safety rules: danger-zone crossing by plane, and plane suitability.

Each rule takes a `Context` and returns its findings plus a component score in [0, 1]
(None when the rule does not apply to the plan).
"""

from __future__ import annotations

import numpy as np
import shapely

from threadlift.knowledge.vocab import PLANES
from threadlift.planning.context import Context
from threadlift.planning.models import Finding
from threadlift.planning.params import rules

RuleResult = tuple[list[Finding], float | None]


def zone_crossing(ctx: Context) -> RuleResult:
    """A thread (entry and path) crossing a zone: critical at or below the structure's level.

    Per piece (the structure's depth may change along its course): critical when the thread's
    plane is one where the structure is at risk in that piece, or deeper (reaching a deeper
    plane passes through the structure's level), and the piece is decisive (not a drawing
    default); a warning when the thread is superficial to every plane at risk there, or when
    the only piece it reaches is a drawing default. A no-go region is at risk in every plane.
    Moving a thread deeper never lowers the severity.
    """
    zones = ctx.zones
    if not ctx.threads or len(zones.piece_geoms) == 0:
        return [], None
    lines = ctx.lines
    hits = shapely.intersects(zones.piece_geoms[np.newaxis, :], lines[:, np.newaxis])
    # per (thread, zone): the piece that decides the severity, ranked
    # 2 = reached and decisive (critical), 1 = reached a drawing default, 0 = superficial
    decided: dict[tuple[int, int], tuple[int, int]] = {}
    min_rank = zones.piece_min_rank.tolist()
    decisive = zones.piece_decisive.tolist()
    piece_zone = zones.piece_zone.tolist()
    for t_idx, p_idx in zip(*np.nonzero(hits), strict=True):
        t_idx, p_idx = int(t_idx), int(p_idx)
        reached = min_rank[p_idx] <= ctx.threads[t_idx].plane_rank
        grade = (2 if decisive[p_idx] else 1) if reached else 0
        k = (t_idx, piece_zone[p_idx])
        if k not in decided or grade > decided[k][0]:
            decided[k] = (grade, p_idx)
    findings: list[Finding] = []
    findings += _near_misses(ctx, hits, {k for k in decided})
    for (t_idx, z_idx), (grade, p_idx) in decided.items():
        thread = ctx.threads[t_idx]
        zone = zones.zones[z_idx]
        piece = zones.pieces[p_idx]
        risk = piece.planes_at_risk
        if zone.no_go and grade == 2:
            message = (
                f"Thread {thread.index + 1} enters the {zone.name}, a no-go region in every "
                f"plane ({thread.plane} here): no thread may enter, end in or pass through it."
            )
        elif grade == 1:
            message = (
                f"Thread {thread.index + 1} crosses the {zone.name} in the {thread.plane} plane, "
                f"where the structure is at risk ({', '.join(risk)}), but only where the outline "
                "is a drawing default (no source gives it): a warning, not a failure. Keep away "
                "from it."
            )
        else:
            message = _crossing_message(thread.index, thread.plane, zone.name, risk, grade == 2)
        findings.append(
            Finding(
                rule="zone_crossing",
                severity="critical" if grade == 2 else "warning",
                thread=thread.index,
                zone=zone.id,
                message=message,
                sources=tuple(dict.fromkeys([*zone.sources, *piece.sources])),
            )
        )
    return findings, None


def _near_misses(ctx: Context, hits: np.ndarray, crossed: set[tuple[int, int]]) -> list[Finding]:
    """A thread in a plane where a structure is at risk that passes within the data's margin of
    a decisive piece of its zone (outlines are approximate) without crossing the zone: a
    warning with the distance. Drawing-default pieces are margins themselves (crossing one is
    a warning of its own), so distances are not measured to them."""
    zones = ctx.zones
    margin = float(rules().near_miss["margin_mm"])
    lines = ctx.lines
    ranks = np.array([t.plane_rank for t in ctx.threads])
    # candidates: a risky plane, not crossing, bounding boxes within the margin (cheap, numpy)
    tb = shapely.bounds(lines).reshape(-1, 4)[:, np.newaxis, :]
    pb = zones.piece_bounds[np.newaxis, :, :]
    boxes = (
        (tb[..., 0] <= pb[..., 2] + margin)
        & (pb[..., 0] <= tb[..., 2] + margin)
        & (tb[..., 1] <= pb[..., 3] + margin)
        & (pb[..., 1] <= tb[..., 3] + margin)
    )
    risky = zones.piece_min_rank[np.newaxis, :] <= ranks[:, np.newaxis]
    # a drawing default (non-decisive piece) is itself a margin: no near miss is measured to it
    decisive = zones.piece_decisive[np.newaxis, :]
    t_idx, p_idx = np.nonzero(risky & decisive & ~hits & boxes)
    if len(t_idx) == 0:
        return []
    dist = shapely.distance(zones.piece_geoms[p_idx], lines[t_idx]).tolist()
    closest: dict[tuple[int, int], tuple[float, int]] = {}
    piece_zone = zones.piece_zone.tolist()
    for t, p, d in zip(t_idx.tolist(), p_idx.tolist(), dist, strict=True):
        k = (t, piece_zone[p])
        if k in crossed or d > margin:
            continue
        if k not in closest or d < closest[k][0]:
            closest[k] = (d, p)
    findings = []
    for (ti, zi), (d, pi) in sorted(closest.items()):
        thread, zone, piece = ctx.threads[ti], zones.zones[zi], zones.pieces[pi]
        findings.append(
            Finding(
                rule="near_miss",
                severity="warning",
                thread=thread.index,
                zone=zone.id,
                message=f"Thread {thread.index + 1} passes {d:.1f} mm from the {zone.name} zone "
                f"in the {thread.plane} plane, where the structure is at risk "
                f"({', '.join(piece.planes_at_risk)}); zone outlines are approximate, so keep "
                f"more than {margin:g} mm away.",
                sources=tuple(dict.fromkeys([*zone.sources, *piece.sources])),
            )
        )
    return findings


def _crossing_message(
    index: int, plane: str, zone: str, risk: tuple[str, ...], critical: bool
) -> str:
    planes = ", ".join(risk)
    deepest = max(PLANES.index(p) for p in risk)
    if critical and PLANES.index(plane) > deepest:
        return (
            f"Thread {index + 1} crosses the {zone} in the {plane} plane, deep to the "
            f"structure's level ({planes}): reaching that depth passes through it."
        )
    if critical:
        return (
            f"Thread {index + 1} crosses the {zone} in the {plane} plane, where the "
            f"structure is at risk ({planes}). Re-route the thread outside the zone."
        )
    return (
        f"Thread {index + 1} crosses the {zone} in the {plane} plane, superficial to the "
        f"structure (at risk in: {planes}). Safe only if the plane is held; use a blunt cannula "
        "here."
    )


def design_matches(designs: tuple[str, ...], design: str) -> bool:
    """`design` is one of `designs`; only a cog of unknown orientation (`cog_unspecified`, a
    product the source does not describe further) stands in for any cog design."""
    if design in designs:
        return True
    return design == "cog_unspecified" and any(d.startswith("cog") for d in designs)


def plane_suitability(ctx: Context) -> RuleResult:
    """The plane suits the design and the indication (data rules plus the published plane)."""
    findings: list[Finding] = []
    suitable = 0
    indication = ctx.plan.indication
    target_planes = tuple(ctx.facts.target_planes)
    for thread in ctx.threads:
        ok = True
        for rule in rules().plane_rules:
            if indication in rule.except_indications or thread.plane not in rule.planes:
                continue
            if rule.only_indications and indication not in rule.only_indications:
                continue
            if not design_matches(rule.designs, thread.design):
                continue
            ok = False
            findings.append(
                Finding(
                    rule="plane_suitability",
                    severity=rule.severity,
                    thread=thread.index,
                    message=f"Thread {thread.index + 1} ({thread.design}, {thread.plane}): "
                    + " ".join(rule.message.split()),
                    sources=rule.sources,
                )
            )
        if target_planes and thread.plane not in target_planes:
            ok = False
            findings.append(
                Finding(
                    rule="plane_suitability",
                    severity="warning",
                    thread=thread.index,
                    message=f"Thread {thread.index + 1} is in the {thread.plane} plane; the "
                    f"published plane for {ctx.facts.name} is {', '.join(target_planes)}.",
                    sources=tuple(ctx.facts.sources),
                )
            )
        suitable += ok
    return findings, (suitable / len(ctx.threads) if ctx.threads else None)
