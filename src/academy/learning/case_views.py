"""The case player: a branching case played decision by decision, choices in a per-play order."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from academy.accounts.access import role_required
from academy.accounts.models import Role, User
from academy.learning import access, content
from academy.learning.case_services import case_play_choose, case_play_start, path_of
from academy.learning.models import CasePlay
from threadlift.content import Case
from threadlift.content.cases import CASE_PASS_MARK, case_result, choice_order, choose, ending_of
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
    kb = content.kb_for(run.course)
    play = (
        CasePlay.objects.filter(learner=user, run=run, case_id=case.id)
        .order_by("-started_at", "-id")
        .first()
    )
    here = reverse("learning:case", args=[run.pk, case.id])
    error = ""
    if request.method == "POST":
        if request.POST.get("restart") or play is None or play.completed:
            play = case_play_start(user, run, case)
            if request.POST.get("restart") or "choice" not in request.POST:
                return redirect(here)
        if play.current_step not in case.steps:  # the case's file changed under this play
            play = case_play_start(user, run, case)
            return redirect(here)
        try:
            case_play_choose(play, case, request.POST.get("choice", ""))
        except KeyError:
            error = "Choose one of the options."
        else:
            return redirect(here + "#feedback")
    path = []
    if play is not None:
        for step_id, choice_id in _known_path(play, case):
            step, chosen = case.steps[step_id], choose(case, step_id, choice_id)
            path.append(
                {
                    "step": step,
                    "prompt": _html(step.prompt, kb),
                    "choice": chosen,
                    "feedback": _html(chosen.feedback, kb),
                }
            )
    current = None
    if play is not None and not play.completed and play.current_step in case.steps:
        step_id = play.current_step
        step = case.steps[step_id]
        by_id = {c.id: c for c in step.choices}
        current = {
            "id": step_id,
            "step": step,
            "prompt": _html(step.prompt, kb),
            "choices": [by_id[i] for i in choice_order(case, step_id, play.seed)],
        }
    result = ending = None
    if play is not None and play.completed:
        try:
            result = case_result(case, path_of(play))
        except ValueError:  # the case's file changed since this play
            result = None
        ending = ending_of(case, result) if result else None
    return render(
        request,
        "learning/case.html",
        {
            "run": run,
            "case": case,
            "story": _html(case.story, kb),
            "play": play,
            "path": path,
            "current": current,
            "error": error,
            "result": result,
            "ending": ending,
            "ending_html": _html(ending.text, kb) if ending else "",
            "pass_percent": round(CASE_PASS_MARK * 100),
        },
        status=400 if error else 200,
    )


def _known_path(play: CasePlay, case: Case) -> list[tuple[str, str]]:
    """The play's decisions that the case (as it is now) still knows."""
    known = []
    for step_id, choice_id in path_of(play):
        if step_id not in case.steps or choice_id not in {
            c.id for c in case.steps[step_id].choices
        }:
            break
        known.append((step_id, choice_id))
    return known
