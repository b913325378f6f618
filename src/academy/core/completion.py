"""Work that can complete a certificate requirement, announced by the service that recorded it.

A quiz passed, a simulator test attempt submitted, a logbook case or DOPS signed, practice
competency signed off, attendance recorded: the service that writes it calls `work_recorded`
once its write is made. The credentials app sits above every app that records such work (they
may not import it), so it registers its check here at start-up (`listen`). Nothing listens to
model saves: a row saved outside these services announces nothing and issues no certificate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Work:
    """Who did the work, and which of their enrolments it may complete."""

    learner_id: int
    run_id: int | None = None  # the run the work was recorded on, when it has one
    course_id: int | None = None  # or every run of this course
    rule_kind: str | None = None  # or any course with a rule of this kind


Listener = Callable[[Work], None]

# Registered once at start-up (AppConfig.ready); holds functions, never request data.
_listeners: list[Listener] = []


def listen(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def work_recorded(
    *,
    learner_id: int,
    run_id: int | None = None,
    course_id: int | None = None,
    rule_kind: str | None = None,
) -> None:
    """Tell the listeners (the certificate check) that this learner's records changed."""
    work = Work(learner_id=learner_id, run_id=run_id, course_id=course_id, rule_kind=rule_kind)
    for listener in _listeners:
        listener(work)
