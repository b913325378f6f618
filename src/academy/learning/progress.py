"""Progress of learners in a run: a bounded number of queries whatever the number of learners.

Progress is per run: lessons read and exams passed in another run of the same course do not
count here (the credentials' requirement kinds read the run too). Only exams count as passes;
tutor practice and practice rounds never do. A module's lessons are the curriculum's and the
academy's own lessons placed in it, as the learner's pages list them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from academy.catalog.models import CourseRun
from academy.learning import content
from academy.learning.content import CourseModuleView
from academy.learning.models import Attempt, AttemptKind, CasePlay, LessonRead


@dataclass
class ModuleProgress:
    view: CourseModuleView
    lessons_total: int
    lessons_read: int = 0
    best_percent: int | None = None
    passed: bool = False
    attempts: int = 0
    best_attempt_id: int | None = None
    cases_total: int = 0
    cases_completed: int = 0  # cases passed (a finished play whose path passed)

    @property
    def behind(self) -> bool:
        return not self.passed


@dataclass
class LearnerProgress:
    learner_id: int
    modules: list[ModuleProgress] = field(default_factory=list)

    @property
    def passed_count(self) -> int:
        return sum(m.passed for m in self.modules)


def progress_for(
    run: CourseRun, learner_ids: list[int], known: content.CourseContent | None = None
) -> dict[int, LearnerProgress]:
    """Each learner's progress per module of the run's course (three queries, and three more
    unless the page has read the course's content already: `known`)."""
    known = known or content.for_course(run.course)
    views = known.views
    lessons = {module_id: {x.id for x in found} for module_id, found in known.lessons.items()}
    lesson_counts = {module_id: len(ids) for module_id, ids in lessons.items()}
    cases_by_module: dict[str, set[str]] = defaultdict(set)
    for case in known.cases:
        cases_by_module[case.module].add(case.id)
    reads: dict[tuple[int, str], int] = defaultdict(int)
    for learner_id, module_id, lesson_id in LessonRead.objects.filter(
        run=run, learner_id__in=learner_ids
    ).values_list("learner_id", "module_id", "lesson_id"):
        if lesson_id in lessons.get(module_id, ()):
            reads[(learner_id, module_id)] += 1
    best: dict[tuple[int, str], list[tuple[float, int, bool, int]]] = defaultdict(list)
    for pk, learner_id, module_id, total, items, passed in Attempt.objects.filter(
        run=run, learner_id__in=learner_ids, kind=AttemptKind.QUIZ, finished_at__isnull=False
    ).values_list("pk", "learner_id", "module_id", "total", "items", "passed"):
        best[(learner_id, module_id)].append((total or 0.0, len(items) or 1, bool(passed), pk))
    done: dict[tuple[int, str], int] = defaultdict(int)
    module_of_case = {cid: m for m, ids in cases_by_module.items() for cid in ids}
    for learner_id, case_id in (
        CasePlay.objects.filter(run=run, learner_id__in=learner_ids, completed=True, passed=True)
        .values_list("learner_id", "case_id")
        .distinct()
    ):
        if case_id in module_of_case:
            done[(learner_id, module_of_case[case_id])] += 1
    out: dict[int, LearnerProgress] = {}
    for learner_id in learner_ids:
        row = LearnerProgress(learner_id)
        for v in views:
            key = (learner_id, v.id)
            tries = best.get(key, [])
            top = max(tries, key=lambda t: (t[0] / t[1], -t[3]), default=None)
            row.modules.append(
                ModuleProgress(
                    view=v,
                    lessons_total=lesson_counts[v.id],
                    lessons_read=min(reads.get(key, 0), lesson_counts[v.id]),
                    best_percent=round(100 * top[0] / top[1]) if top else None,
                    best_attempt_id=top[3] if top else None,
                    passed=any(t[2] for t in tries),
                    attempts=len(tries),
                    cases_total=len(cases_by_module.get(v.id, ())),
                    cases_completed=done.get(key, 0),
                )
            )
        out[learner_id] = row
    return out
