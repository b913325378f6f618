"""What the result page shows: the scored plan drawn on its face, findings, model answer."""

from __future__ import annotations

import json
from typing import Any

from django.utils.safestring import mark_safe

from academy.accounts.models import User
from academy.core.cache import digest, knowledge_fingerprint, memo
from academy.simulator import content, drawing, selectors
from academy.simulator.content import Exercise
from academy.simulator.models import Attempt
from academy.simulator.variation import variation_figure
from threadlift.knowledge import load_knowledge
from threadlift.planning import Score, check_objectives, parse_plan

VARIATION_CACHE_SECONDS = 24 * 3600


def _stored(attempt: Attempt) -> str:
    """What the figure depends on, by content (never by row id, which a restore may reuse)."""
    parts = (attempt.face_id, attempt.plan, attempt.findings, attempt.efficacy, attempt.passed)
    return json.dumps(parts, sort_keys=True, default=str)


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
        # 500 sampled faces cost tens of milliseconds and a stored attempt never changes: built
        # once per attempt and data (the packaged data changes only with a deploy; a day bounds
        # how long an engine change without a data change could show the older figure)
        "variation": memo(
            "simvar:" + digest(_stored(attempt), knowledge_fingerprint()),
            lambda: variation_figure(face, plan, score),
            timeout=VARIATION_CACHE_SECONDS,
        ),
    }
