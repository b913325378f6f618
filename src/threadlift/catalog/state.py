"""The state of a course run, computed from its facts and `now` (never stored)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class RunState(StrEnum):
    SCHEDULED = "scheduled"  # published, enrolment not open yet
    OPEN = "open"  # enrolment window open and seats left
    FULL = "full"  # enrolment window open, no seats left (waitlist)
    CLOSED = "closed"  # enrolment window over, run not started
    IN_PROGRESS = "in_progress"
    FINISHED = "finished"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class RunFacts(BaseModel):
    """What the state depends on. Dates are local calendar dates of the run's venue."""

    model_config = ConfigDict(frozen=True)

    starts_on: dt.date
    ends_on: dt.date
    enrolment_opens: dt.datetime
    enrolment_closes: dt.datetime
    seats: int = Field(ge=1)
    seats_taken: int = Field(ge=0)
    cancelled: bool = False


def run_state(run: RunFacts, now: dt.datetime) -> RunState:
    """State of `run` at `now` (timezone-aware). Cancellation wins; then the calendar.

    A run is in progress from its first day to its last day inclusive, finished after that.
    Before it starts, the enrolment window decides: scheduled before it opens, open or full while
    it is open (full when every seat is taken), closed once it has closed.
    """
    if run.cancelled:
        return RunState.CANCELLED
    today = now.date()
    if today > run.ends_on:
        return RunState.FINISHED
    if today >= run.starts_on:
        return RunState.IN_PROGRESS
    if now < run.enrolment_opens:
        return RunState.SCHEDULED
    if now >= run.enrolment_closes:
        return RunState.CLOSED
    if run.seats_taken >= run.seats:
        return RunState.FULL
    return RunState.OPEN
