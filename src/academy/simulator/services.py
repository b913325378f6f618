"""Scoring on a chosen face and storing attempts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from academy.accounts.models import Role, User
from academy.core import completion, events
from academy.simulator.content import Exercise, face, is_face
from academy.simulator.models import Attempt, Mode
from threadlift.anatomy import PointError
from threadlift.knowledge import load_knowledge
from threadlift.planning import Objectives, Plan, PlanError, Score, parse_plan, score_plan

MAX_THREADS = 50  # bounds against work without end (as the engines API), no clinical meaning
MAX_PATH_POINTS = 100
MAX_TIME_S = 4 * 3600


def _check_size(raw: Any) -> None:
    threads = raw.get("threads") if isinstance(raw, dict) else None
    if not isinstance(threads, list):
        return
    if len(threads) > MAX_THREADS:
        raise PlanError("threads", f"at most {MAX_THREADS} threads")
    for i, thread in enumerate(threads):
        path = thread.get("path") if isinstance(thread, dict) else None
        if isinstance(path, list) and len(path) > MAX_PATH_POINTS:
            raise PlanError(f"threads[{i}].path", f"at most {MAX_PATH_POINTS} points")


def plan_score(
    raw: Any, face_id: str, *, view: str | None = None, objectives: Objectives | None = None
) -> tuple[Plan, Score]:
    """Parse `raw` (plan JSON) and score it on face `face_id` of the plan's view, checking an
    exercise's `objectives` in the verdict when given.

    Raises PlanError/PointError naming the field (unknown face, bad plan, point off the face).
    """
    _check_size(raw)
    plan = parse_plan(raw)
    if view is not None and plan.view != view:
        raise PlanError("view", f"this exercise is drawn in the {view} view")
    if not is_face(face_id, plan.view):
        raise PlanError("face", f"unknown face {face_id!r} in the {plan.view} view")
    chosen = face(face_id, plan.view)
    return plan, score_plan(plan, load_knowledge(), chosen, objectives=objectives)


def attempt_submit(
    *,
    user: User,
    ex: Exercise,
    face_id: str,
    mode: str,
    raw_plan: Any,
    started_at: dt.datetime | None,
    now: dt.datetime | None = None,
) -> Attempt:
    """Score and store one attempt, submitted at `now` (the request's time; the clock if not
    given). Raises PlanError/PointError on a bad plan."""
    plan, score = plan_score(raw_plan, face_id, view=ex.view, objectives=ex.objectives)
    if plan.indication != ex.indication:
        raise PlanError("indication", f"this exercise is about the {ex.indication}")
    if not plan.threads:
        raise PlanError("threads", "draw at least one thread (an entry and one more point)")
    now = now or timezone.now()
    start = started_at if started_at and started_at <= now else now
    spent = min(int((now - start).total_seconds()), MAX_TIME_S)
    data = score.to_json()
    attempt = Attempt(
        learner=user,
        exercise_id=ex.id,
        face_id=face_id,
        mode=mode if mode in Mode.values else Mode.LEARN,
        plan=raw_plan,
        overall=score.overall,
        safety=score.safety,
        efficacy=score.efficacy,
        passed=score.passed,
        critical=any(f.severity == "critical" for f in score.findings),
        findings=data["findings"],
        time_spent_s=spent,
        by_trainer=user.has_role(Role.TRAINER),
        started_at=start,
        submitted_at=now,
    )
    attempt.full_clean()
    attempt.save()
    completion.work_recorded(learner_id=user.pk, rule_kind="simulator_mastered")
    events.emit(
        learner_id=user.pk,
        verb="attempted",
        object=events.Thing("exercise", ex.id, ex.title),
        at=now,
        key=f"simulator-attempt:{attempt.pk}",
        result=events.Result(
            scaled=score.overall / 100,
            raw=score.overall,
            min=0,
            max=100,
            success=score.passed,
            completion=True,
            duration_s=spent,
            extensions={"safety": score.safety, "efficacy": score.efficacy, "mode": attempt.mode},
        ),
    )
    return attempt


__all__ = ["PlanError", "PointError", "attempt_submit", "plan_score"]
