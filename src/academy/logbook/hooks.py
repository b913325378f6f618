"""Apps above the logbook that must act when a case is saved register here at start-up.

The logbook's `case_save` service calls `case_saved` once its write is made; an app that keeps
records about cases (the outcomes app schedules follow-ups) registers its function in its
AppConfig.ready. Nothing listens to model saves: a row saved outside the service announces
nothing. Holds functions only, never request data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from academy.logbook.models import Case

Listener = Callable[["Case"], None]
_listeners: list[Listener] = []


def on_case_saved(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def case_saved(case: Case) -> None:
    for listener in _listeners:
        listener(case)
