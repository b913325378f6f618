"""The seat and waitlist rule shared by course runs and practical sessions, as properties."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from threadlift.catalog.seats import Pool, newcomer_gets_a_place, promotions, settled

counts = st.integers(min_value=0, max_value=500)
pools = st.builds(Pool, capacity=counts, holding=counts, waiting=counts, closed=st.booleans())


@given(pools)
def test_settling_never_loses_or_invents_people(pool: Pool) -> None:
    after = settled(pool)
    assert after.holding + after.waiting == pool.holding + pool.waiting


@given(pools)
def test_settling_never_fills_beyond_the_places_nor_takes_a_place_away(pool: Pool) -> None:
    after = settled(pool)
    assert after.holding >= pool.holding
    assert after.holding <= max(pool.capacity, pool.holding)


@given(pools)
def test_after_settling_nobody_waits_while_a_place_is_free_unless_closed(pool: Pool) -> None:
    after = settled(pool)
    assert pool.closed or after.waiting == 0 or after.holding >= after.capacity


@given(pools)
def test_settling_twice_changes_nothing(pool: Pool) -> None:
    assert settled(settled(pool)) == settled(pool)


@given(pools)
def test_a_newcomer_never_jumps_the_waitlist(pool: Pool) -> None:
    after = settled(pool)
    if after.waiting > 0:
        assert not newcomer_gets_a_place(after)


@given(pools)
def test_a_closed_pool_promotes_nobody_and_admits_nobody(pool: Pool) -> None:
    closed = pool.model_copy(update={"closed": True})
    assert promotions(closed) == 0
    assert not newcomer_gets_a_place(closed)


def test_the_first_free_places_go_to_the_first_people_waiting() -> None:
    assert promotions(Pool(capacity=10, holding=8, waiting=5)) == 2
    assert newcomer_gets_a_place(Pool(capacity=10, holding=9, waiting=0))
    assert not newcomer_gets_a_place(Pool(capacity=10, holding=10, waiting=0))
