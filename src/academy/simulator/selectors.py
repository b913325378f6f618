"""Reads for the simulator pages: a bounded number of queries whatever the data size."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from academy.accounts.models import User
from academy.catalog.models import CourseRun, EnrolmentStatus
from academy.simulator.content import Exercise, exercises
from academy.simulator.models import Attempt, SimulatorSettings
from academy.simulator.progress import Benchmark, Mastery, Rule, basis, benchmark, mastery

HISTORY = 5  # attempts shown per exercise on the list


@dataclass(frozen=True)
class ExerciseRow:
    exercise: Exercise
    status: str  # "not tried" | "tried" | "mastered"
    best: int | None
    history: list[Attempt]
    mastery: Mastery | None


def benchmarks(rule: Rule) -> dict[str, Benchmark]:
    """Each exercise's benchmark from trainers' test attempts (one query)."""
    scores: dict[str, list[int]] = defaultdict(list)
    rows = Attempt.objects.submitted().tests().filter(by_trainer=True)
    for ex_id, overall in rows.values_list("exercise_id", "overall"):
        scores[ex_id].append(overall)
    return {ex.id: benchmark(ex.id, scores.get(ex.id, []), rule) for ex in exercises()}


def _rows(attempts: list[Attempt], rule: Rule, benches: dict[str, Benchmark]) -> list[ExerciseRow]:
    by_ex: dict[str, list[Attempt]] = defaultdict(list)
    for a in attempts:  # newest first
        by_ex[a.exercise_id].append(a)
    rows = []
    for ex in exercises():
        mine = by_ex.get(ex.id, [])
        m = mastery(mine, benches[ex.id], rule) if mine else None
        status = "mastered" if m and m.mastered else ("tried" if mine else "not tried")
        best = max((a.overall for a in mine), default=None)
        rows.append(ExerciseRow(ex, status, best, mine[:HISTORY], m))
    return rows


def rule_for(user: User | None) -> Rule:
    """Mastery as the learner's courses ask for it (the strictest of the runs they are enrolled
    on); the policy for anyone else."""
    if user is None or not user.is_authenticated:
        return Rule.for_settings(None)
    courses = set(
        CourseRun.objects.filter(
            enrolments__learner=user, enrolments__status=EnrolmentStatus.ENROLLED
        ).values_list("course_id", flat=True)
    )
    settings = list(SimulatorSettings.objects.filter(course_id__in=courses))
    # A course without settings asks for the policy: it takes part in "the strictest" too.
    unset: list[SimulatorSettings | None] = [None] if len(settings) < len(courses) else []
    return Rule.strictest([*settings, *unset])


def exercise_rows(user: User | None) -> list[ExerciseRow]:
    rule = rule_for(user)
    benches = benchmarks(rule)
    attempts = list(Attempt.objects.submitted().filter(learner=user)) if user else []
    return _rows(attempts, rule, benches)


@dataclass(frozen=True)
class ExerciseProgress:
    mastery: Mastery
    benchmark: Benchmark
    basis: str
    rule: Rule


def exercise_progress(user: User, ex: Exercise, rule: Rule | None = None) -> ExerciseProgress:
    rule = rule or rule_for(user)
    bench = benchmarks(rule)[ex.id]
    tests = list(Attempt.objects.submitted().tests().filter(learner=user, exercise_id=ex.id))
    return ExerciseProgress(mastery(tests, bench, rule), bench, basis(bench, rule), rule)


@dataclass(frozen=True)
class LearnerRow:
    learner: User
    mastered: list[str]
    tried: int
    critical: list[tuple[str, int]]  # most frequent critical findings: (rule/zone, count)


def run_overview(run: CourseRun) -> tuple[Rule, list[LearnerRow], list[tuple[str, int]]]:
    """Mastery per learner on the run, and the run's most frequent critical findings."""
    settings = SimulatorSettings.objects.filter(course_id=run.course_id).first()
    rule = Rule.for_settings(settings)
    benches = benchmarks(rule)
    learners = list(
        User.objects.filter(
            enrolments__run=run, enrolments__status=EnrolmentStatus.ENROLLED
        ).order_by("full_name", "id")
    )
    attempts = list(Attempt.objects.submitted().filter(learner__in=learners))
    per: dict[int, list[Attempt]] = defaultdict(list)
    for a in attempts:
        per[a.learner_id].append(a)
    overall: Counter[str] = Counter()
    rows = []
    for learner in learners:
        mine = per.get(learner.pk, [])
        done = [r.exercise.title for r in _rows(mine, rule, benches) if r.status == "mastered"]
        crit: Counter[str] = Counter()
        for a in mine:
            for f in a.findings:
                if f.get("severity") == "critical":
                    crit[critical_label(f)] += 1
        overall.update(crit)
        rows.append(LearnerRow(learner, done, len(mine), crit.most_common(3)))
    return rule, rows, overall.most_common(5)


def critical_label(finding: dict[str, object]) -> str:
    zone = finding.get("zone")
    rule = str(finding.get("rule", "")).replace("_", " ")
    return f"{rule}: {str(zone).replace('_', ' ')}" if zone else rule
