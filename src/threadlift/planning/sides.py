"""Which threads count and how they fall on each side: what the objectives and the efficacy
rules both measure, so it sits below both (objectives.py, rules_efficacy.py)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import shapely

from threadlift.planning.context import Context, ResolvedThread, geos_quiet
from threadlift.planning.params import rules


def lifting_designs() -> tuple[str, ...]:
    return tuple(rules().objectives["lifting_designs"])


def is_lift(ctx: Context) -> bool:
    return ctx.geometry.objectives.purpose == "lift"


def lifting_threads(ctx: Context) -> list[ResolvedThread]:
    """The threads that count towards the target: every thread, or for a lift the barbed
    cogs and cones only (smooth and screw threads do not reposition tissue)."""
    if not is_lift(ctx):
        return list(ctx.threads)
    designs = lifting_designs()
    return [t for t in ctx.threads if t.design in designs]


def side_counts(ctx: Context) -> Counter[str]:
    """Threads per side as the thread-count rule counts them (frontal: both sides)."""
    if ctx.geometry.midline:
        return Counter({"midline": len(ctx.threads)})
    if ctx.face.view == "frontal":
        counts: Counter[str] = Counter({"left": 0, "right": 0})
        counts.update(t.side for t in ctx.threads if t.side != "midline")
        return counts
    side = "left" if ctx.face.view == "lateral-left" else "right"
    return Counter({side: len(ctx.threads)})


def side_coverage(ctx: Context) -> dict[str, float]:
    """Share of the target within reach of a lifting thread, per visible side (frontal plans of
    a paired indication: each side; otherwise the whole target under the key "all")."""
    samples = ctx.areas.target_samples
    threads = lifting_threads(ctx)
    if threads:
        lines = (
            ctx.lines if len(threads) == len(ctx.threads) else ctx.lines[[t.index for t in threads]]
        )
        with geos_quiet():  # a thread may hold a segment of ~0 length (see geos_quiet)
            near = shapely.dwithin(
                shapely.multilinestrings(lines), samples, float(rules().coverage["reach_mm"])
            )
    else:
        near = np.zeros(len(samples), dtype=bool)
    if ctx.face.view != "frontal" or ctx.geometry.midline:
        return {"all": _share(near)}
    left = ctx.areas.samples_left
    if left is None:
        left = shapely.get_x(samples) > ctx.face.midline_x()  # the subject's left: viewer's right
    # counts, not masked copies: the same exact ratios in fewer numpy calls
    n_left, reached = int(np.count_nonzero(left)), int(np.count_nonzero(near))
    reached_left = int(np.count_nonzero(near & left))
    n_right, reached_right = left.size - n_left, reached - reached_left
    return {
        "left": reached_left / n_left if n_left else 0.0,
        "right": reached_right / n_right if n_right else 0.0,
    }


def _share(near: np.ndarray[Any, Any]) -> float:
    """The share of True in `near` (its mean: an exact count over the size, correctly rounded,
    without numpy's reduction machinery for a few dozen values)."""
    return int(np.count_nonzero(near)) / near.size
