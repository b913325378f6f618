"""The simulator's pure core: exercises as data, proficiency benchmarks and mastery."""

from threadlift.simulator.exercises import ExerciseError, check_exercises, exercise, load_exercises
from threadlift.simulator.mastery import (
    AttemptResult,
    Benchmark,
    Mastery,
    MasteryPolicy,
    benchmark,
    mastery,
    mastery_policy,
)
from threadlift.simulator.models import Exercise, PatientCase, ProductOffer, Statement

__all__ = [
    "AttemptResult",
    "Benchmark",
    "Exercise",
    "ExerciseError",
    "Mastery",
    "MasteryPolicy",
    "PatientCase",
    "ProductOffer",
    "Statement",
    "benchmark",
    "check_exercises",
    "exercise",
    "load_exercises",
    "mastery",
    "mastery_policy",
]
