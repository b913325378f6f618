"""Seats, cancellations and the waitlist stay consistent under real concurrent requests.

PostgreSQL only (SQLite runs one write transaction at a time, so there is no race to prove).
Each test starts its threads on a barrier so that the requests overlap.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from academy.accounts.models import Role, User
from academy.catalog import services
from academy.catalog.forms import RunForm
from academy.catalog.models import CourseRun, Enrolment
from tests.web.builders import race
from tests.web.catalog import factories as f
from tests.web.conftest import make_user

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is proven on PostgreSQL (set DATABASE_URL=postgres://…)")


def learner(name: str) -> User:
    user = make_user(f"{name}@example.org", name, Role.LEARNER)
    user.profile.verified = True
    user.profile.save()
    return user


def enrol(user: User, run: CourseRun) -> Enrolment:
    return services.enrolment_create(run_id=run.pk, learner=user, now=timezone.now())


def cancel(enrolment: Enrolment) -> None:
    services.enrolment_cancel(
        enrolment_id=enrolment.pk, learner=enrolment.learner, now=timezone.now()
    )


def statuses(run: CourseRun) -> dict[str, str]:
    return {
        e.learner.full_name: e.status
        for e in Enrolment.objects.filter(run=run).select_related("learner")
    }


def assert_consistent(run: CourseRun) -> None:
    run.refresh_from_db()
    enrolled = Enrolment.objects.filter(run=run, status="enrolled").count()
    assert enrolled <= run.seats
    assert run.seats_taken == enrolled
    waiting = Enrolment.objects.filter(run=run, status="waitlisted").exists()
    assert not (waiting and enrolled < run.seats), "a seat is free while people wait"


def test_lowering_seats_while_learners_enrol_never_over_enrols() -> None:
    run = f.run(seats=10)
    for i in range(3):
        enrol(learner(f"early{i}"), run)
    newcomers = [learner(f"new{i}") for i in range(12)]
    admin_result: list[str] = []

    def lower_seats() -> None:
        # What the edit page does: validate the form, then save through the service.
        instance = CourseRun.objects.get(pk=run.pk)
        data = {
            **{
                k: v
                for k, v in RunForm(instance=instance).initial.items()
                if v is not None and k != "trainers"
            },
            "seats": "5",
        }
        data["hands_on"] = "on"
        form = RunForm(data, instance=instance)
        if not form.is_valid():
            admin_result.append(f"form refused: {form.errors.as_text()}")
            return
        try:
            services.run_save(run=form.save(commit=False), trainers=[])
            admin_result.append("saved")
        except ValidationError as exc:
            admin_result.append(f"service refused: {exc}")

    errors = race(lower_seats, *[lambda u=u: enrol(u, run) for u in newcomers])
    assert errors == []
    assert_consistent(run)
    run.refresh_from_db()
    if admin_result == ["saved"]:
        assert run.seats == 5
    else:
        assert run.seats == 10, admin_result


def test_two_enrolled_learners_cancelling_at_once_free_two_seats_for_the_waitlist_in_order() -> (
    None
):
    run = f.run(seats=2)
    first, second = enrol(learner("A"), run), enrol(learner("B"), run)
    for name in ("W1", "W2", "W3"):
        enrol(learner(name), run)

    assert race(lambda: cancel(first), lambda: cancel(second)) == []
    assert statuses(run) == {
        "A": "cancelled",
        "B": "cancelled",
        "W1": "enrolled",
        "W2": "enrolled",
        "W3": "waitlisted",
    }
    assert_consistent(run)


def test_an_enrolled_and_the_first_waitlisted_learner_cancelling_at_once_promote_the_next() -> None:
    run = f.run(seats=1)
    seated = enrol(learner("A"), run)
    first_waiting = enrol(learner("W1"), run)
    enrol(learner("W2"), run)

    assert race(lambda: cancel(seated), lambda: cancel(first_waiting)) == []
    assert statuses(run) == {"A": "cancelled", "W1": "cancelled", "W2": "enrolled"}
    assert_consistent(run)


def test_a_newcomer_never_jumps_the_waitlist() -> None:
    run = f.run(seats=1)
    seated = enrol(learner("A"), run)
    first_waiting = enrol(learner("W1"), run)
    enrol(learner("W2"), run)
    newcomer = learner("N")

    errors = race(
        lambda: cancel(seated), lambda: cancel(first_waiting), lambda: enrol(newcomer, run)
    )
    assert errors == []
    assert statuses(run) == {
        "A": "cancelled",
        "W1": "cancelled",
        "W2": "enrolled",
        "N": "waitlisted",
    }
    assert_consistent(run)


def test_cancelling_a_run_while_learners_enrol_tells_everyone_who_got_on_it() -> None:
    from django.core import mail

    from tests.web.conftest import run_tasks

    run = f.run(seats=3)
    learners = [learner(f"c{i}") for i in range(10)]

    def try_enrol(user: User) -> None:
        try:
            enrol(user, run)
        except services.EnrolmentError as exc:
            if exc.code != "not_open":  # after the cancellation: refused, nothing queued
                raise

    errors = race(
        lambda: services.run_cancel(run_id=run.pk, now=timezone.now()),
        *[lambda u=u: try_enrol(u) for u in learners],
    )
    assert errors == []
    run_tasks()
    on_run = set(
        Enrolment.objects.filter(run=run)
        .exclude(status="cancelled")
        .values_list("learner__email", flat=True)
    )
    told = {m.to[0] for m in mail.outbox if m.subject.startswith("Run cancelled")}
    assert told == on_run
