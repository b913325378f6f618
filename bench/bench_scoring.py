"""Benchmark: time to score a 12-thread plan (median, p95) and plans scored per second.

Plain script (not a test): `python bench/bench_scoring.py`. Single process, one core.
Zones and indication geometry are built once per face and cached, as in a running server;
the first (cold) call is reported separately.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from threadlift.knowledge import load_knowledge
from threadlift.planning import parse_plan, score_plan

PRODUCT = {"material": "pdo", "design": "cog_bidirectional", "length_mm": 60, "gauge": "21G"}


def twelve_thread_plan(shift: float = 0.0) -> dict[str, Any]:
    """Six threads per side, frontal, midface-to-jowl: a realistic, finding-rich plan."""
    threads = []
    for side, sign in (("left", 1.0), ("right", -1.0)):
        for i in range(6):
            threads.append(
                {
                    "product": PRODUCT,
                    "entry": {
                        "landmark": f"zygion_{side}",
                        "medial_mm": 4 + i,
                        "superior_mm": 10 - 4 * i,
                    },
                    "path": [
                        [sign * (40.0 - 2 * i + shift), 50.0 + 6 * i],
                        {"between": [f"cheilion_{side}", f"gonion_{side}"], "t": 0.2 + 0.1 * i},
                    ],
                    "plane": ("subcutaneous", "smas")[i % 2],
                }
            )
    return {"view": "frontal", "indication": "jowl", "threads": threads}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    kb = load_knowledge()
    plan = parse_plan(twelve_thread_plan())
    start = time.perf_counter()
    score = score_plan(plan, kb)
    cold = time.perf_counter() - start
    for _ in range(200):
        score_plan(plan, kb)
    samples = []
    for _ in range(3000):
        t0 = time.perf_counter()
        score_plan(plan, kb)
        samples.append(time.perf_counter() - t0)
    # distinct plans, kept on the face (points beyond its outline are bad input since issue 9)
    batch = [parse_plan(twelve_thread_plan(shift=(0.37 * k) % 10.0)) for k in range(2000)]
    t0 = time.perf_counter()
    for p in batch:
        score_plan(p, kb)
    elapsed = time.perf_counter() - t0
    raw = twelve_thread_plan()
    t1 = time.perf_counter()
    for _ in range(1000):
        parse_plan(raw)
    parse_ms = (time.perf_counter() - t1) / 1000 * 1e3

    print(f"12-thread frontal plan, {len(score.findings)} findings, passed={score.passed}")
    print(f"{'measure':<38}{'value':>12}")
    print(f"{'cold first score (builds zones)':<38}{cold * 1e3:>9.2f} ms")
    print(f"{'median score_plan':<38}{statistics.median(samples) * 1e3:>9.3f} ms")
    print(f"{'p95 score_plan':<38}{percentile(samples, 0.95) * 1e3:>9.3f} ms")
    print(f"{'batch: plans scored per second':<38}{len(batch) / elapsed:>12.0f}")
    print(f"{'parse_plan (JSON dict -> Plan)':<38}{parse_ms:>9.3f} ms")


if __name__ == "__main__":
    main()
