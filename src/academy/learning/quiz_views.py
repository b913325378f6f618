"""The quiz pages: start, one page per item, tutor feedback, result, practice rounds, flags."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from academy.accounts.access import login_required, role_required
from academy.accounts.models import Role, User
from academy.learning import access, content, exams, figures, quiz, services
from academy.learning.models import Attempt, AttemptKind


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.LEARNER)
def start(request: HttpRequest, run_id: int, module_id: str) -> HttpResponse:
    """The module's exam (counted, under the course's attempt policy) and tutor practice."""
    user = _user(request)
    run = access.get_run_for_learner(user, run_id)
    view = content.module_for(run.course, module_id)
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("what") == "tutor":
                attempt = quiz.start_tutor(
                    learner=user, run=run, settings=view.settings, now=timezone.now()
                )
            else:
                attempt = quiz.start_quiz(
                    learner=user, run=run, settings=view.settings, now=timezone.now()
                )
        except quiz.AnswerError as exc:
            error = str(exc)
        else:
            return redirect("learning:attempt", attempt.pk)
    previous = list(
        quiz.quiz_attempts(user, run, module_id)
        .filter(finished_at__isnull=False)
        .order_by("-started_at")
    )
    pool = content.question_pool(run.course, module_id)
    blueprint = exams.blueprint_for(view.settings)
    mark, basis = exams.pass_mark_for(view.settings, run.course, [])
    return render(
        request,
        "learning/quiz_start.html",
        {
            "run": run,
            "view": view,
            "pool": len(pool),
            "size": blueprint.size if blueprint else 0,
            "exposure": exams.exposure_note(view.settings, pool),
            "mark": mark,
            "basis": basis,
            "policy": exams.exam_policy(user, run, view.settings),
            "open": quiz.open_attempt(user, run, module_id, AttemptKind.QUIZ),
            "previous": previous,
            "wrong": quiz.wrong_item_ids(user, run, module_id),
            "error": error,
        },
        status=403 if error else 200,
    )


@require_POST
@role_required(Role.LEARNER)
def practice(request: HttpRequest, run_id: int, module_id: str) -> HttpResponse:
    user = _user(request)
    run = access.get_run_for_learner(user, run_id)
    content.module_for(run.course, module_id)
    try:
        attempt = quiz.start_practice(
            learner=user, run=run, module_id=module_id, now=timezone.now()
        )
    except quiz.AnswerError as exc:
        messages.error(request, str(exc))
        return redirect("learning:quiz", run.pk, module_id)
    return redirect("learning:attempt", attempt.pk)


def _item_context(attempt: Attempt, position: int) -> dict[str, Any]:
    entry = attempt.items[position]
    item = content.questions_by_id(attempt.run.course, attempt.module_id).get(entry["id"])
    if item is None:
        raise Http404("This item is no longer part of the course.")
    by_id = {o.id: o for o in item.options}
    stem, _ = quiz.text_html(item.stem, content.kb_for(attempt.run.course))
    ctx: dict[str, Any] = {
        "attempt": attempt,
        "position": position,
        "number": position + 1,
        "item": item,
        "stem": stem,
        "options": [by_id[o] for o in entry["options"] if o in by_id],
    }
    if item.kind == "hotspot" and item.view is not None:
        ctx["face"] = figures.face_svg(item.view)
        ctx["landmarks"] = figures.landmarks(item.view)
    return ctx


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.LEARNER)
def attempt_page(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """The next unanswered item; a POST answers it (tutor: then its feedback)."""
    attempt = access.get_attempt_for_learner(_user(request), attempt_id)
    if quiz.expire_if_late(attempt, now=timezone.now()) and request.method != "POST":
        return redirect("learning:result", attempt.pk)
    done = quiz.answered(attempt)
    position = quiz.next_position(attempt, done)
    if attempt.finished_at is not None or position is None:
        if request.method == "POST":  # an answer sent after the deadline: kept, not counted
            messages.warning(request, "Time was up: that answer was not counted.")
        return redirect("learning:result", attempt.pk)
    ctx = _item_context(attempt, position)
    ctx["answered"] = len(done)
    if request.method == "POST":
        try:
            if int(request.POST.get("position", -1)) != position:
                raise quiz.AnswerError("That item was already answered; here is the next one.")
            answer = quiz.parse_answer(
                ctx["item"], [o.id for o in ctx["options"]], request.POST, content.kb()
            )
        except (quiz.AnswerError, ValueError) as exc:
            ctx["error"] = (
                str(exc) if isinstance(exc, quiz.AnswerError) else "Send the answer from the form."
            )
            ctx["typed"] = request.POST
            ctx["chosen"] = request.POST.getlist("option")
            return render(request, "learning/item.html", ctx, status=400)
        quiz.record_answer(
            attempt=attempt, position=position, item=ctx["item"], answer=answer, now=timezone.now()
        )
        if attempt.finished_at is not None and attempt.mode != "tutor":
            return redirect("learning:result", attempt.pk)
        if attempt.mode == "tutor":
            return redirect("learning:feedback", attempt.pk, position)
        return redirect("learning:attempt", attempt.pk)
    return render(request, "learning/item.html", ctx)


@require_safe
@role_required(Role.LEARNER)
def feedback(request: HttpRequest, attempt_id: int, position: int) -> HttpResponse:
    """Tutor mode: the explanation right after the answer. Exam mode never shows it early."""
    attempt = access.get_attempt_for_learner(_user(request), attempt_id)
    if attempt.mode != "tutor" and attempt.finished_at is None:
        return redirect("learning:attempt", attempt.pk)
    done = quiz.answered(attempt)
    if position not in done or position >= len(attempt.items):
        return redirect("learning:attempt", attempt.pk)
    entry = attempt.items[position]
    item = content.questions_by_id(attempt.run.course, attempt.module_id).get(entry["id"])
    if item is None:
        raise Http404("This item is no longer part of the course.")
    review = quiz.review_item(
        position, entry, item, done[position], content.kb_for(attempt.run.course)
    )
    return render(
        request,
        "learning/feedback.html",
        {
            "attempt": attempt,
            "r": review,
            "finished": attempt.finished_at is not None,
            "kb": content.kb(),
        },
    )


@require_safe
@login_required
def result(request: HttpRequest, attempt_id: int) -> HttpResponse:
    user = _user(request)
    attempt = access.get_attempt_for_viewer(user, attempt_id)
    quiz.expire_if_late(attempt, now=timezone.now())
    if attempt.finished_at is None and attempt.learner_id == user.pk:
        return redirect("learning:attempt", attempt.pk)
    done = quiz.answered(attempt)
    pool = content.questions_by_id(attempt.run.course, attempt.module_id)
    kb = content.kb_for(attempt.run.course)
    reviews = [
        quiz.review_item(i, entry, pool[entry["id"]], done.get(i), kb)
        for i, entry in enumerate(attempt.items)
        if entry["id"] in pool
    ]
    own = attempt.learner_id == user.pk
    settings = content.module_for(attempt.run.course, attempt.module_id)
    rules = (
        exams.exam_policy(attempt.learner, attempt.run, settings.settings)
        if attempt.kind == AttemptKind.QUIZ and attempt.finished_at is not None
        else None
    )
    return render(
        request,
        "learning/result.html",
        {
            "attempt": attempt,
            "reviews": reviews,
            "own": own,
            "wrong": [r for r in reviews if not r.full_marks],
            "module": settings.module,
            "policy": rules,
            "kb": content.kb(),
        },
    )


@require_POST
@role_required(Role.LEARNER)
def flag(request: HttpRequest, attempt_id: int, position: int) -> HttpResponse:
    attempt = access.get_attempt_for_learner(_user(request), attempt_id)
    if not 0 <= position < len(attempt.items):
        messages.error(request, "No such item in this attempt.")
        return redirect("learning:result", attempt.pk)
    comment = (request.POST.get("comment") or "").strip()
    back = request.POST.get("back") == "feedback"
    target = (
        reverse("learning:feedback", args=[attempt.pk, position])
        if back
        else reverse("learning:result", args=[attempt.pk])
    )
    if not comment or len(comment) > 2000:
        messages.error(request, "Say what is wrong with the item (up to 2000 characters).")
        return redirect(f"{target}#item-{position + 1}")
    services.item_flag_create(
        attempt=attempt, position=position, comment=comment, now=timezone.now()
    )
    messages.success(request, "Thank you: the item is flagged for the trainers.")
    return redirect(f"{target}#item-{position + 1}")
