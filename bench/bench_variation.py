"""Benchmark: the 12-thread plan against the prepared-geometry floor, and on 1,000 sampled faces.

Plain script (not a test): `python bench/bench_variation.py` (run by `make bench`). One process,
one core; zones are cached per face, as in a running server. Figures, not pass/fail:

- floor: the geometric work no scorer can avoid — resolve the plan's points on the face, build
  the thread lines, and test them against every prepared zone piece (one vectorised shapely
  call). `score_plan` as a ratio to it (goal ≤ 2×). A second floor adds the rest of the
  prepared context every rule reads (`build_context`: face region, indication areas).
- variation: `score_plan` plus the variation block on 1,000 sampled faces (what
  `threadlift score --variation 1000` computes), as a ratio to 1,000 × the single-face score
  (goal ≤ 0.25×: vectorised across faces, not a loop), with its absolute median.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np
import shapely
from bench_scoring import twelve_thread_plan

from threadlift.anatomy import build_zones
from threadlift.knowledge import load_knowledge
from threadlift.planning import build_context, parse_plan, plan_face, score_plan
from threadlift.planning.context import resolve_threads
from threadlift.planning.variation import score_variation

FACES = 1000


def median_s(fn: Callable[[], object], repeat: int, warmup: int = 5) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main() -> None:
    kb = load_knowledge()
    plan = parse_plan(twelve_thread_plan())
    face = plan_face(plan)
    zones = build_zones(face, kb)
    geoms = zones.piece_geoms[np.newaxis, :]

    def floor() -> object:
        threads = resolve_threads(plan, face, kb)
        coords = np.concatenate([t.coords for t in threads])
        index = np.repeat(np.arange(len(threads)), [len(t.coords) for t in threads])
        lines = shapely.linestrings(coords, indices=index)
        return shapely.intersects(geoms, lines[:, np.newaxis])

    def context_floor() -> object:
        ctx = build_context(plan, kb, face)
        return shapely.intersects(geoms, ctx.lines[:, np.newaxis])

    def single() -> object:
        return score_plan(plan, kb, face)

    def varied() -> object:
        score = score_plan(plan, kb, face)
        return score_variation(build_context(plan, kb, face), score, faces=FACES, seed=0)

    floor_s = median_s(floor, 2000)
    context_s = median_s(context_floor, 1000)
    single_s = median_s(single, 1000)
    varied_s = median_s(varied, 30, warmup=2)
    score = score_plan(plan, kb, face)
    block = score_variation(build_context(plan, kb, face), score, faces=FACES, seed=0)
    print(
        f"12-thread frontal plan, {len(plan.threads)} threads, passed={score.passed}, "
        f"passed on {block.passed_fraction:.0%} of {FACES} sampled faces"
    )
    print(f"{'measure':<52}{'value':>12}")
    print(f"{'floor: resolve + lines + prepared intersects':<52}{floor_s * 1e3:>9.3f} ms")
    print(f"{'median score_plan':<52}{single_s * 1e3:>9.3f} ms")
    print(f"{'score_plan / floor (goal <= 2x)':<52}{single_s / floor_s:>11.2f}x")
    print(f"{'context floor (build_context + intersects)':<52}{context_s * 1e3:>9.3f} ms")
    print(f"{'score_plan / context floor':<52}{single_s / context_s:>11.2f}x")
    print(f"{f'median score + variation on {FACES} faces':<52}{varied_s * 1e3:>9.3f} ms")
    print(f"{f'{FACES} x score_plan':<52}{FACES * single_s * 1e3:>9.1f} ms")
    ratio = varied_s / (FACES * single_s)
    print(f"{f'variation / ({FACES} x score_plan) (goal <= 0.25x)':<52}{ratio:>11.3f}x")


if __name__ == "__main__":
    main()
