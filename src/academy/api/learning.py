"""The learner's learning: the runs they learn on, their progress in one, their attempts.
Reads through `academy.learning.selectors`, access as the learning pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from academy.api.auth import learner_of, signed_in
from academy.api.common import Id, RunRef, run_ref
from academy.api.errors import errors_for
from academy.learning import selectors
from academy.learning.models import Attempt

router = Router(tags=["learning"], auth=signed_in)

ERRORS = errors_for([401, 403, 404, 422])


class MyRunOut(Schema):
    enrolment_id: int
    run: RunRef


class ModuleProgressOut(Schema):
    module_id: str
    title: str
    lessons_total: int
    lessons_read: int
    cases_total: int
    cases_completed: int
    attempts: int
    best_percent: int | None
    passed: bool


class ProgressOut(Schema):
    run: RunRef
    modules_passed: int
    modules: list[ModuleProgressOut]


class AttemptOut(Schema):
    id: int
    module_id: str
    kind: str
    mode: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    items: int
    pass_mark: int
    total: float | None
    percent: int | None
    passed: bool | None


def attempt_out(attempt: Attempt) -> dict[str, Any]:
    items = len(attempt.items) or 1
    finished = attempt.finished_at is not None and attempt.total is not None
    return {
        "id": attempt.pk,
        "module_id": attempt.module_id,
        "kind": attempt.kind,
        "mode": attempt.mode,
        "started_at": attempt.started_at,
        "finished_at": attempt.finished_at,
        "items": len(attempt.items),
        "pass_mark": attempt.pass_mark,
        "total": attempt.total,
        "percent": round(100 * (attempt.total or 0) / items) if finished else None,
        "passed": attempt.passed,
    }


@router.get(
    "/me/runs",
    response={200: list[MyRunOut], **ERRORS},
    summary="My runs (learning)",
    description="The runs you hold a seat on (enrolled, run not cancelled), soonest first: "
    "those whose learning pages you may open.",
)
def my_runs(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {"enrolment_id": e.pk, "run": run_ref(e.run)}
        for e in selectors.my_runs(learner_of(request))
    ]


@router.get(
    "/me/runs/{run_id}/progress",
    response={200: ProgressOut, **ERRORS},
    summary="My progress in a run",
    description="Per module: lessons read, cases passed, quiz attempts, best score and whether "
    "the module's exam is passed. 404 unless you are enrolled on the run.",
)
def my_progress(request: HttpRequest, run_id: Id) -> dict[str, Any]:
    run, progress = selectors.my_progress(learner_of(request), run_id)
    return {
        "run": run_ref(run),
        "modules_passed": progress.passed_count,
        "modules": [
            {
                "module_id": m.view.id,
                "title": m.view.module.title,
                "lessons_total": m.lessons_total,
                "lessons_read": m.lessons_read,
                "cases_total": m.cases_total,
                "cases_completed": m.cases_completed,
                "attempts": m.attempts,
                "best_percent": m.best_percent,
                "passed": m.passed,
            }
            for m in progress.modules
        ],
    }


@router.get(
    "/me/runs/{run_id}/attempts",
    response={200: list[AttemptOut], **ERRORS},
    summary="My quiz and exam attempts in a run",
    description="Newest first; `percent` and `passed` once an attempt is finished. 404 unless "
    "you are enrolled on the run.",
)
def my_attempts(request: HttpRequest, run_id: Id) -> list[dict[str, Any]]:
    return [attempt_out(a) for a in selectors.my_attempts(learner_of(request), run_id)]


__all__ = ["router"]
