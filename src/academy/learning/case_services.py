"""Writes of the case player: start a play, record a decision (`case_play_<action>`)."""

from __future__ import annotations

from django.utils import timezone

from academy.accounts.models import User
from academy.catalog.models import CourseRun
from academy.learning.models import CasePlay
from threadlift.content import Case
from threadlift.content.cases import case_result, choose


def case_play_start(learner: User, run: CourseRun, case: Case) -> CasePlay:
    """A new play of `case` at its start, with its own choice order (a fresh seed)."""
    play = CasePlay(learner=learner, run=run, case_id=case.id, current_step=case.start)
    play.full_clean(exclude=["path"])  # a JSON list, validated by the case itself
    play.save()
    return play


def case_play_choose(play: CasePlay, case: Case, choice_id: str) -> CasePlay:
    """Record the choice at the play's current step and move to where it leads; at an ending
    the play is completed and its result (`passed`) is the path's (KeyError: no such choice)."""
    if play.completed:
        raise ValueError("this play is finished")
    choice = choose(case, play.current_step, choice_id)
    play.path = [
        *play.path,
        {"step": play.current_step, "choice": choice.id, "correct": choice.credited},
    ]
    play.correct_count += int(choice.credited)
    play.current_step = choice.next
    if choice.next not in case.steps:
        result = case_result(case, path_of(play))
        play.completed, play.finished_at, play.passed = True, timezone.now(), result.passed
    play.full_clean(exclude=["path"])  # a JSON list, validated by the case itself
    play.save()
    return play


def path_of(play: CasePlay) -> list[tuple[str, str]]:
    return [(entry["step"], entry["choice"]) for entry in play.path]
