"""The learner's pages: my learning, a run's course page, lessons (the case player: case_views)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_safe

from academy.accounts.access import role_required
from academy.accounts.models import Role, User
from academy.catalog import declarations
from academy.catalog.caching import DECLARATIONS
from academy.core import learner_cache
from academy.learning import access, content, selectors, services
from academy.learning.models import CasePlay, LessonRead
from academy.learning.progress import progress_for
from threadlift.content.render import render_lesson
from threadlift.content.review import lesson_review


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@require_safe
@role_required(Role.LEARNER)
def index(request: HttpRequest) -> HttpResponse:
    enrolments = list(selectors.my_runs(_user(request)))
    return render(request, "learning/index.html", {"enrolments": enrolments})


@require_safe
@role_required(Role.LEARNER)
def run_page(request: HttpRequest, run_id: int) -> HttpResponse:
    user = _user(request)
    access.check_learner_on_run(user, run_id)  # afresh on every view, before anything kept
    today = timezone.localdate()
    # The page's title and body are kept as a learner fragment, the trainers' disclosures
    # included: it is keyed by the day (a declaration goes out of date with the calendar) and
    # by the declarations' generation.
    title, body = learner_cache.kept(
        "learning/run",
        user.pk,
        run_id,
        today,
        also=(DECLARATIONS,),
        build=lambda: _run_page_parts(user, run_id, today),
    )
    return render(request, "learning/run.html", {"title": title, "body": mark_safe(body)})


def _run_page_parts(user: User, run_id: int, today: date) -> tuple[str, str]:
    run = access.get_run_for_learner(user, run_id)
    return run.course.title, _run_body(run, user) + _disclosures(run, today)


def _disclosures(run: Any, today: date) -> str:
    return render_to_string(
        "catalog/_disclosures.html", declarations.disclosure_context(run, today=today)
    )


def _run_body(run: Any, user: User) -> str:
    known = content.for_course(run.course)
    progress = progress_for(run, [user.pk], known)[user.pk]
    read = set(LessonRead.objects.filter(learner=user, run=run).values_list("lesson_id", flat=True))
    modules = [{"p": p, "lessons": known.lessons.get(p.view.id, ())} for p in progress.modules]
    cases = known.cases
    plays = CasePlay.objects.filter(learner=user, run=run, completed=True)
    finished = list(plays.values_list("case_id", "passed"))
    done = {case_id for case_id, _ in finished}
    passed = {case_id for case_id, ok in finished if ok}
    return render_to_string(
        "learning/_run_body.html",
        {
            "run": run,
            "modules": modules,
            "read": read,
            "cases": cases,
            "done": done,
            "passed": passed,
        },
    )


def _neighbours(run: Any, lesson_id: str) -> tuple[Any, Any]:
    order = [
        lesson for lessons in content.lessons_by_module(run.course).values() for lesson in lessons
    ]
    ids = [lesson.id for lesson in order]
    i = ids.index(lesson_id)
    return (order[i - 1] if i > 0 else None), (order[i + 1] if i + 1 < len(order) else None)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.LEARNER)
def lesson_page(request: HttpRequest, run_id: int, lesson_id: str) -> HttpResponse:
    user = _user(request)
    run = access.get_run_for_learner(user, run_id)
    lesson = content.lesson_for(run.course, lesson_id)
    previous, following = _neighbours(run, lesson.id)
    if request.method == "POST":
        services.lesson_read_record(
            learner=user, run=run, lesson_id=lesson.id, module_id=lesson.module, now=timezone.now()
        )
        if following is not None and request.POST.get("next"):
            return redirect("learning:lesson", run.pk, following.id)
        return redirect("learning:lesson", run.pk, lesson.id)
    kb = content.kb_for(run.course)
    page = render_lesson(lesson, kb, bibliography_url=reverse("knowledge:bibliography"))
    sources = [kb.source(s) for s in page.sources]
    module = content.module_for(run.course, lesson.module).module
    review = lesson_review(
        module_reviewed=module.reviewed,
        module_review_by=module.review_by,
        reviewed=lesson.reviewed,
        review_by=lesson.review_by,
    )
    return render(
        request,
        "learning/lesson.html",
        {
            "run": run,
            "lesson": lesson,
            "module": module,
            "review": review,
            "review_overdue": review.overdue(timezone.localdate()),
            "page": page,
            "sources": sources,
            "is_read": LessonRead.objects.filter(
                learner=user, run=run, lesson_id=lesson.id
            ).exists(),
            "previous": previous,
            "following": following,
        },
    )
