"""Playing a branching case (pure functions): the order its choices are shown in, and its result.

- **Order**: each step's choices are shuffled per play by a seeded generator (the seed is stored
  with the play, so a reload shows the same order); the file's order means nothing.
- **Result** (rules in README.md): only the steps the learner visited count. Each decision earns
  1 when it is the best choice or a defensible one, else 0; the fraction is earned / decisions
  taken. A wrong choice usually leads to a consequence step, so it costs twice: the wrong
  decision and a longer path. A case is passed when the fraction reaches `CASE_PASS_MARK` and
  the path did not end on a `poor` ending.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from pydantic import BaseModel, ConfigDict

from threadlift.content.schemas import END, Case, Choice, Ending

CASE_PASS_MARK = 0.75
"""Our policy (no source prescribes one): three good decisions in four."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def choice_order(case: Case, step_id: str, seed: int) -> tuple[str, ...]:
    """The step's choice ids in the order shown for this seed (stable for the same seed)."""
    ids = [c.id for c in case.steps[step_id].choices]
    random.Random(f"{case.id}:{step_id}:{seed}").shuffle(ids)
    return tuple(ids)


def choose(case: Case, step_id: str, choice_id: str) -> Choice:
    """The choice `choice_id` of step `step_id` (KeyError when there is none)."""
    for choice in case.steps[step_id].choices:
        if choice.id == choice_id:
            return choice
    raise KeyError(f"step {step_id!r} of case {case.id!r} has no choice {choice_id!r}")


def best_path(case: Case) -> list[tuple[str, str]]:
    """(step id, choice id) of the best choices from `start` to the end."""
    path: list[tuple[str, str]] = []
    step_id = case.start
    while step_id in case.steps:
        best = case.steps[step_id].best
        path.append((step_id, best.id))
        step_id = best.next
    return path


class CaseResult(_Frozen):
    decisions: int
    credited: int
    fraction: float
    finished: bool
    ending_id: str | None
    """The ending reached (None while unfinished or on a plain `end`)."""
    passed: bool


def case_result(case: Case, path: Sequence[tuple[str, str]]) -> CaseResult:
    """The result of the decisions taken, in order; raises ValueError for a path the case does
    not allow (a step that is not where the previous choice led, or an unknown choice)."""
    step_id: str = case.start
    credited = 0
    for i, (at, choice_id) in enumerate(path):
        if at != step_id or step_id not in case.steps:
            raise ValueError(f"decision {i + 1} is at {at!r}, but the case is at {step_id!r}")
        try:
            choice = choose(case, at, choice_id)
        except KeyError as exc:
            raise ValueError(str(exc)) from exc
        credited += int(choice.credited)
        step_id = choice.next
    finished = step_id not in case.steps
    ending = case.endings.get(step_id) if finished else None
    fraction = credited / len(path) if path else 0.0
    passed = (
        finished
        and fraction + 1e-9 >= CASE_PASS_MARK
        and (ending is None or ending.outcome == "good")
    )
    return CaseResult(
        decisions=len(path),
        credited=credited,
        fraction=fraction,
        finished=finished,
        ending_id=step_id if ending is not None else None,
        passed=passed,
    )


def ending_of(case: Case, result: CaseResult) -> Ending | None:
    return case.endings.get(result.ending_id) if result.ending_id else None


class Play(_Frozen):
    """Where a play of a case stands: the step it is at (an ending id or `end` once over), the
    decisions taken so far in order, and how many of them were credited."""

    at: str
    path: tuple[tuple[str, str], ...] = ()
    credited: int = 0


def start(case: Case) -> Play:
    return Play(at=case.start)


def is_over(case: Case, play: Play) -> bool:
    """True once the play has left the case's steps (it reached an ending)."""
    return play.at not in case.steps


def advance(case: Case, play: Play, choice_id: str) -> tuple[Play, Choice]:
    """The play after taking `choice_id` at its current step, and the choice taken. Raises
    ValueError when the play is over, KeyError when the step has no such choice."""
    if is_over(case, play):
        raise ValueError(f"the play of case {case.id!r} is over")
    choice = choose(case, play.at, choice_id)
    after = Play(
        at=choice.next,
        path=(*play.path, (play.at, choice.id)),
        credited=play.credited + int(choice.credited),
    )
    return after, choice


def known_path(case: Case, path: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The leading decisions of `path` that the case (as it is now) still knows: a case file
    edited under a stored play drops the decisions from the first unknown step or choice."""
    known: list[tuple[str, str]] = []
    for step_id, choice_id in path:
        if step_id not in case.steps or choice_id not in {
            c.id for c in case.steps[step_id].choices
        }:
            break
        known.append((step_id, choice_id))
    return known


PickFn = Callable[[Case, str, tuple[str, ...]], str]
"""Chooses a choice id at a step, given the ids in the order shown."""


def walk(case: Case, pick: PickFn, seed: int) -> list[tuple[str, str]]:
    """A whole play: at each step `pick(order)` chooses among the shuffled choice ids."""
    play = start(case)
    for _ in range(len(case.steps) + 1):
        if is_over(case, play):
            return list(play.path)
        play, _choice = advance(case, play, pick(case, play.at, choice_order(case, play.at, seed)))
    raise ValueError(f"case {case.id!r} does not end (a cycle?)")


__all__ = [
    "CASE_PASS_MARK",
    "END",
    "CaseResult",
    "Play",
    "advance",
    "best_path",
    "case_result",
    "choice_order",
    "choose",
    "ending_of",
    "is_over",
    "known_path",
    "start",
    "walk",
]
