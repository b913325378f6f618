"""What learners do, announced by the service that recorded it (the learning-event bus).

`completion.work_recorded` tells the certificate check that a learner's records changed; this bus
says what happened, for a learning record: who (the learner's id), what (a verb), to which
object (its kind, our id, a display name and the run it belongs to) and, optionally, the result.
The xAPI app (academy.xapi, above every app that records learning) registers a listener at
start-up and turns each event into an xAPI statement for a Learning Record Store.

Rules of the bus:
- A service calls `emit(...)` once, after its write is made. Delivery waits for the database
  transaction to commit (`transaction.on_commit`): a rolled-back write announces nothing.
- Listeners are registered once at start-up (AppConfig.ready) and hold functions, never request
  data. A failing listener is logged and never breaks the learner's action, nor other listeners.
- `key` names the occurrence (e.g. "quiz-attempt:42"): the same occurrence announced twice has
  the same key, so a listener can make its records idempotent (xAPI statement ids are derived
  from it).

LTI (academy.lti): when a launch from a platform signs a learner in to a run, its launch service
calls, after its own write:

    events.launched(learner_id=user.pk, run_id=run.pk, name=run.course.title,
                    launch_id=<the launch's stable id, e.g. the id_token's nonce>, now=now)
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Literal

from django.db import transaction

logger = logging.getLogger(__name__)

# What a learner did. The xAPI vocabulary (verb IRIs) is academy.xapi.vocab's.
Verb = Literal[
    "launched",  # opened a run from another platform (LTI)
    "experienced",  # read a lesson
    "answered",  # answered an item of a quiz or exam
    "passed",
    "failed",
    "attempted",  # submitted a simulator attempt
    "mastered",
    "completed",  # a supervised case signed by a trainer
    "earned",  # a certificate issued
]
VERBS: tuple[str, ...] = Verb.__args__  # type: ignore[attr-defined]

# What it was done to.
Kind = Literal["run", "lesson", "item", "quiz", "exam", "exercise", "case", "credential"]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Thing:
    """The object of an event: our kind and id (stable), a display name, and its run if any."""

    kind: Kind
    id: str
    name: str
    run_id: int | None = None


@dataclass(frozen=True)
class Result:
    """The outcome, where there is one. Scores as the recording service holds them; `scaled` in
    [-1, 1] (xAPI's range); `duration_s` the time spent; `extensions` named values (the
    simulator's safety and efficacy) whose IRIs academy.xapi.vocab gives."""

    scaled: float | None = None
    raw: float | None = None
    min: float | None = None
    max: float | None = None
    success: bool | None = None
    completion: bool | None = None
    duration_s: int | None = None
    extensions: Mapping[str, float | int | str | bool] = field(default_factory=dict)


@dataclass(frozen=True)
class Event:
    learner_id: int
    verb: Verb
    object: Thing
    at: dt.datetime
    key: str  # the occurrence, unique per verb: the same key means the same event
    result: Result | None = None


Listener = Callable[[Event], None]

# Registered once at start-up (AppConfig.ready); holds functions, never request data.
_listeners: list[Listener] = []


def listen(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def _deliver(event: Event) -> None:
    for listener in list(_listeners):
        try:
            listener(event)
        except Exception:  # a learning record must never undo or break the learner's action
            logger.exception("learning-event listener %r failed on %s", listener, event.key)


def emit(
    *,
    learner_id: int,
    verb: Verb,
    object: Thing,  # xAPI's word for it
    at: dt.datetime,
    key: str,
    result: Result | None = None,
) -> None:
    """Announce what the learner did, once the current transaction commits (now, outside one)."""
    if verb not in VERBS:
        raise ValueError(f"unknown learning verb {verb!r}")
    event = Event(learner_id=learner_id, verb=verb, object=object, at=at, key=key, result=result)
    if _listeners:
        transaction.on_commit(partial(_deliver, event))


def launched(*, learner_id: int, run_id: int, name: str, launch_id: str, now: dt.datetime) -> None:
    """A learner launched a run from another platform (the LTI launch service's call)."""
    emit(
        learner_id=learner_id,
        verb="launched",
        object=Thing(kind="run", id=str(run_id), name=name, run_id=run_id),
        at=now,
        key=f"launch:{launch_id}",
    )
