"""Benchmarks and mastery for the pages, from stored attempts.

The rule (issue 13, after FLS proficiency-based progression, wave2-research §3): an exercise's
benchmark is the trainers' mean overall score on their own test attempts once there are
enough of them; until then the default is a plan the engine passes. Mastery = the benchmark met
with no critical finding on the last `consecutive` test attempts, on at least `min_faces`
different faces. The numbers are our policy and are shown as such.

When the core's `threadlift.simulator.mastery` is present its defaults are used.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from academy.simulator.models import Attempt, SimulatorSettings


def _core_defaults() -> dict[str, Any]:
    try:
        mod = importlib.import_module("threadlift.simulator.mastery")
    except ImportError:
        return {}
    return dict(getattr(mod, "DEFAULTS", {}) or {})


DEFAULTS: dict[str, Any] = {
    "consecutive": 2,  # FLS / LapMentor: 2 consecutive attempts (wave2-research §3)
    "min_faces": 2,  # issue 13: at least 2 different faces
    "min_trainer_attempts": 5,  # our policy: fewer trainer attempts give no stable mean
    **_core_defaults(),
}


@dataclass(frozen=True)
class Rule:
    consecutive: int
    min_faces: int
    min_trainer_attempts: int

    @classmethod
    def for_settings(cls, settings: SimulatorSettings | None) -> Rule:
        return cls(
            consecutive=(settings and settings.consecutive) or int(DEFAULTS["consecutive"]),
            min_faces=(settings and settings.min_faces) or int(DEFAULTS["min_faces"]),
            min_trainer_attempts=int(DEFAULTS["min_trainer_attempts"]),
        )


@dataclass(frozen=True)
class Benchmark:
    score: int | None  # None: the default (a plan the engine passes)
    trainer_attempts: int
    basis: str


@dataclass(frozen=True)
class Mastery:
    mastered: bool
    benchmark: Benchmark
    rule: Rule
    streak: int
    faces: int
    explanation: str


def benchmark(trainer_scores: Sequence[int], rule: Rule) -> Benchmark:
    n = len(trainer_scores)
    if n >= rule.min_trainer_attempts:
        mean = round(sum(trainer_scores) / n)
        return Benchmark(mean, n, f"mean overall score of {n} trainer test attempts")
    return Benchmark(
        None,
        n,
        f"default (our policy): a plan the engine passes, until trainers have made "
        f"{rule.min_trainer_attempts} test attempts ({n} so far)",
    )


def meets(attempt: Attempt, bench: Benchmark) -> bool:
    if attempt.critical or not attempt.passed:
        return False
    return bench.score is None or attempt.overall >= bench.score


def mastery(tests_newest_first: Sequence[Attempt], bench: Benchmark, rule: Rule) -> Mastery:
    """Mastery from a learner's test attempts at one exercise, newest first."""
    streak: list[Attempt] = []
    for attempt in tests_newest_first:
        if not meets(attempt, bench):
            break
        streak.append(attempt)
    window = streak[: max(rule.consecutive, len(streak))]
    faces = len({a.face_id for a in window})
    mastered = len(streak) >= rule.consecutive and faces >= rule.min_faces
    need = (
        f"{rule.consecutive} consecutive test attempts at the benchmark with no critical "
        f"finding, on at least {rule.min_faces} different faces (our policy, after FLS)"
    )
    explanation = (
        f"Mastered: {len(streak)} in a row on {faces} face(s)."
        if mastered
        else f"Not yet: {len(streak)} in a row on {faces} face(s); needs {need}."
    )
    return Mastery(mastered, bench, rule, len(streak), faces, explanation)
