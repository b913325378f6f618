"""Exams of a course's modules: the blueprint in force, the attempt policy (limit, cool-down,
releases), the pass mark (fixed policy or modified Angoff), and the services that write them.

The pure rules are the core's (`threadlift.content.forms`, `threadlift.content.standards`);
this module reads and stores what a course decided. Only exam attempts (kind QUIZ) count
towards progress, completion and certificates: `counted_passes` is the selector for that.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from academy.accounts.models import User
from academy.catalog.models import Course, CourseRun
from academy.core import learner_cache
from academy.learning import content
from academy.learning.models import (
    AngoffJudgement,
    Attempt,
    AttemptKind,
    AttemptRelease,
    CourseModule,
    PassStandard,
)
from threadlift.content.forms import (
    DIFFICULTIES,
    Blueprint,
    allowed_shared,
    blueprint_problems,
    default_blueprint,
    policy,
    pool_counts,
    worst_case_shared,
)
from threadlift.content.standards import AngoffResult, angoff, check_value, form_cut_score

# ------------------------------------------------------------------ what counts


def counted_passes(learner_id: int, run_id: int, module_id: str) -> QuerySet[Attempt]:
    """Passed exams of a module in a run: the only attempts that count for completion and
    certificates (tutor practice and practice rounds never do). Progress is per run."""
    return Attempt.objects.filter(
        learner_id=learner_id,
        run_id=run_id,
        module_id=module_id,
        kind=AttemptKind.QUIZ,
        passed=True,
        finished_at__isnull=False,
    ).order_by("finished_at")


# ------------------------------------------------------------------ blueprints


def blueprint_for(settings: CourseModule) -> Blueprint | None:
    """The blueprint in force: the academy's override, else the curriculum's."""
    if settings.blueprint:
        return parse_blueprint(settings.blueprint)
    return default_blueprint(settings.module_id)


def parse_blueprint(data: Any) -> Blueprint:
    cells = {
        str(outcome): {int(d): int(n) for d, n in row.items()} for outcome, row in data.items()
    }
    return Blueprint(cells=cells)


def blueprint_json(blueprint: Blueprint) -> dict[str, dict[str, int]]:
    return {o: {str(d): n for d, n in row.items() if n} for o, row in blueprint.cells.items()}


@dataclass(frozen=True)
class BlueprintCell:
    outcome: str
    outcome_text: str
    difficulty: int
    count: int
    pool: int

    @property
    def field(self) -> str:
        return f"cell__{self.outcome}__{self.difficulty}"


def blueprint_grid(course: Course, module_id: str, blueprint: Blueprint | None) -> list[Any]:
    """Rows (outcome, its text, [cells by difficulty]) for the blueprint page."""
    view = content.module_for(course, module_id)
    have = pool_counts(content.question_pool(course, module_id))
    counts = blueprint.counts() if blueprint else {}
    rows = []
    for outcome in view.module.outcomes:
        cells = [
            BlueprintCell(
                outcome.id,
                outcome.text,
                d,
                counts.get((outcome.id, d), 0),
                have.get((outcome.id, d), 0),
            )
            for d in DIFFICULTIES
        ]
        rows.append((outcome.id, outcome.text, cells))
    return rows


@transaction.atomic
def course_module_blueprint_save(
    course: Course, module_id: str, blueprint: Blueprint | None
) -> CourseModule:
    """Save the academy's blueprint (None: back to the curriculum's). A course still on the
    default modules gets its mapping stored first. ValidationError names the cells the pool
    cannot fill."""
    if blueprint is not None:
        pool = content.question_pool(course, module_id)
        problems = blueprint_problems(blueprint, pool)
        if problems:
            have, asked = pool_counts(pool), blueprint.counts()
            raise ValidationError(
                {
                    f"cell__{o}__{d}" if o else "__all__": (
                        f"{asked[(o, d)]} asked, but the pool has {have.get((o, d), 0)} item"
                        f"{'s' if have.get((o, d), 0) != 1 else ''} of this outcome and "
                        "difficulty."
                        if o
                        else "An exam form needs at least one item."
                    )
                    for (o, d) in problems
                }
            )
    if not CourseModule.objects.filter(course=course).exists():
        CourseModule.objects.bulk_create(v.settings for v in content.modules_for_course(course))
        learner_cache.content_changed()  # bulk_create sends no signal (core/learner_cache.py)
    row = CourseModule.objects.select_for_update().get(course=course, module_id=module_id)
    row.blueprint = blueprint_json(blueprint) if blueprint is not None else None
    row.full_clean()
    row.save(update_fields=["blueprint"])
    return row


def exposure_note(settings: CourseModule, pool: Any) -> str:
    """The exposure rule as the start page states it."""
    blueprint = blueprint_for(settings)
    if blueprint is None:
        return ""
    share = policy().exposure_max_shared
    allowed = allowed_shared(blueprint.size, share)
    met = worst_case_shared(blueprint, pool) <= allowed
    return (
        f"Each exam is a new form of {blueprint.size} items drawn by outcome and difficulty; "
        f"two consecutive forms share at most {allowed} items ({share:.0%}, our policy)"
        + ("." if met else ", as far as this module's pool allows.")
    )


# ------------------------------------------------------------------ attempt policy


@dataclass(frozen=True)
class ExamPolicy:
    """Whether the learner may start an exam now, and the sentence that says why."""

    can_start: bool
    reason: str
    limit: int | None
    used: int
    cooldown_hours: int | None
    next_at: dt.datetime | None = None
    release: AttemptRelease | None = None

    @property
    def left(self) -> int | None:
        return None if self.limit is None else max(0, self.limit - self.used)


def exam_policy(learner: User, run: CourseRun, settings: CourseModule) -> ExamPolicy:
    """The course's attempt policy applied to the learner's exams of the module (2 queries)."""
    exams = list(
        Attempt.objects.filter(
            learner=learner, run=run, module_id=settings.module_id, kind=AttemptKind.QUIZ
        ).values_list("pk", "finished_at")
    )
    releases = list(
        AttemptRelease.objects.filter(learner=learner, run=run, module_id=settings.module_id)
    )
    unused = next((r for r in releases if r.attempt_id is None), None)
    released_used = sum(r.attempt_id is not None for r in releases)
    used = len(exams) - released_used
    limit, hours = settings.attempt_limit, settings.cooldown_hours
    used = max(0, used)
    if unused is not None:
        return ExamPolicy(
            True,
            f"A trainer released another attempt on {unused.created_at.day} "
            f"{unused.created_at:%b %Y}: you may "
            "start it now.",
            release=unused,
            limit=limit,
            used=used,
            cooldown_hours=hours,
        )
    if limit is not None and used >= limit:
        return ExamPolicy(
            False,
            f"You have used all {limit} attempts this course allows; a trainer can release "
            "another.",
            limit=limit,
            used=used,
            cooldown_hours=hours,
        )
    finished = [f for _, f in exams if f is not None]
    if hours and finished:
        next_at = max(finished) + dt.timedelta(hours=hours)
        if timezone.now() < next_at:
            local = timezone.localtime(next_at)
            when = f"{local.day} {local:%b %Y %H:%M}"
            return ExamPolicy(
                False,
                f"The course asks for {hours} hour{'s' if hours != 1 else ''} between exam "
                f"attempts: you may start the next one from {when}. A trainer can release "
                "one sooner.",
                next_at=next_at,
                limit=limit,
                used=used,
                cooldown_hours=hours,
            )
    parts = []
    if limit is not None:
        parts.append(f"{max(0, limit - used)} of {limit} attempts left")
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''} between attempts")
    reason = ("Attempt policy: " + "; ".join(parts) + ".") if parts else "No attempt limit."
    return ExamPolicy(True, reason, limit=limit, used=used, cooldown_hours=hours)


@transaction.atomic
def attempt_release_create(
    trainer: User, learner: User, run: CourseRun, module_id: str
) -> AttemptRelease:
    """A trainer releases one more exam attempt (one unused release at a time)."""
    existing = AttemptRelease.objects.filter(
        learner=learner, run=run, module_id=module_id, attempt__isnull=True
    ).first()
    if existing is not None:
        return existing
    release = AttemptRelease(learner=learner, run=run, module_id=module_id, released_by=trainer)
    release.full_clean()
    release.save()
    return release


# ------------------------------------------------------------------ standard setting


def judgements_for(course: Course, module_id: str | None = None) -> dict[str, dict[str, float]]:
    """item id -> judge id -> value, for the course (one query)."""
    rows = AngoffJudgement.objects.filter(course=course)
    if module_id is not None:
        rows = rows.filter(module_id=module_id)
    out: dict[str, dict[str, float]] = {}
    for item_id, judge_id, value in rows.values_list("item_id", "judge_id", "value"):
        out.setdefault(item_id, {})[str(judge_id)] = float(value)
    return out


def angoff_for(course: Course, module_id: str) -> AngoffResult | None:
    pool = {q.id for q in content.question_pool(course, module_id)}
    data = {i: v for i, v in judgements_for(course, module_id).items() if i in pool}
    return angoff(data)


def pass_mark_for(settings: CourseModule, course: Course, item_ids: list[str]) -> tuple[int, str]:
    """The pass mark (percent) of a form and the sentence that says how it was set."""
    if settings.standard == PassStandard.ANGOFF:
        result = angoff_for(course, settings.module_id)
        if result is not None:
            mark = max(1, min(100, round(form_cut_score(result, item_ids))))
            return mark, (
                f"modified Angoff: {result.judges} judge{'s' if result.judges != 1 else ''}, "
                f"cut score of this form {mark}% (panel {result.cut_score:.0f}%, spread SD "
                f"{result.sd:.1f})"
            )
        return settings.pass_mark, "fixed mark, our policy: no Angoff judgements yet"
    return settings.pass_mark, "fixed mark, our policy"


def angoff_values_save(
    judge: User, course: Course, module_id: str, values: dict[str, str]
) -> dict[str, str]:
    """Store the judge's values (item id -> typed text; empty: no judgement). Returns field
    messages by item id; nothing is stored when there is one."""
    pool = {q.id for q in content.question_pool(course, module_id)}
    errors: dict[str, str] = {}
    clean: dict[str, int | None] = {}
    for item_id, raw in values.items():
        if item_id not in pool:
            continue
        text = raw.strip()
        if not text:
            clean[item_id] = None
            continue
        try:
            number = float(text)
        except ValueError:
            errors[item_id] = "Give a percentage from 0 to 100."
            continue
        message = check_value(number)
        if message or number != int(number):
            errors[item_id] = message or "Give a whole percentage from 0 to 100."
        else:
            clean[item_id] = int(number)
    if errors:
        return errors
    with transaction.atomic():
        for item_id, value in clean.items():
            if value is None:
                AngoffJudgement.objects.filter(course=course, item_id=item_id, judge=judge).delete()
                continue
            row = AngoffJudgement.objects.filter(
                course=course, item_id=item_id, judge=judge
            ).first() or AngoffJudgement(
                course=course, module_id=module_id, item_id=item_id, judge=judge, value=value
            )
            row.value, row.updated_at = value, timezone.now()
            row.full_clean(validate_constraints=False)
            row.save()
    return {}
