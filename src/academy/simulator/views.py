"""Simulator pages: exercise list, exercise (canvas), submit, result, a trainer's run view."""

from __future__ import annotations

import datetime as dt
import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from academy.accounts.access import login_required, role_required
from academy.accounts.models import Role, User
from academy.simulator import access, content, drawing, selectors
from academy.simulator.models import Mode
from academy.simulator.services import PlanError, PointError, attempt_submit
from threadlift.knowledge.vocab import INDICATION_IDS
from threadlift.planning.objectives import describe_objectives


def _user(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    rows = selectors.exercise_rows(user)
    runs = access.runs_taught_by(user) if user is not None else []
    return render(request, "simulator/index.html", {"rows": rows, "runs": runs})


def _exercise_context(request: HttpRequest, ex: content.Exercise, face_id: str, mode: str) -> dict:
    faces = [(f, content.describe_face(f)) for f in ex.faces if content.is_face(f, ex.view)]
    return {
        "ex": ex,
        "face_id": face_id,
        "faces": faces,
        "face_label": content.describe_face(face_id),
        "mode": mode,
        "products": content.products_json(ex),
        "started": timezone.now().isoformat(),
        "signed_in": _user(request) is not None,
        "objective_lines": describe_objectives(ex.indication, ex.objectives),
        # live feedback scores with the exercise's objectives, as the submitted attempt
        "score_url": f"/api/v1/simulator/score?exercise={ex.id}",
    }


@require_GET
def exercise(request: HttpRequest, exercise_id: str) -> HttpResponse:
    ex = access.get_exercise(exercise_id)
    face_id = access.chosen_face(ex, request.GET.get("face"))
    mode = Mode.TEST if request.GET.get("mode") == Mode.TEST else Mode.LEARN
    return render(request, "simulator/exercise.html", _exercise_context(request, ex, face_id, mode))


def _started(raw: str) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(raw)
    except ValueError:
        return None
    return value if timezone.is_aware(value) else None


@require_POST
@login_required
def submit(request: HttpRequest, exercise_id: str) -> HttpResponse:
    user = _user(request)
    assert user is not None
    ex = access.get_exercise(exercise_id)
    face_id = access.chosen_face(ex, request.POST.get("face"))
    mode = Mode.TEST if request.POST.get("mode") == Mode.TEST else Mode.LEARN
    error = ""
    try:
        raw = json.loads(request.POST.get("plan") or "{}", parse_constant=_refuse)
        attempt = attempt_submit(
            user=user,
            ex=ex,
            face_id=face_id,
            mode=mode,
            raw_plan=raw,
            started_at=_started(request.POST.get("started", "")),
            now=timezone.now(),
        )
    except (ValueError, RecursionError) as exc:  # PlanError and PointError are ValueErrors
        error = exc.message if isinstance(exc, PlanError | PointError) else "not a plan"
        if isinstance(exc, PlanError | PointError) and exc.field:
            error = f"{exc.field}: {exc.message}"
    else:
        return redirect("simulator:attempt", attempt_id=attempt.pk)
    context = _exercise_context(request, ex, face_id, mode)
    context.update(error=error, initial_plan=_plan_or_none(request.POST.get("plan", "")))
    return render(request, "simulator/exercise.html", context, status=422)


def _refuse(constant: str) -> None:
    raise ValueError(f"{constant} is not a JSON number")


def _plan_or_none(raw: str) -> object:
    try:
        value = json.loads(raw, parse_constant=_refuse)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


@login_required
@cache_control(private=True, no_store=True)
def attempt(request: HttpRequest, attempt_id: int) -> HttpResponse:
    user = _user(request)
    assert user is not None
    found = access.get_attempt_for_user(user, attempt_id)
    ex = access.get_exercise(found.exercise_id)
    from academy.simulator.results import result_context

    context = result_context(found, ex, viewer=user)
    return render(request, "simulator/result.html", context)


@role_required(Role.TRAINER)
@cache_control(private=True, no_store=True)
def run(request: HttpRequest, run_id: int) -> HttpResponse:
    user = _user(request)
    assert user is not None
    found = access.get_run_for_trainer(user, run_id)
    rule, rows, frequent = selectors.run_overview(found)
    return render(
        request,
        "simulator/run.html",
        {"run": found, "rule": rule, "rows": rows, "frequent": frequent},
    )


@require_GET
def face_svg(request: HttpRequest, view: str, face_id: str) -> HttpResponse:
    if not content.is_face(face_id, view):
        raise _not_found()
    target = request.GET.get("target") or None
    if target is not None and target not in INDICATION_IDS:
        raise _not_found()
    text = drawing.face_svg(
        content.face(face_id, view), show_zones=request.GET.get("zones") != "0", target=target
    )
    response = HttpResponse(text, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def _not_found() -> Exception:
    from django.http import Http404

    return Http404("No such face in this view.")
