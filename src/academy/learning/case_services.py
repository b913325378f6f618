"""Writes of the case player: start a play, record a decision (`case_play_<action>`).

The stepping is the core's (`threadlift.content.cases.advance`); this module stores it."""

from __future__ import annotations

import datetime as dt

from academy.accounts.models import User
from academy.catalog.models import CourseRun
from academy.learning.models import CasePlay
from threadlift.content import Case
from threadlift.content.cases import Play, advance, case_result, is_over


def case_play_start(*, learner: User, run: CourseRun, case: Case, now: dt.datetime) -> CasePlay:
    """A new play of `case` at its start, with its own choice order (a fresh seed)."""
    play = CasePlay(
        learner=learner, run=run, case_id=case.id, current_step=case.start, started_at=now
    )
    play.full_clean(exclude=["path"])  # a JSON list, validated by the case itself
    play.save()
    return play


def case_play_choose(*, play: CasePlay, case: Case, choice_id: str, now: dt.datetime) -> CasePlay:
    """Record the choice at the play's current step and move to where it leads; at an ending
    the play is completed and its result (`passed`) is the path's (KeyError: no such choice)."""
    if play.completed:
        raise ValueError("this play is finished")
    before = Play(at=play.current_step, path=tuple(path_of(play)), credited=play.correct_count)
    after, choice = advance(case, before, choice_id)
    play.path = [
        *play.path,
        {"step": play.current_step, "choice": choice.id, "correct": choice.credited},
    ]
    play.correct_count = after.credited
    play.current_step = after.at
    if is_over(case, after):
        result = case_result(case, after.path)
        play.completed, play.finished_at, play.passed = True, now, result.passed
    play.full_clean(exclude=["path"])  # a JSON list, validated by the case itself
    play.save()
    return play


def case_play_post(
    *,
    learner: User,
    run: CourseRun,
    case: Case,
    play: CasePlay | None,
    choice_id: str | None,
    restart: bool,
    now: dt.datetime,
) -> bool:
    """What the player's form asks: start again (or for the first time), or take a decision.
    True when a decision was recorded (the page then shows its feedback); KeyError when the
    choice is not one of the step's."""
    if restart or play is None or play.completed:
        play = case_play_start(learner=learner, run=run, case=case, now=now)
        if restart or choice_id is None:
            return False
    if play.current_step not in case.steps:  # the case's file changed under this play
        case_play_start(learner=learner, run=run, case=case, now=now)
        return False
    case_play_choose(play=play, case=case, choice_id=choice_id or "", now=now)
    return True


def path_of(play: CasePlay) -> list[tuple[str, str]]:
    return [(entry["step"], entry["choice"]) for entry in play.path]
