"""The one seat/waitlist mechanism in the shell: a course run's seats (enrolments) and a practical
session's places (bookings) are both a `Places` — the rows on one locked resource, the status
that holds a place and the status that waits. The rule itself is the core's
(`threadlift.catalog.seats`); this module counts the rows and moves the first people waiting.

The caller holds the lock on the resource row (the run, the session) for the whole transaction,
so the counts read here are not stale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from threadlift.catalog.seats import Pool, newcomer_gets_a_place, promotions


@dataclass(frozen=True)
class Places:
    """The rows on one resource, read inside its lock."""

    rows: QuerySet[Any]  # every enrolment of the run / booking of the session
    capacity: int
    holding_status: str
    waiting_status: str
    closed: bool = False  # a cancelled run: nobody is promoted

    def holding(self) -> int:
        return self.rows.filter(status=self.holding_status).count()

    def waitlist(self) -> QuerySet[Any]:
        return self.rows.filter(status=self.waiting_status).order_by("created_at", "id")

    def pool(self) -> Pool:
        return Pool(
            capacity=self.capacity,
            holding=self.holding(),
            waiting=self.waitlist().count(),
            closed=self.closed,
        )


def settle(places: Places, *, promoted: Callable[[Any], None]) -> None:
    """Give free places to the people waiting, in the order they joined; `promoted` is called
    for each (to tell them)."""
    count = promotions(places.pool())
    if count == 0:
        return
    for row in places.waitlist().select_related("learner")[:count]:
        row.status = places.holding_status
        row.save(update_fields=["status", "updated_at"])
        promoted(row)


def status_for_newcomer(places: Places) -> str:
    """After `settle`: a place when one is free and nobody waits, else the waitlist."""
    if newcomer_gets_a_place(places.pool()):
        return places.holding_status
    return places.waiting_status


__all__ = ["Places", "settle", "status_for_newcomer"]
