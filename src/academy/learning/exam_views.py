"""Exam pages for trainers and academy admins: releasing another attempt, the modified-Angoff
judgements of a module's items, and the academy's blueprint of a module."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from academy.accounts.access import role_required
from academy.accounts.models import Role, User
from academy.catalog.models import EnrolmentStatus
from academy.learning import access, content, exams
from academy.learning.models import AngoffJudgement, Attempt, AttemptKind
from academy.learning.statistics import item_text
from threadlift.content.forms import DIFFICULTIES, Blueprint


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@require_POST
@role_required(Role.TRAINER, Role.ACADEMY_ADMIN)
def release(request: HttpRequest, run_id: int, module_id: str, learner_id: int) -> HttpResponse:
    """A trainer of the run lets an enrolled learner take one more exam now."""
    trainer = _user(request)
    run = access.get_run_for_trainer(trainer, run_id)
    content.module_for(run.course, module_id)
    enrolment = (
        run.enrolments.filter(learner_id=learner_id, status=EnrolmentStatus.ENROLLED)
        .select_related("learner")
        .first()
    )
    if enrolment is None or enrolment.learner is None:
        raise Http404("No such learner in this run.")
    exams.attempt_release_create(trainer, enrolment.learner, run, module_id)
    messages.success(
        request, f"{enrolment.learner.full_name} may take another exam of this module now."
    )
    last = (
        Attempt.objects.filter(
            learner_id=learner_id, run=run, module_id=module_id, kind=AttemptKind.QUIZ
        )
        .order_by("-started_at")
        .first()
    )
    if last is not None:
        return redirect("learning:result", last.pk)
    return redirect("learning:trainer", run.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.TRAINER, Role.ACADEMY_ADMIN)
def standard(request: HttpRequest, run_id: int, module_id: str) -> HttpResponse:
    """Modified Angoff: the trainer's judgement per item, and the panel's cut score."""
    judge = _user(request)
    run = access.get_run_for_trainer(judge, run_id)
    view = content.module_for(run.course, module_id)
    pool = content.question_pool(run.course, module_id)
    errors: dict[str, str] = {}
    if request.method == "POST":
        typed = {q.id: request.POST.get(f"item__{q.id}", "") for q in pool}
        errors = exams.angoff_values_save(judge, run.course, module_id, typed)
        if not errors:
            messages.success(request, "Your judgements are saved.")
            return redirect("learning:standard", run.pk, module_id)
    mine = dict(
        AngoffJudgement.objects.filter(
            course=run.course, module_id=module_id, judge=judge
        ).values_list("item_id", "value")
    )
    result = exams.angoff_for(run.course, module_id)
    counts: dict[str, int] = {}
    for item_id, by_judge in exams.judgements_for(run.course, module_id).items():
        counts[item_id] = len(by_judge)
    rows = [
        {
            "item": q,
            "text": item_text(q),
            "field": f"item__{q.id}",
            "value": request.POST.get(f"item__{q.id}", "")
            if errors
            else ("" if mine.get(q.id) is None else str(mine[q.id])),
            "error": errors.get(q.id, ""),
            "mean": result.item_means.get(q.id) if result else None,
            "judges": counts.get(q.id, 0),
        }
        for q in pool
    ]
    return render(
        request,
        "learning/standard.html",
        {"run": run, "view": view, "rows": rows, "result": result, "errors": errors},
        status=400 if errors else 200,
    )


def _typed_blueprint(
    request: HttpRequest, grid: list[tuple[str, str, list[exams.BlueprintCell]]]
) -> tuple[Blueprint | None, dict[str, str]]:
    counts: dict[tuple[str, int], int] = {}
    errors: dict[str, str] = {}
    for _, _, cells in grid:
        for cell in cells:
            raw = (request.POST.get(cell.field) or "0").strip()
            try:
                n = int(raw)
            except ValueError:
                errors[cell.field] = "Give a whole number of items."
                continue
            if not 0 <= n <= 100:
                errors[cell.field] = "Give a number from 0 to 100."
            elif n:
                counts[(cell.outcome, cell.difficulty)] = n
    if errors:
        return None, errors
    return Blueprint.from_counts(counts), {}


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.ACADEMY_ADMIN)
def blueprint(request: HttpRequest, course_id: int, module_id: str) -> HttpResponse:
    """The academy's blueprint of a module for its course: items per outcome and difficulty."""
    course = access.get_course_for_mapping(_user(request), course_id)
    view = content.module_for(course, module_id)
    current = exams.blueprint_for(view.settings)
    grid = exams.blueprint_grid(course, module_id, current)
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        if request.POST.get("reset"):
            exams.course_module_blueprint_save(course, module_id, None)
            messages.success(request, "The module uses the curriculum's blueprint again.")
            return redirect("learning:blueprint", course.pk, module_id)
        typed, errors = _typed_blueprint(request, grid)
        if typed is not None:
            try:
                exams.course_module_blueprint_save(course, module_id, typed)
            except ValidationError as exc:
                errors = {k: " ".join(v) for k, v in exc.message_dict.items()}
            else:
                messages.success(request, "The blueprint is saved.")
                return redirect("learning:blueprint", course.pk, module_id)
        status = 400
    rows = [
        (
            outcome,
            text,
            [
                {
                    "field": c.field,
                    "difficulty": c.difficulty,
                    "pool": c.pool,
                    "value": request.POST.get(c.field, "") if errors else c.count,
                    "error": errors.get(c.field, ""),
                }
                for c in cells
            ],
        )
        for outcome, text, cells in grid
    ]
    return render(
        request,
        "learning/blueprint.html",
        {
            "course": course,
            "view": view,
            "grid": rows,
            "difficulties": DIFFICULTIES,
            "errors": errors,
            "overall": errors.get("__all__", ""),
            "overridden": bool(view.settings.blueprint),
            "size": current.size if current else 0,
            "back": reverse("learning:course_modules", args=[course.pk]),
        },
        status=status,
    )
