"""The case player: a branching case played decision by decision, choices in a per-play order."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from academy.accounts.access import role_required
from academy.accounts.models import Role, User
from academy.learning import access, content
from academy.learning.case_services import case_play_post, path_of
from academy.learning.models import CasePlay
from threadlift.content import Case
from threadlift.content.cases import (
    CASE_PASS_MARK,
    CaseResult,
    case_result,
    choice_order,
    choose,
    ending_of,
    known_path,
)
from threadlift.content.render import render_lesson


def _html(text: str, kb: Any) -> str:
    return render_lesson(text, kb, bibliography_url=reverse("knowledge:bibliography")).html


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.LEARNER)
def case_page(request: HttpRequest, run_id: int, case_id: str) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    run = access.get_run_for_learner(user, run_id)
    case = content.case_for(run.course, case_id)
    play = (
        CasePlay.objects.filter(learner=user, run=run, case_id=case.id)
        .order_by("-started_at", "-id")
        .first()
    )
    here = reverse("learning:case", args=[run.pk, case.id])
    error = ""
    if request.method == "POST":
        try:
            chose = case_play_post(
                learner=user,
                run=run,
                case=case,
                play=play,
                choice_id=request.POST.get("choice"),
                restart=bool(request.POST.get("restart")),
                now=timezone.now(),
            )
        except KeyError:
            error = "Choose one of the options."
        else:
            return redirect(here + "#feedback" if chose else here)
    context = {"run": run, "case": case, "play": play, "error": error}
    context |= _play_context(case, play, content.kb_for(run.course))
    return render(request, "learning/case.html", context, status=400 if error else 200)


def _play_context(case: Case, play: CasePlay | None, kb: Any) -> dict[str, Any]:
    """The story, the decisions taken (with their feedback), the step to decide and the result."""
    result = _result(case, play)
    ending = ending_of(case, result) if result else None
    return {
        "story": _html(case.story, kb),
        "path": _decisions(case, play, kb),
        "current": _current(case, play, kb),
        "result": result,
        "ending": ending,
        "ending_html": _html(ending.text, kb) if ending else "",
        "pass_percent": round(CASE_PASS_MARK * 100),
    }


def _decisions(case: Case, play: CasePlay | None, kb: Any) -> list[dict[str, Any]]:
    """The play's decisions that the case (as it is now) still knows, with their feedback."""
    rows = []
    for step_id, choice_id in known_path(case, path_of(play)) if play is not None else []:
        step, chosen = case.steps[step_id], choose(case, step_id, choice_id)
        rows.append(
            {
                "step": step,
                "prompt": _html(step.prompt, kb),
                "choice": chosen,
                "feedback": _html(chosen.feedback, kb),
            }
        )
    return rows


def _current(case: Case, play: CasePlay | None, kb: Any) -> dict[str, Any] | None:
    """The step to decide now, its choices in this play's order."""
    if play is None or play.completed or play.current_step not in case.steps:
        return None
    step_id = play.current_step
    step = case.steps[step_id]
    by_id = {c.id: c for c in step.choices}
    return {
        "id": step_id,
        "step": step,
        "prompt": _html(step.prompt, kb),
        "choices": [by_id[i] for i in choice_order(case, step_id, play.seed)],
    }


def _result(case: Case, play: CasePlay | None) -> CaseResult | None:
    if play is None or not play.completed:
        return None
    try:
        return case_result(case, path_of(play))
    except ValueError:  # the case's file changed since this play
        return None
