"""Demo learning data (fictional): course module mappings; the demo learner's progress on one
run (a lesson read, one failed and one passed anatomy quiz); attempts of fictional demo learners
so the trainer's run view has item statistics."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from academy.accounts.models import PractitionerProfile, Role, User
from academy.accounts.services import role_assign
from academy.catalog.models import Course, CourseRun, Enrolment, EnrolmentStatus
from academy.learning import content
from academy.learning.exams import blueprint_for, blueprint_json
from academy.learning.models import (
    Attempt,
    AttemptKind,
    CasePlay,
    CourseModule,
    ItemFlagReport,
    ItemResponse,
    LessonRead,
    QuizMode,
)
from academy.learning.quiz import score
from threadlift.content import MODULE_IDS, Question, correct_region
from threadlift.content.forms import Blueprint, assemble_form, pool_counts

MAPPINGS = {
    "pdo-foundation": MODULE_IDS,
    "threads-for-nurses": (
        "anatomy_ageing",
        "threads_materials",
        "safe_technique",
        "complications",
        "aftercare",
    ),
    "complications-day": ("complications", "aftercare", "communication_expectations"),
}
DEMO_RUN_COURSE = "pdo-foundation"
OTHERS = 10  # fictional learners with attempts, for the statistics
MODULE = "anatomy_ageing"


def describe() -> list[str]:
    return [
        "learning: module mappings of three demo courses",
        f"learning: the demo learner's progress on the first {DEMO_RUN_COURSE} run and "
        f"{OTHERS} fictional learners' quiz attempts for the trainer's statistics",
    ]


def _map_courses() -> None:
    for slug, modules in MAPPINGS.items():
        for course in Course.objects.filter(slug=slug, provider__is_demo=True):
            CourseModule.objects.filter(course=course).delete()
            pool = content.curriculum().questions
            CourseModule.objects.bulk_create(
                CourseModule(
                    course=course,
                    module_id=m,
                    position=i,
                    # the anatomy exam's blueprint is the whole pool, so that reliability can be
                    # computed on the fictional attempts; the other modules use the curriculum's
                    blueprint=whole_pool(pool.get(m, ())) if m == MODULE else None,
                    pass_mark=70,
                    attempt_limit=None if m == MODULE else 3,
                    cooldown_hours=None if m == MODULE else 24,
                )
                for i, m in enumerate(modules, start=1)
            )


def whole_pool(items: Any) -> dict[str, dict[str, int]]:
    """A blueprint that draws every item of the pool."""
    return blueprint_json(Blueprint.from_counts(pool_counts(items)))


def _answer(item: Question, right: bool, rng: random.Random) -> dict[str, Any]:
    kb = content.kb()
    if item.kind == "hotspot":
        assert item.view is not None
        assert item.answer is not None
        if right:
            p = correct_region(item.view, item.answer, kb).representative_point()
            return {"x": round(p.x, 1), "y": round(p.y, 1)}
        return {"x": -900.0, "y": -900.0}
    correct = [o.id for o in item.options if o.correct]
    wrong = [o.id for o in item.options if not o.correct]
    if item.kind == "single":
        return {"options": [correct[0] if right else rng.choice(wrong)]}
    if right:
        return {"options": correct}
    return {"options": [correct[0], rng.choice(wrong)]}


def simulated_attempt(
    learner: User, run: CourseRun, ability: float, seed: int, when: dt.datetime
) -> None:
    pool = content.question_pool(run.course, MODULE)
    settings = content.module_for(run.course, MODULE).settings
    blueprint = blueprint_for(settings)
    assert blueprint is not None
    form = assemble_form(pool, blueprint, seed)
    rng = random.Random(seed)
    by_id = {q.id: q for q in pool}
    attempt = Attempt.objects.create(
        learner=learner,
        run=run,
        module_id=MODULE,
        kind=AttemptKind.QUIZ,
        mode=QuizMode.EXAM,
        seed=seed,
        items=[{"id": i, "options": list(order)} for i, order in form.items],
        pass_mark=settings.pass_mark,
        pass_basis="fixed mark, our policy",
        started_at=when,
    )
    total = 0.0
    for i, item_id in enumerate(form.item_ids):
        item = by_id[item_id]
        # harder items are answered right less often: a fictional but plausible pattern
        right = rng.random() < ability - 0.12 * (item.difficulty - 2)
        answer = _answer(item, right, rng)
        value = score(item, answer, content.kb())
        total += value
        ItemResponse.objects.create(
            attempt=attempt,
            position=i,
            item_id=item.id,
            answer=answer,
            score=value,
            answered_at=when + dt.timedelta(minutes=i),
        )
    attempt.total = total
    attempt.passed = total / max(len(form.items), 1) + 1e-9 >= settings.pass_mark / 100
    attempt.finished_at = when + dt.timedelta(minutes=len(form.items))
    attempt.save(update_fields=["total", "passed", "finished_at"])


def _fictional_learner(n: int) -> User:
    user, created = User.objects.get_or_create(
        email=f"student{n}@demo.threadlift.test",
        defaults={"full_name": f"Demo Student {n} (fictional)"},
    )
    if created:
        user.set_unusable_password()
        user.save()
    role_assign(user=user, role=Role.LEARNER)
    PractitionerProfile.objects.get_or_create(
        user=user, defaults={"profession": "physician", "jurisdiction": "GB-ENG", "verified": True}
    )
    return user


def load() -> list[tuple[str, str]]:
    _map_courses()
    run = (
        CourseRun.objects.filter(course__slug=DEMO_RUN_COURSE, course__provider__is_demo=True)
        .order_by("id")
        .first()
    )
    if run is None:
        return []
    learner = User.objects.get(email="learner@demo.threadlift.test")
    others = [_fictional_learner(n) for n in range(1, OTHERS + 1)]
    everyone = [learner, *others]
    for model in (Attempt, LessonRead, CasePlay, ItemFlagReport):
        model.objects.filter(run=run, learner__in=everyone).delete()
    for user in everyone:
        Enrolment.objects.get_or_create(
            run=run, learner=user, defaults={"status": EnrolmentStatus.ENROLLED}
        )
    run.seats = max(run.seats, run.enrolments.filter(status=EnrolmentStatus.ENROLLED).count())
    run.seats_taken = run.enrolments.filter(status=EnrolmentStatus.ENROLLED).count()
    run.save(update_fields=["seats", "seats_taken"])
    now = timezone.now()
    first = content.lessons_for(run.course, MODULE)[0]
    LessonRead.objects.create(learner=learner, run=run, module_id=MODULE, lesson_id=first.id)
    simulated_attempt(learner, run, 0.35, 101, now - dt.timedelta(days=2))  # fails
    simulated_attempt(learner, run, 1.0, 102, now - dt.timedelta(days=1))  # passes
    rng = random.Random(7)
    for n, user in enumerate(others):
        for k in range(1 + n % 2):
            simulated_attempt(
                user, run, rng.uniform(0.35, 0.98), 200 + 10 * n + k, now - dt.timedelta(days=3 + k)
            )
    item = content.question_pool(run.course, MODULE)[0]
    ItemFlagReport.objects.create(
        learner=others[0],
        run=run,
        item_id=item.id,
        comment="The stem could say which side of the face is meant (fictional demo flag).",
    )
    return [("learner@demo.threadlift.test", "Learner with progress on a demo course run")]
