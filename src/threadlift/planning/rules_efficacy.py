"""Efficacy rules: lift vector, fixation, length, coverage, thread count, symmetry.

Each rule takes a `Context` and returns its findings plus a component score in [0, 1]
(None when the rule does not apply to the plan).
"""

from __future__ import annotations

import math

import numpy as np
import shapely

from threadlift.planning.context import Context, pull_angle
from threadlift.planning.models import Finding
from threadlift.planning.params import anchoring_areas, rules
from threadlift.planning.sides import side_counts, side_coverage

RuleResult = tuple[list[Finding], float | None]


UNIDIRECTIONAL = "cog_unidirectional"


def _reverse_axes(ctx: Context) -> dict[int, bool | None]:
    """For threads without a fixed end (bidirectional, cone, smooth): True when the end nearer
    an anchoring area is the distal end, so that the pull runs the other way; None when
    neither end is nearer, no area is published, or the indication's threads are fixed in the
    treated area itself (`fixing: in_target`): then only the axis counts."""
    free = [t for t in ctx.threads if t.design != UNIDIRECTIONAL]
    area = ctx.areas.anchoring
    if area is None or not free or ctx.geometry.objectives.fixing == "in_target":
        # knotless threads laid in the treated area have no end nearer a fixing point
        return dict.fromkeys((t.index for t in free), None)
    # the ends taken from the lines already built (the same coordinates), entries then distal
    # ends: fewer calls than making points from the threads' floats
    lines = ctx.lines if len(free) == len(ctx.threads) else ctx.lines[[t.index for t in free]]
    ends = np.concatenate([shapely.get_point(lines, 0), shapely.get_point(lines, -1)])
    dist = shapely.distance(area, ends).tolist()
    n = len(free)
    return {
        t.index: None if math.isclose(d0, d1, abs_tol=1e-6) else d1 < d0
        for t, d0, d1 in zip(free, dist[:n], dist[n:], strict=True)
    }


def lift_vector(ctx: Context) -> RuleResult:
    """Angle between each thread's pull and the indication's lift direction, graded.

    A unidirectional barbed thread pulls towards its entry (its fixed end); pulling against
    the lift direction beyond the verdict tolerance fails the plan. Other designs have no fixed
    end: their direction is their axis, pointing to the end nearer an anchoring area, so the
    same line drawn backwards scores the same.
    """
    lift = ctx.geometry.lift
    if lift is None or not ctx.threads:
        return [], None
    target = lift.frontal_deg if ctx.face.view == "frontal" else lift.lateral_deg
    frame = "lateral" if ctx.face.view == "frontal" else "posterior"
    reversed_limit = float(rules().verdict["reversed_pull_deg"])
    findings: list[Finding] = []
    total = 0.0
    flips = _reverse_axes(ctx)
    grades = rules().grades
    for thread in ctx.threads:
        uni = thread.design == UNIDIRECTIONAL
        flip = flips.get(thread.index)
        angle = pull_angle(ctx.face, thread, reverse=bool(flip))
        if angle is None:
            findings.append(
                Finding.trusted(
                    rule="lift_vector",
                    severity="warning",
                    thread=thread.index,
                    message=f"Thread {thread.index + 1} has no length: it pulls in no direction.",
                    sources=lift.sources,
                )
            )
            continue
        # `angle` is rounded (pull_angle); so is the difference, compared with "more than 90°".
        delta = round(abs((angle - target + 180.0) % 360.0 - 180.0), 6)
        if not uni and flip is None and delta > 90.0:  # an axis has no arrow
            angle = (angle + 360.0) % 360.0 - 180.0
            delta = 180.0 - delta
        if uni and delta > reversed_limit:
            findings.append(
                Finding.trusted(
                    rule="lift_vector",
                    severity="critical",
                    thread=thread.index,
                    message=f"Thread {thread.index + 1} is a unidirectional barbed thread that "
                    f"pulls against the lift direction: {angle:.0f}° from vertical (+ = {frame}) "
                    f"where {ctx.facts.name} needs {target:.0f}°, {delta:.0f}° away (more than "
                    f"{reversed_limit:.0f}°). Its barbs would drag tissue the wrong way; insert "
                    "it from the fixing point towards the area to lift.",
                    sources=tuple(dict.fromkeys([*lift.sources, "R3"])),
                )
            )
            continue
        grade = next(g for g in grades if delta <= g.max_deg)
        total += grade.score
        if grade.severity is None:
            continue
        findings.append(
            Finding.trusted(
                rule="lift_vector",
                severity=grade.severity,
                thread=thread.index,
                message=f"Thread {thread.index + 1} pulls {round(angle) or 0}° from vertical "
                f"(+ = {frame}); the lift direction for {ctx.facts.name} is {target:.0f}°, "
                f"{delta:.0f}° away.",
                sources=lift.sources,
            )
        )
    return findings, total / len(ctx.threads)


def fixation(ctx: Context) -> RuleResult:
    """Unidirectional barbed threads need their fixed end (the entry) in an anchoring area.

    Critical: a fixed end outside every anchoring area (a floating thread), or in the area to
    be lifted (it would pull the fixing tissue down towards the target).
    """
    uni = [t for t in ctx.threads if t.design == UNIDIRECTIONAL]
    if not uni:
        return [], None
    area = ctx.areas.anchoring
    names = [anchoring_areas()[a] for a in ctx.geometry.anchoring]
    sources = tuple(dict.fromkeys([s for a in names for s in a.sources] + ["R3"]))
    if area is None:
        return [
            Finding.trusted(
                rule="fixation",
                severity="critical",
                thread=t.index,
                message=f"Thread {t.index + 1} is a unidirectional barbed thread, but no "
                f"anchoring area is published for {ctx.facts.name}; it would float.",
                sources=("R3",),
            )
            for t in uni
        ], 0.0
    entries = np.array([t.xy[0] for t in uni], dtype=float)
    inside = shapely.intersects_xy(area, entries[:, 0], entries[:, 1]).tolist()
    in_target = shapely.intersects_xy(ctx.areas.target, entries[:, 0], entries[:, 1]).tolist()
    where = ", ".join(a.name for a in names)
    findings = []
    for t, ok, lifted in zip(uni, inside, in_target, strict=True):
        if ok:
            continue
        if lifted:
            message = (
                f"Thread {t.index + 1} is a unidirectional barbed thread whose fixed end (its "
                f"entry) lies in the area to be lifted, not in an anchoring area ({where}): it "
                "would pull the tissue it should hold down towards the target."
            )
        else:
            message = (
                f"Thread {t.index + 1} is a unidirectional barbed thread whose fixed end (its "
                f"entry) is not in an anchoring area ({where}): it floats. Floating threads "
                "had more complications than fixed ones."
            )
        findings.append(
            Finding.trusted(
                rule="fixation",
                severity="critical",
                thread=t.index,
                message=message,
                sources=sources,
            )
        )
    return findings, sum(inside) / len(uni)


def length(ctx: Context) -> RuleResult:
    """Path length (entry through path) against the thread's length."""
    cfg = rules().length
    too_long, min_fill = float(cfg["too_long_tolerance_mm"]), float(cfg["min_fill_ratio"])
    findings: list[Finding] = []
    scores: list[float] = []
    for t in ctx.threads:
        if t.length_mm is None:
            findings.append(
                Finding.trusted(
                    rule="length",
                    severity="info",
                    thread=t.index,
                    message=f"Thread {t.index + 1}: no length is published for {t.label}; "
                    f"its {t.path_length:.0f} mm path was not checked.",
                    sources=t.product_sources,
                )
            )
            continue
        if t.path_length > t.length_mm + too_long:
            scores.append(0.0)
            findings.append(
                Finding.trusted(
                    rule="length",
                    severity="critical",
                    thread=t.index,
                    message=f"Thread {t.index + 1}: the path is {t.path_length:.0f} mm but the "
                    f"thread is {t.length_mm:.0f} mm, so its far end will not reach the planned "
                    "point; choose a longer thread or a shorter path.",
                    sources=tuple(dict.fromkeys([*cfg["sources"], *t.product_sources])),
                )
            )
            continue
        if t.path_length < min_fill * t.length_mm:
            message = (
                f"Thread {t.index + 1}: the path is only {t.path_length:.0f} mm for a "
                f"{t.length_mm:.0f} mm thread; the excess must be trimmed and the ends must sit "
                "below the skin."
            )
        else:
            scores.append(1.0)
            continue
        scores.append(0.5)
        findings.append(
            Finding.trusted(
                rule="length",
                severity="warning",
                thread=t.index,
                message=message,
                sources=tuple(dict.fromkeys([*cfg["sources"], *t.product_sources])),
            )
        )
    return findings, (sum(scores) / len(scores) if scores else None)


def coverage(ctx: Context) -> RuleResult:
    """Share of the indication's target area within reach of a thread (for a lift, of a
    lifting thread), per side in frontal plans. Below the required share the objective is not
    met: critical, the plan does not pass."""
    cfg = rules().coverage
    if not ctx.threads:
        return [], 0.0
    required = float(cfg["required_fraction"])
    shares = side_coverage(ctx)
    findings = []
    for side, covered in sorted(shares.items()):
        if covered >= required:
            continue
        where = "" if side == "all" else f" on the {side} side"
        findings.append(
            Finding.trusted(
                rule="coverage",
                severity="critical",
                thread=None,
                message=f"Objective not met: the {'lifting ' if _lift(ctx) else ''}threads reach "
                f"{covered:.0%} of the {ctx.facts.name} target area{where}; at least "
                f"{required:.0%} is needed to pass (our policy).",
                sources=tuple(ctx.facts.sources),
            )
        )
    mean = sum(min(1.0, c / required) for c in shares.values()) / len(shares)
    return findings, mean


def _lift(ctx: Context) -> bool:
    return ctx.geometry.objectives.purpose == "lift"


def thread_count(ctx: Context) -> RuleResult:
    """Threads per side against the published range."""
    if not ctx.threads:
        return [
            Finding.trusted(
                rule="thread_count",
                severity="warning",
                thread=None,
                message="The plan has no threads.",
                sources=(),
            )
        ], 0.0
    published = ctx.facts.threads_per_side
    if published is None:
        return [], None
    counts = side_counts(ctx)
    findings = []
    tolerance = int(rules().verdict["thread_count_tolerance"])
    for side, n in sorted(counts.items()):
        if published.min <= n <= published.max:
            continue
        beyond = published.min - n if n < published.min else n - published.max
        span = (
            f"{published.min}"
            if published.min == published.max
            else (f"{published.min}–{published.max}")
        )
        where = "in total" if side == "midline" else f"on the {side} side"
        too_few = n < published.min  # the objective: at least the published minimum
        well_outside = too_few or beyond > tolerance
        tail = "."
        if too_few:
            tail = ": fewer than the published minimum, the objective is not met."
        elif well_outside:
            tail = f", {beyond} beyond it (more than {tolerance})."
        findings.append(
            Finding.trusted(
                rule="thread_count",
                severity="critical" if well_outside else "warning",
                thread=None,
                message=f"{n} thread(s) {where}; published technique for "
                f"{ctx.facts.name}: {span} per side" + tail,
                sources=tuple(published.sources),
            )
        )
    return findings, 1.0 - 0.5 * len(findings) / len(counts)


def symmetry(ctx: Context) -> RuleResult:
    """Frontal plans: each thread should have a mirror-image partner on the other side."""
    if ctx.face.view != "frontal" or ctx.geometry.midline or not ctx.threads:
        return [], None
    tol = float(rules().symmetry["tolerance_mm"])
    mid = ctx.face.midline_x()
    left = [t for t in ctx.threads if t.side == "left"]
    right = [t for t in ctx.threads if t.side == "right"]
    unmatched = {t.index for t in ctx.threads if t.side != "midline"}
    free = [(r, r.xy[0], r.xy[-1]) for r in right]
    for t in left:
        (ex, ey), (dx, dy) = t.xy[0], t.xy[-1]
        entry, end = (2 * mid - ex, ey), (2 * mid - dx, dy)
        best, best_d = None, tol
        for candidate in free:
            _, r_entry, r_end = candidate
            d = max(math.dist(r_entry, entry), math.dist(r_end, end))
            if d <= best_d:
                best, best_d = candidate, d
        if best is not None:
            free.remove(best)
            unmatched -= {t.index, best[0].index}
    findings = [
        Finding.trusted(
            rule="symmetry",
            severity="warning",
            thread=i,
            message=f"Thread {i + 1} has no mirror-image partner on the other side "
            f"(within {tol:.0f} mm); bilateral plans should be symmetric.",
            sources=(),
        )
        for i in sorted(unmatched)
    ]
    sided = len(left) + len(right)
    return findings, (1.0 - len(unmatched) / sided if sided else None)
