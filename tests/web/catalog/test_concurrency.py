"""Seats are never oversold: concurrent enrolments for the last seats, on PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from academy.accounts.models import Role
from academy.catalog import services
from academy.catalog.models import Enrolment
from tests.web.catalog import factories as f
from tests.web.conftest import make_user

CONCURRENT = 24
SEATS = 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_enrolments_never_oversell_the_last_seats() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is proven on PostgreSQL (set DATABASE_URL=postgres://…)")
    run = f.run(seats=SEATS)
    learners = []
    for i in range(CONCURRENT):
        user = make_user(f"l{i}@example.org", f"L{i}", Role.LEARNER)
        user.profile.verified = True
        user.profile.save()
        learners.append(user)

    barrier = threading.Barrier(CONCURRENT)
    errors: list[BaseException] = []

    def attempt(user: object) -> None:
        try:
            barrier.wait()
            services.enrolment_create(run_id=run.pk, learner=user, now=timezone.now())  # type: ignore[arg-type]
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(u,)) for u in learners]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    run.refresh_from_db()
    enrolled = Enrolment.objects.filter(run=run, status="enrolled").count()
    waitlisted = Enrolment.objects.filter(run=run, status="waitlisted").count()
    assert enrolled == SEATS
    assert run.seats_taken == SEATS
    assert waitlisted == CONCURRENT - SEATS
