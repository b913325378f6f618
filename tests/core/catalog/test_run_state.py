"""A run's state is one pure function of the run and `now`."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from threadlift.catalog import RunFacts, RunState, run_state

UTC = dt.UTC
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def facts(**changes: object) -> RunFacts:
    base: dict[str, object] = dict(
        starts_on=dt.date(2026, 12, 10),
        ends_on=dt.date(2026, 12, 11),
        enrolment_opens=dt.datetime(2026, 11, 1, tzinfo=UTC),
        enrolment_closes=dt.datetime(2026, 12, 8, tzinfo=UTC),
        seats=10,
        seats_taken=3,
        cancelled=False,
    )
    base.update(changes)
    return RunFacts.model_validate(base)


def test_a_run_with_seats_inside_its_enrolment_window_is_open() -> None:
    assert run_state(facts(), NOW) is RunState.OPEN


def test_a_run_whose_seats_are_all_taken_is_full() -> None:
    assert run_state(facts(seats_taken=10), NOW) is RunState.FULL


def test_before_enrolment_opens_a_run_is_scheduled() -> None:
    assert run_state(facts(enrolment_opens=NOW + dt.timedelta(seconds=1)), NOW) is (
        RunState.SCHEDULED
    )


def test_after_enrolment_closes_and_before_the_first_day_a_run_is_closed() -> None:
    assert run_state(facts(enrolment_closes=NOW), NOW) is RunState.CLOSED


def test_from_the_first_to_the_last_day_a_run_is_in_progress() -> None:
    day_one = dt.datetime(2026, 12, 10, 8, tzinfo=UTC)
    last_day = dt.datetime(2026, 12, 11, 23, tzinfo=UTC)
    assert run_state(facts(), day_one) is RunState.IN_PROGRESS
    assert run_state(facts(), last_day) is RunState.IN_PROGRESS


def test_after_the_last_day_a_run_is_finished() -> None:
    assert run_state(facts(), dt.datetime(2026, 12, 12, tzinfo=UTC)) is RunState.FINISHED


def test_cancellation_wins_over_every_other_state() -> None:
    assert run_state(facts(cancelled=True), NOW) is RunState.CANCELLED
    assert run_state(facts(cancelled=True), dt.datetime(2027, 1, 1, tzinfo=UTC)) is (
        RunState.CANCELLED
    )


@given(
    offset=st.integers(min_value=-400, max_value=400),
    taken=st.integers(min_value=0, max_value=20),
    seats=st.integers(min_value=1, max_value=20),
)
def test_the_state_never_goes_back_in_time(offset: int, taken: int, seats: int) -> None:
    """Later moments give the same or a later stage of a run's life."""
    order = [
        RunState.SCHEDULED,
        RunState.OPEN,
        RunState.CLOSED,
        RunState.IN_PROGRESS,
        RunState.FINISHED,
    ]
    run = facts(seats=seats, seats_taken=taken)
    earlier = run_state(run, NOW + dt.timedelta(days=offset))
    later = run_state(run, NOW + dt.timedelta(days=offset + 1))
    rank = {
        s: order.index(RunState.OPEN if s is RunState.FULL else s)
        for s in RunState
        if s is not RunState.CANCELLED
    }
    assert rank[later] >= rank[earlier]
