"""Objectives: what a plan must achieve to pass, besides being safe (README, "The pass rule").

Each rule takes a `Context` and returns its findings (critical: the plan does not pass) and
None for a component: objectives gate the verdict, they do not weigh in the efficacy score.
An exercise may ask more than the indication (`Objectives`, checked by `exercise_objectives`).
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely
from pydantic import BaseModel, ConfigDict, Field, model_validator

from threadlift.planning.context import (
    MIN_PULL_MM,
    Context,
    ResolvedThread,
    geos_quiet,
    xy_array,
)
from threadlift.planning.models import Finding
from threadlift.planning.params import anchoring_areas, indications, rules
from threadlift.planning.rules_efficacy import fixation
from threadlift.planning.sides import (
    is_lift,
    lifting_threads,
    side_counts,
    side_coverage,
)

RuleResult = tuple[list[Finding], float | None]
UNIDIRECTIONAL = "cog_unidirectional"


class Objectives(BaseModel):
    """An exercise's own objectives, checked by the verdict: threads per side (inclusive range)
    and the share of the target the lifting threads must reach."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    threads_per_side: tuple[int, int] | None = None
    target_fraction: float | None = Field(default=None, gt=0, le=1)

    @model_validator(mode="after")
    def _ordered(self) -> Objectives:
        if self.threads_per_side is not None:
            low, high = self.threads_per_side
            if not 1 <= low <= high:
                raise ValueError("threads_per_side must be [min, max] with 1 <= min <= max")
        return self

    def describe(self) -> list[str]:
        """The objectives in words, one line each (for the pages)."""
        out = []
        if self.threads_per_side is not None:
            low, high = self.threads_per_side
            span = f"{low}" if low == high else f"{low}–{high}"
            out.append(f"{span} threads per side")
        if self.target_fraction is not None:
            out.append(f"at least {self.target_fraction:.0%} of the target area reached")
        return out


def _sources() -> tuple[str, ...]:
    return tuple(rules().objectives["sources"])


def lifting_design(ctx: Context) -> RuleResult:
    """A lifting indication needs at least one lifting thread (barbed cog or cone)."""
    if not ctx.threads or not is_lift(ctx) or lifting_threads(ctx):
        return [], None
    used = ", ".join(sorted({t.design for t in ctx.threads}))
    return [
        Finding.trusted(
            rule="design",
            severity="critical",
            thread=None,
            message=f"No thread has a lifting design: {ctx.facts.name} is a lift, and {used} "
            "threads tighten skin or add volume but do not reposition tissue. Use barbed (cog) "
            "threads or cones; the plan does not pass.",
            sources=_sources(),
        )
    ], None


def _midpoint(pts: Sequence[Sequence[float]]) -> tuple[int, tuple[float, float]]:
    """A polyline's midpoint (by length): the segment k holding it, and the point.

    Plain floats, not numpy: a thread has a handful of points, where numpy's per-call cost
    dominates (this runs for every thread of every plan scored)."""
    steps = [math.dist(a, b) for a, b in itertools.pairwise(pts)]  # = hypot(dx, dy), bit for bit
    ends = list(itertools.accumulate(steps))
    half = ends[-1] / 2
    k = bisect.bisect_left(ends, half)
    before = ends[k] - steps[k]
    t = (half - before) / steps[k] if steps[k] else 0.0
    (ax, ay), (bx, by) = pts[k], pts[k + 1]
    return k, (ax + t * (bx - ax), ay + t * (by - ay))


def _halves(threads: list[ResolvedThread]) -> tuple[list[ResolvedThread], Any]:
    """The threads with a length, and their halves (by length) as one array of lines: the
    first halves in thread order, then the second halves (a thread under MIN_PULL_MM has no
    halves)."""
    kept = [t for t in threads if t.path_length >= MIN_PULL_MM]
    if not kept:
        return kept, np.array([], dtype=object)
    firsts: list[Sequence[float]] = []
    seconds: list[Sequence[float]] = []
    sizes = [0] * (2 * len(kept))
    for i, t in enumerate(kept):
        pts = t.xy
        k, mid = _midpoint(pts)
        firsts += pts[: k + 1]
        firsts.append(mid)
        seconds.append(mid)
        seconds += pts[k + 1 :]
        sizes[i], sizes[len(kept) + i] = k + 2, len(pts) - k
    # one shapely call over all the points: halves differ in length, and grouping them by
    # size (polylines) costs a call per size
    coords = xy_array(itertools.chain(firsts, seconds), len(firsts) + len(seconds))
    index = np.repeat(np.arange(len(sizes)), sizes)
    return kept, shapely.linestrings(coords, indices=index)


TOUCH_MM = 1e-6  # numerical tolerance: moving the whole face must not tip a verdict


def engagement(ctx: Context) -> RuleResult:
    """Every bidirectional cog or cone of a lift engages tissue on both sides of its midpoint.

    `fixing: anchoring`: one half has a part in an anchoring area of the indication and the
    other reaches the target (within the coverage reach). `fixing: in_target`: both halves lie
    partly in the treated area (knotless threads laid in the fold). Otherwise it floats:
    critical. Unidirectional threads are checked by `fixation` (their entry is the fixed end).
    """
    fixing = ctx.geometry.objectives.fixing
    if not is_lift(ctx) or fixing is None:
        return [], None
    free = [t for t in lifting_threads(ctx) if t.design != UNIDIRECTIONAL]
    if not free:
        return [], None
    target = ctx.areas.target
    anchor = ctx.areas.anchoring
    kept, halves = _halves(free)
    if not kept:
        return [], None  # no length: the lift-vector rule says so
    n = len(kept)
    if fixing == "in_target":
        with geos_quiet():  # a half may hold a segment of ~0 length (see geos_quiet)
            inside = shapely.dwithin(halves, target, TOUCH_MM).tolist()
        engaged = [a and b for a, b in zip(inside[:n], inside[n:], strict=True)]
    elif anchor is None:
        engaged = [False] * n
    else:
        # each half against the anchoring area (touching) and the target (within reach), in
        # one call: column 0 fixes, column 1 lifts
        reach = float(rules().coverage["reach_mm"])
        with geos_quiet():  # a half may hold a segment of ~0 length (see geos_quiet)
            near = shapely.dwithin(
                halves[:, np.newaxis],
                np.array([anchor, target], dtype=object)[np.newaxis, :],
                np.array([TOUCH_MM, reach + TOUCH_MM])[np.newaxis, :],
            ).tolist()
        # plain bools: a dozen threads, where numpy's per-call cost is more than the work
        engaged = [
            (a[0] and b[1]) or (b[0] and a[1]) for a, b in zip(near[:n], near[n:], strict=True)
        ]
    if all(engaged):
        return [], None
    return _floating(ctx, fixing, [t for t, ok in zip(kept, engaged, strict=True) if not ok]), None


def _floating(ctx: Context, fixing: str, threads: list[ResolvedThread]) -> list[Finding]:
    """The critical finding for each thread of `threads`, which engage no tissue."""
    if fixing == "in_target":
        why = (
            f"it does not lie in the {ctx.facts.name} area on both sides of its midpoint, "
            "so one half holds nothing (the published knotless threads lie along the area "
            "itself)"
        )
    else:
        names = [anchoring_areas()[a].name for a in ctx.geometry.anchoring]
        where = ", ".join(names) or "none is published"
        why = (
            f"no half of it lies in a fixing area ({where}) with the other half in the "
            f"area to lift: it floats and holds nothing"
        )
    area_sources = [s for a in ctx.geometry.anchoring for s in anchoring_areas()[a].sources]
    sources = tuple(dict.fromkeys([*ctx.geometry.objectives.sources, *area_sources]))
    return [
        Finding.trusted(
            rule="fixation",
            severity="critical",
            thread=t.index,
            message=f"Thread {t.index + 1} is a {t.design} thread, but {why}. Floating "
            "threads had more complications than fixed ones.",
            sources=sources,
        )
        for t in threads
    ]


def exercise_objectives(ctx: Context, objectives: Objectives | None) -> list[Finding]:
    """An exercise's own objectives (count per side, share of the target): each one missed is a
    critical `objective` finding, so the attempt does not pass."""
    if objectives is None:
        return []
    findings = []
    if objectives.threads_per_side is not None:
        low, high = objectives.threads_per_side
        span = f"{low}" if low == high else f"{low}–{high}"
        for side, n in sorted(side_counts(ctx).items()):
            if low <= n <= high:
                continue
            where = "in total" if side == "midline" else f"on the {side} side"
            findings.append(
                Finding.trusted(
                    rule="objective",
                    severity="critical",
                    thread=None,
                    message=f"Objective not met: {n} thread(s) {where}; the exercise asks for "
                    f"{span} per side.",
                    sources=tuple(ctx.facts.sources),
                )
            )
    if objectives.target_fraction is not None:
        need = objectives.target_fraction
        for side, got in side_coverage(ctx).items():
            if got >= need:
                continue
            where = "" if side == "all" else f" on the {side} side"
            findings.append(
                Finding.trusted(
                    rule="objective",
                    severity="critical",
                    thread=None,
                    message=f"Objective not met: the lifting threads reach {got:.0%} of the "
                    f"{ctx.facts.name} target{where}; the exercise asks for at least {need:.0%}.",
                    sources=tuple(ctx.facts.sources),
                )
            )
    return findings


class ObjectiveCheck(BaseModel):
    """One objective and whether a plan met it (for the pages: which objectives were met)."""

    model_config = ConfigDict(frozen=True)

    text: str
    met: bool
    detail: str


def objective_checks(ctx: Context, objectives: Objectives | None = None) -> list[ObjectiveCheck]:
    """Each objective the verdict checks, met or not, with the plan's value, computed by the
    same functions as the verdict: a lifting design (a lift), barbed threads engaging tissue,
    the count per side (the exercise's range, else the published minimum), the target share."""
    checks = []
    if is_lift(ctx):
        lifting = lifting_threads(ctx)
        checks.append(
            ObjectiveCheck(
                text="A lifting design (barbed cog or cone)",
                met=bool(lifting),
                detail=f"{len(lifting)} lifting thread(s) of {len(ctx.threads)}",
            )
        )
        floating, _ = engagement(ctx)
        floating += [f for f in fixation_findings(ctx) if f.severity == "critical"]
        checks.append(
            ObjectiveCheck(
                text="Every barbed thread is fixed, none floating",
                met=not floating,
                detail="all fixed"
                if not floating
                else f"{len({f.thread for f in floating})} thread(s) floating",
            )
        )
    counts = side_counts(ctx)
    published = ctx.facts.threads_per_side
    low, high = (None, None)
    if objectives is not None and objectives.threads_per_side is not None:
        low, high = objectives.threads_per_side
    elif published is not None:
        low, high = published.min, None
    if low is not None:
        span = f"{low}" if low == high else (f"{low}–{high}" if high else f"at least {low}")
        met = all(n >= low and (high is None or n <= high) for n in counts.values())
        per = ", ".join(f"{side} {n}" for side, n in sorted(counts.items()))
        checks.append(ObjectiveCheck(text=f"Threads per side: {span}", met=met, detail=per))
    need = float(rules().coverage["required_fraction"])
    if objectives is not None and objectives.target_fraction is not None:
        need = max(need, objectives.target_fraction)
    shares = side_coverage(ctx) if ctx.threads else {"all": 0.0}
    checks.append(
        ObjectiveCheck(
            text=f"At least {need:.0%} of the target area reached",
            met=all(v >= need for v in shares.values()),
            detail=", ".join(
                f"{v:.0%}" if side == "all" else f"{side} {v:.0%}"
                for side, v in sorted(shares.items())
            ),
        )
    )
    return checks


def fixation_findings(ctx: Context) -> list[Finding]:
    """The unidirectional-thread fixation findings (rules_efficacy.fixation)."""
    return fixation(ctx)[0]


def describe_objectives(indication: str, objectives: Objectives | None = None) -> list[str]:
    """What the verdict checks for `indication` (and an exercise's `objectives`), in words."""
    geometry = indications()[indication]
    geo = geometry.objectives
    lines = ["No critical safety finding (danger zones, planes, direction of pull, length)"]
    if geo.purpose == "lift":
        lines.append(
            "A lifting design: barbed (cog) threads or cones; smooth or screw threads do not lift"
        )
        if geo.fixing == "anchoring":
            lines.append(
                "Every barbed thread fixed: unidirectional ones entered in a fixing area, "
                "bidirectional ones and cones with one half in a fixing area and the other "
                "in the area to lift"
            )
        elif geo.fixing == "in_target":
            lines.append(
                "Every barbed thread fixed: lying in the treated area on both sides of its midpoint"
            )
    extra = objectives.describe() if objectives is not None else []
    if not any("target" in e for e in extra):
        need = float(rules().coverage["required_fraction"])
        extra.append(f"at least {need:.0%} of the target area reached")
    if geometry.midline:
        extra = [e.replace("per side", "in total") for e in extra]
    lines += [e[0].upper() + e[1:] for e in extra]
    return lines
