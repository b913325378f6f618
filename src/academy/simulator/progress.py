"""Benchmarks and mastery for the pages, from stored attempts, by the core's functions
(`threadlift.simulator.mastery`). The policy numbers are the core's data (our policy); a
course's `SimulatorSettings` may change the consecutive count and the number of faces.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from academy.simulator.models import Attempt, SimulatorSettings
from threadlift.simulator import AttemptResult, Benchmark, Mastery, mastery_policy
from threadlift.simulator import benchmark as core_benchmark
from threadlift.simulator import mastery as core_mastery

__all__ = ["Benchmark", "Mastery", "Rule", "benchmark", "mastery"]


@dataclass(frozen=True)
class Rule:
    consecutive: int
    min_faces: int
    min_trainer_attempts: int
    from_course: bool = False

    @classmethod
    def strictest(cls, settings: Sequence[SimulatorSettings | None]) -> Rule:
        """The rule of a learner on several courses: each number the highest any course asks
        (the stricter answer); the policy's when no course sets one."""
        rules = [cls.for_settings(s) for s in settings] or [cls.for_settings(None)]
        return cls(
            consecutive=max(r.consecutive for r in rules),
            min_faces=max(r.min_faces for r in rules),
            min_trainer_attempts=rules[0].min_trainer_attempts,
            from_course=any(r.from_course for r in rules),
        )

    @classmethod
    def for_settings(cls, settings: SimulatorSettings | None) -> Rule:
        policy = mastery_policy()
        return cls(
            consecutive=(settings.consecutive if settings else None) or policy.consecutive,
            min_faces=(settings.min_faces if settings else None) or policy.min_faces,
            min_trainer_attempts=policy.min_trainer_attempts,
            from_course=bool(settings and (settings.consecutive or settings.min_faces)),
        )


def benchmark(exercise_id: str, trainer_scores: Sequence[int], rule: Rule) -> Benchmark:
    return core_benchmark(
        trainer_scores,
        min_attempts=rule.min_trainer_attempts,
        default=mastery_policy().default_for(exercise_id),
    )


def basis(bench: Benchmark, rule: Rule) -> str:
    """The benchmark's basis in words, for the pages."""
    if bench.basis == "trainers":
        return f"the mean overall score of {bench.attempts} trainer test attempts"
    return (
        f"the default (our policy) until trainers have made {rule.min_trainer_attempts} test "
        f"attempts at this exercise ({bench.attempts} so far)"
    )


def mastery(attempts: Sequence[Attempt], bench: Benchmark, rule: Rule) -> Mastery:
    results = [
        AttemptResult(
            overall=a.overall,
            passed=a.passed,
            face_id=a.face_id,
            mode=a.mode,
            at=a.submitted_at or a.started_at,
        )
        for a in attempts
    ]
    return core_mastery(
        results, bench.value, consecutive=rule.consecutive, min_faces=rule.min_faces
    )
