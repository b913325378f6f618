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


PickFn = Callable[[Case, str, tuple[str, ...]], str]
"""Chooses a choice id at a step, given the ids in the order shown."""


def walk(case: Case, pick: PickFn, seed: int) -> list[tuple[str, str]]:
    """A whole play: at each step `pick(order)` chooses among the shuffled choice ids."""
    path: list[tuple[str, str]] = []
    step_id = case.start
    for _ in range(len(case.steps) + 1):
        if step_id not in case.steps:
            return path
        choice_id = pick(case, step_id, choice_order(case, step_id, seed))
        path.append((step_id, choice_id))
        step_id = choose(case, step_id, choice_id).next
    raise ValueError(f"case {case.id!r} does not end (a cycle?)")


__all__ = [
    "CASE_PASS_MARK",
    "END",
    "CaseResult",
    "best_path",
    "case_result",
    "choice_order",
    "choose",
    "ending_of",
    "walk",
]
