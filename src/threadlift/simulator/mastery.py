"""Proficiency: an exercise's benchmark and whether a learner's attempts show mastery.

Pure functions; the policy (default benchmark, minimum trainer attempts, consecutive attempts,
different faces) is data in `data/mastery.yaml`, marked as our policy.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from datetime import datetime
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

Mode = Literal["learn", "test"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class MasteryPolicy(Frozen):
    status: Literal["our-policy"]
    unconfirmed: bool
    sources: tuple[str, ...] = Field(min_length=1)
    default_benchmark: float = Field(ge=0, le=100)
    min_trainer_attempts: int = Field(ge=1)
    consecutive: int = Field(ge=1)
    min_faces: int = Field(ge=1)
    per_exercise: dict[str, float] = Field(default_factory=dict)
    note: str

    def default_for(self, exercise_id: str) -> float:
        """The default benchmark of one exercise (its override, else the common default)."""
        return self.per_exercise.get(exercise_id, self.default_benchmark)


@functools.cache
def mastery_policy() -> MasteryPolicy:
    """The packaged policy (`data/mastery.yaml`)."""
    text = resources.files("threadlift.simulator").joinpath("data/mastery.yaml").read_text()
    return MasteryPolicy.model_validate(yaml.safe_load(text))


class Benchmark(Frozen):
    """The score to reach: the trainers' mean (`basis="trainers"`) or the policy default."""

    value: float = Field(ge=0, le=100)
    basis: Literal["trainers", "default"]
    attempts: int = Field(ge=0)


class AttemptResult(Frozen):
    """What mastery needs of one stored attempt: `passed` is the engine's verdict on it (no
    critical finding, every objective of the exercise met, efficacy at the pass mark)."""

    overall: float = Field(ge=0, le=100, allow_inf_nan=False)
    passed: bool
    face_id: str
    mode: Mode
    at: datetime


class Mastery(Frozen):
    """`streak`: the current run of passed test attempts meeting the benchmark;
    `faces_in_streak`: how many different faces that run covers; `mastered_at`: the attempt that
    first completed the rule (mastery, once reached, is kept, as in FLS)."""

    mastered: bool
    streak: int = Field(ge=0)
    faces_in_streak: int = Field(ge=0)
    mastered_at: datetime | None = None
    reason: str


def _score(value: float, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} must be a number, got {value!r}")
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise ValueError(f"{what} must be a finite score between 0 and 100, got {value!r}")
    return float(value)


def benchmark(trainer_scores: Sequence[float], *, min_attempts: int, default: float) -> Benchmark:
    """The trainers' mean once there are at least `min_attempts` scores, else `default`.

    `trainer_scores` are the overall scores of trainers' own test-mode attempts. Raises
    ValueError for a score or default that is not a finite number in 0..100.
    """
    if min_attempts < 1:
        raise ValueError("min_attempts must be at least 1")
    scores = [_score(s, "a trainer score") for s in trainer_scores]
    default = _score(default, "the default benchmark")
    if len(scores) >= min_attempts:
        return Benchmark(value=sum(scores) / len(scores), basis="trainers", attempts=len(scores))
    return Benchmark(value=default, basis="default", attempts=len(scores))


def mastery(
    attempts: Sequence[AttemptResult],
    benchmark: float,
    *,
    consecutive: int = 2,
    min_faces: int = 2,
) -> Mastery:
    """Whether `attempts` show mastery against `benchmark` (FLS-style, our policy).

    Attempts are taken in time order (`at`; equal times keep their given order). Only test-mode
    attempts count. An attempt succeeds when the engine's verdict passed it (safe, objectives
    met) and its overall score is at least the benchmark; any other test attempt breaks the
    streak. Mastery is reached when a
    streak reaches `consecutive` attempts covering at least `min_faces` different faces.
    """
    target = _score(benchmark, "the benchmark")
    if consecutive < 1 or min_faces < 1:
        raise ValueError("consecutive and min_faces must be at least 1")
    tests = [a for a in sorted(attempts, key=lambda a: a.at) if a.mode == "test"]
    streak: list[AttemptResult] = []
    mastered_at: datetime | None = None
    last_break = ""
    for attempt in tests:
        if not attempt.passed or attempt.overall < target:
            streak = []
            last_break = (
                "an attempt that did not pass"
                if not attempt.passed
                else "a score below the benchmark"
            )
            continue
        streak.append(attempt)
        faces = {a.face_id for a in streak}
        if mastered_at is None and len(streak) >= consecutive and len(faces) >= min_faces:
            mastered_at = attempt.at
    faces_now = len({a.face_id for a in streak})
    if mastered_at is not None:
        reason = (
            f"Mastered: benchmark {target:.0f} met by {consecutive} consecutive passed test "
            f"attempts on {min_faces} or more faces."
        )
    elif not tests:
        reason = "No test-mode attempt yet; learn-mode attempts do not count."
    else:
        need = max(0, consecutive - len(streak))
        faces_needed = max(0, min_faces - faces_now)
        parts = []
        if need:
            parts.append(f"{need} more successful test attempt{'s' if need != 1 else ''}")
        if faces_needed:
            parts.append(f"{faces_needed} more different face{'s' if faces_needed != 1 else ''}")
        why = f" (the last streak was broken by {last_break})" if not streak and last_break else ""
        reason = f"Not yet mastered: needs {' and '.join(parts) or 'a new streak'}{why}."
    return Mastery(
        mastered=mastered_at is not None,
        streak=len(streak),
        faces_in_streak=faces_now,
        mastered_at=mastered_at,
        reason=reason,
    )
