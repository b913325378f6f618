"""Safety rules: danger-zone crossing by plane, and plane suitability.

Each rule takes a `Context` and returns its findings plus a component score in [0, 1]
(None when the rule does not apply to the plan).
"""

from __future__ import annotations

import functools

import numpy as np
import shapely

from threadlift.anatomy.zones import ZoneSet
from threadlift.knowledge.vocab import PLANES
from threadlift.planning.context import Context
from threadlift.planning.models import Finding
from threadlift.planning.near_miss import near_misses
from threadlift.planning.params import rules
from threadlift.planning.rules_access import access_rules, anchoring_segments

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
    runs = ctx.runs  # each thread cut where its plane changes (one run per one-plane thread)
    hits = shapely.intersects(zones.piece_geoms[np.newaxis, :], runs.lines[:, np.newaxis])
    r_all, p_all = np.nonzero(hits)
    # per (thread, zone), in the order zones are met (row by row): the (run, piece) that
    # decides the severity, the first of the highest grade: 2 = reached and decisive
    # (critical), 1 = reached a drawing default, 0 = superficial. A loop over the few hits:
    # numpy's per-call cost is more than the work on arrays this small.
    run_thread, run_grades = runs.thread.tolist(), [_grades(zones)[k] for k in runs.rank.tolist()]
    piece_zone = zones.piece_lists[0]
    decided: dict[tuple[int, int], tuple[int, int, int]] = {}
    for r, p in zip(r_all.tolist(), p_all.tolist(), strict=True):
        grade = run_grades[r][p]
        key = (run_thread[r], piece_zone[p])
        best = decided.get(key)
        if best is None or grade > best[0]:
            decided[key] = (grade, r, p)
    notes = _segment_notes(ctx)
    findings = near_misses(ctx, hits, decided, notes)
    for (t_idx, _), (grade, r_idx, p_idx) in decided.items():
        findings.append(
            _crossing_finding(zones, t_idx, p_idx, grade, runs.plane[r_idx], notes[r_idx])
        )
    return findings, None


@functools.lru_cache(maxsize=128)
def _grades(zones: ZoneSet) -> tuple[list[int], ...]:
    """Per depth rank, the grade at which a run of that rank crossing each piece of `zones` is
    judged (2 reached and decisive, 1 reached a drawing default, 0 superficial): per face."""
    _, min_rank, decisive = zones.piece_lists
    return tuple(
        [(2 if d else 1) if m <= rank else 0 for m, d in zip(min_rank, decisive, strict=True)]
        for rank in range(len(PLANES))
    )


@functools.lru_cache(maxsize=16384)
def _crossing_finding(
    zones: ZoneSet, thread: int, piece: int, grade: int, plane: str, where: str
) -> Finding:
    """The finding for thread `thread` (0-based) crossing piece `piece` of `zones` in `plane`
    at `grade`: a pure function of its arguments (a zone set is one face's, kept while cached),
    so made once per combination; plans on a face meet the same zones in the same planes."""
    zone = zones.zones[int(zones.piece_zone[piece])]
    part = zones.pieces[piece]
    verdict = _crossing_verdict(zone.name, zone.no_go, part.planes_at_risk, plane, grade, where)
    return Finding.trusted(
        rule="zone_crossing",
        severity="critical" if grade == 2 else "warning",
        thread=thread,
        zone=zone.id,
        message=f"Thread {thread + 1} {verdict}",
        sources=tuple(dict.fromkeys([*zone.sources, *part.sources])),
    )


def _segment_notes(ctx: Context) -> list[str]:
    """Per run, which segments it covers, for threads drawn with a plane per segment ("" for
    a thread in one plane)."""
    runs = ctx.runs
    if len(runs.plane) == len(ctx.threads):  # one run per thread: every thread in one plane
        return [""] * len(runs.plane)
    mixed = [len(set(t.segment_planes)) > 1 for t in ctx.threads]
    notes = []
    for t, a, b in zip(runs.thread.tolist(), runs.first, runs.end, strict=True):
        if not mixed[t]:
            notes.append("")
        else:
            notes.append(f" (segment {a + 1})" if a + 1 == b else f" (segments {a + 1}–{b})")
    return notes


@functools.lru_cache(maxsize=4096)
def _crossing_verdict(
    zone: str, no_go: bool, risk: tuple[str, ...], plane: str, grade: int, where: str
) -> str:
    """What a crossing means, after "Thread N ": grade 2 reached and decisive (critical), 1
    reached only a drawing default, 0 superficial to the structure. A pure function of its
    arguments, so kept once per combination (plans meet the same zones in the same planes)."""
    planes = ", ".join(risk)
    if no_go and grade == 2:
        return (
            f"enters the {zone}, a no-go region in every plane ({plane} here{where}): no thread "
            "may enter, end in or pass through it."
        )
    if grade == 1:
        return (
            f"crosses the {zone} in the {plane} plane{where}, where the structure is at risk "
            f"({planes}), but only where the outline is a drawing default (no source gives it): "
            "a warning, not a failure. Keep away from it."
        )
    deepest = max(PLANES.index(p) for p in risk)
    if grade == 2 and PLANES.index(plane) > deepest:
        return (
            f"crosses the {zone} in the {plane} plane{where}, deep to the structure's level "
            f"({planes}): reaching that depth passes through it."
        )
    if grade == 2:
        return (
            f"crosses the {zone} in the {plane} plane{where}, where the structure is at risk "
            f"({planes}). Re-route the thread outside the zone."
        )
    return (
        f"crosses the {zone} in the {plane} plane{where}, superficial to the structure (at risk "
        f"in: {planes}). Safe only if the plane is held; use a blunt cannula here."
    )


def design_matches(designs: tuple[str, ...], design: str) -> bool:
    """`design` is one of `designs`; only a cog of unknown orientation (`cog_unspecified`, a
    product the source does not describe further) stands in for any cog design."""
    if design in designs:
        return True
    return design == "cog_unspecified" and any(d.startswith("cog") for d in designs)


def plane_suitability(ctx: Context) -> RuleResult:
    """The plane suits the design and the indication (data rules plus the published plane),
    segment by segment: a short deep segment in the temporal anchoring area is an anchor, not a
    lifting run (`access_rules.yaml`, R27), and is exempt from the rules the data names."""
    findings: list[Finding] = []
    suitable = 0
    indication = ctx.plan.indication
    target_planes = tuple(ctx.facts.target_planes)
    for thread in ctx.threads:
        planes = thread.segment_planes or (thread.plane,)
        mixed = len(set(planes)) > 1
        if mixed:
            anchors = anchoring_segments(ctx, thread)
            broken, off = _broken(indication, thread.design, planes, anchors, target_planes)
        else:
            broken, off = _one_plane(indication, thread.design, planes[0], target_planes)
        for rule, k in broken:
            findings.append(
                _plane_finding(
                    rule, thread.index, thread.design, planes[k], k + 1 if mixed else None
                )
            )
        if off is not None:
            where = f" (segment {off + 1})" if mixed else ""
            findings.append(
                Finding.trusted(
                    rule="plane_suitability",
                    severity="warning",
                    thread=thread.index,
                    message=f"Thread {thread.index + 1} is in the {planes[off]} plane{where}; "
                    f"the published plane for {ctx.facts.name} is {', '.join(target_planes)}.",
                    sources=tuple(ctx.facts.sources),
                )
            )
        suitable += not broken and off is None
    return findings, (suitable / len(ctx.threads) if ctx.threads else None)


Broken = tuple[tuple[tuple[int, int], ...], int | None]


def _broken(
    indication: str,
    design: str,
    planes: tuple[str, ...],
    anchors: frozenset[int],
    target_planes: tuple[str, ...],
) -> Broken:
    """The plane rules a `design` thread with `planes` (one per segment) breaks for
    `indication`: each one's position and the first segment breaking it; then the first segment
    off the published `target_planes` (None if none or none is published). Anchoring segments
    (`anchors`) are exempt where the data says."""
    broken = []
    for rule, rule_planes, exempts in _plane_rules_for(indication, design):
        exempt = anchors if exempts else frozenset()
        hit = [k for k, p in enumerate(planes) if p in rule_planes and k not in exempt]
        if hit:
            broken.append((rule, hit[0]))
    off = [k for k, p in enumerate(planes) if p not in target_planes and k not in anchors]
    return tuple(broken), (off[0] if target_planes and off else None)


@functools.lru_cache(maxsize=4096)
def _one_plane(indication: str, design: str, plane: str, target_planes: tuple[str, ...]) -> Broken:
    """`_broken` for a thread in one plane, which has no anchoring segment: a function of the
    indication, design and plane only, so judged once per combination (segment 0 stands for
    every segment, all in the one plane)."""
    return _broken(indication, design, (plane,), frozenset(), target_planes)


@functools.cache
def _plane_rules_for(indication: str, design: str) -> tuple[tuple[int, tuple[str, ...], bool], ...]:
    """The plane rules that apply to a `design` thread for `indication` (rules.yaml, read once):
    each one's position, its planes, and whether an anchoring segment is exempt from it
    (access_rules.yaml)."""
    exempts = set(access_rules().anchoring_segment.exempts)
    return tuple(
        (i, rule.planes, rule.id in exempts)
        for i, rule in enumerate(rules().plane_rules)
        if indication not in rule.except_indications
        and (not rule.only_indications or indication in rule.only_indications)
        and design_matches(rule.designs, design)
    )


@functools.lru_cache(maxsize=4096)
def _plane_finding(
    rule_at: int, thread: int, design: str, plane: str, segment: int | None
) -> Finding:
    """Thread `thread` (0-based) of `design` breaks plane rule `rule_at` in `plane` (at segment
    `segment`, 1-based, for a thread with a plane per segment): a pure function of its
    arguments, so made once per combination."""
    rule = rules().plane_rules[rule_at]
    where = f", segment {segment}" if segment is not None else ""
    return Finding.trusted(
        rule="plane_suitability",
        severity=rule.severity,
        thread=thread,
        message=f"Thread {thread + 1} ({design}, {plane}{where}): "
        + " ".join(rule.message.split()),
        sources=rule.sources,
    )
