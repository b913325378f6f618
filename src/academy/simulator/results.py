"""What the result page shows: the scored plan drawn on its face, findings, model answer."""

from __future__ import annotations

from typing import Any

from django.utils.safestring import mark_safe

from academy.accounts.models import User
from academy.simulator import content, drawing, selectors
from academy.simulator.content import Exercise
from academy.simulator.models import Attempt
from academy.simulator.variation import variation_figure
from threadlift.knowledge import load_knowledge
from threadlift.planning import Score, check_objectives, parse_plan


def _plain(finding: dict[str, Any]) -> str:
    where = "The whole plan" if finding.get("thread") is None else f"Thread {finding['thread'] + 1}"
    zone = finding.get("zone")
    about = f" ({str(zone).replace('_', ' ')})" if zone else ""
    return f"{where}{about}"


def result_context(attempt: Attempt, ex: Exercise, *, viewer: User) -> dict[str, Any]:
    face = content.face(attempt.face_id, ex.view)
    plan = parse_plan(attempt.plan)
    score = Score.model_validate(
        {
            "safety": attempt.safety,
            "efficacy": attempt.efficacy,
            "overall": attempt.overall,
            "passed": attempt.passed,
            "findings": attempt.findings,
        }
    )
    picture = drawing.plan_svg(face, plan, score, model_answer=content.model_answer(ex))
    findings = attempt.findings  # in the score's order: item k is marker k on the drawing
    # which objectives the plan met, computed as the verdict computes them
    objectives = check_objectives(plan, load_knowledge(), face, ex.objectives)
    return {
        "attempt": attempt,
        "ex": ex,
        "face_label": content.describe_face(attempt.face_id),
        "picture": mark_safe(picture),  # our own drawing: every text in it is escaped
        "findings": [{**f, "where": _plain(f)} for f in findings],
        "objectives": objectives,
        "progress": selectors.exercise_progress(attempt.learner, ex),
        "own": attempt.learner_id == viewer.pk,
        "other_faces": [f for f in ex.faces if f != attempt.face_id],
        "variation": variation_figure(face, plan, score),
    }
