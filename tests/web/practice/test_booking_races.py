"""Places and the waitlist stay consistent under real concurrent bookings and cancellations.

PostgreSQL only (SQLite runs one write transaction at a time, so there is no race to prove).
Threads start on a barrier so that the requests overlap, as in the catalog's seat races."""

from __future__ import annotations

import pytest
from django.db import connection

from academy.accounts.models import Role, User
from academy.practice import services
from academy.practice.models import BookingStatus, PracticalSession, SessionBooking
from tests.web.builders import race
from tests.web.conftest import make_user
from tests.web.practice.helpers import enrol, run_for, session_for, today

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is proven on PostgreSQL (set DATABASE_URL=postgres://…)")


def learners(n: int) -> list[User]:
    return [make_user(f"racer{i}@example.org", f"Racer {i}", Role.LEARNER) for i in range(n)]


def counts(session: PracticalSession) -> dict[str, int]:
    rows = SessionBooking.objects.filter(session=session)
    return {status: rows.filter(status=status).count() for status in BookingStatus.values}


def test_concurrent_bookings_never_overbook_a_session() -> None:
    run = run_for()
    people = learners(8)
    enrol(run, *people)
    session = session_for(run, places=3)
    errors = race(
        *(
            lambda p=p: services.booking_create(session_id=session.pk, learner=p, today=today())
            for p in people
        )
    )
    assert errors == []
    assert counts(session) == {"booked": 3, "waitlisted": 5, "cancelled": 0}


def test_a_double_submit_by_one_learner_books_once() -> None:
    run = run_for()
    (person,) = learners(1)
    enrol(run, person)
    session = session_for(run, places=3)
    errors = race(
        *(
            lambda: services.booking_create(session_id=session.pk, learner=person, today=today())
            for _ in range(4)
        )
    )
    assert len(errors) == 3
    assert all(isinstance(e, services.PracticeError) for e in errors)
    assert SessionBooking.objects.filter(session=session, learner=person).count() == 1


def test_cancellations_racing_new_bookings_keep_the_waitlist_in_order() -> None:
    run = run_for()
    people = learners(6)
    enrol(run, *people)
    session = session_for(run, places=2)
    first = [
        services.booking_create(session_id=session.pk, learner=p, today=today()) for p in people[:4]
    ]  # two booked, two waiting
    jobs = [
        lambda b=b: services.booking_cancel(booking_id=b.pk, learner=b.learner, today=today())
        for b in first[:2]
    ] + [
        lambda p=p: services.booking_create(session_id=session.pk, learner=p, today=today())
        for p in people[4:]
    ]
    assert race(*jobs) == []
    booked = set(
        SessionBooking.objects.filter(session=session, status=BookingStatus.BOOKED).values_list(
            "learner__email", flat=True
        )
    )
    # The two who waited first get the freed places, never a newcomer.
    assert booked == {people[2].email, people[3].email}
    assert counts(session) == {"booked": 2, "waitlisted": 2, "cancelled": 2}
