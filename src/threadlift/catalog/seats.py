"""A limited number of places and a first-come waitlist: the one rule both a course run's seats
and a practical session's places follow.

The waitlist is served before any newcomer: free places go to the people waiting, in the order
they joined, and a newcomer holds a place only when one is free and nobody waits. A closed pool
(a cancelled run) promotes nobody. Counts are of people; nobody is ever moved off a place.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Pool(BaseModel):
    """How many places there are, how many are held and how many people wait (in order)."""

    model_config = ConfigDict(frozen=True)

    capacity: int = Field(ge=0)
    holding: int = Field(ge=0)  # may exceed capacity when places were cut below the holders
    waiting: int = Field(ge=0)
    closed: bool = False


def promotions(pool: Pool) -> int:
    """How many of the first people waiting now get a place."""
    if pool.closed:
        return 0
    return min(pool.waiting, max(0, pool.capacity - pool.holding))


def settled(pool: Pool) -> Pool:
    """The pool once the waitlist has been served."""
    moved = promotions(pool)
    return pool.model_copy(
        update={"holding": pool.holding + moved, "waiting": pool.waiting - moved}
    )


def newcomer_gets_a_place(pool: Pool) -> bool:
    """True when a newcomer joining a settled pool holds a place; else they wait."""
    return not pool.closed and pool.waiting == 0 and pool.holding < pool.capacity


__all__ = ["Pool", "newcomer_gets_a_place", "promotions", "settled"]
