"""Whatever learners and admins do, in any order, seats and the waitlist stay consistent.

Hypothesis draws sequences of enrolments, cancellations and seat changes and checks, after each
step: never more enrolled than seats, the stored count is the real count, nobody waits while a
seat is free, and in order of arrival everyone enrolled comes before everyone waiting (the
waitlist is served first come, first served, and a newcomer never jumps it).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from academy.accounts.models import Role, User
from academy.catalog import services
from academy.catalog.models import CourseRun, Enrolment, EnrolmentStatus
from tests.web.catalog import factories as f
from tests.web.conftest import make_user

LEARNERS = 4
steps = st.lists(
    st.one_of(
        st.tuples(st.just("enrol"), st.integers(0, LEARNERS - 1)),
        st.tuples(st.just("cancel"), st.integers(0, LEARNERS - 1)),
        st.tuples(st.just("seats"), st.integers(1, 5)),
    ),
    max_size=25,
)


def check(run: CourseRun) -> None:
    run.refresh_from_db()
    active = list(
        Enrolment.objects.filter(run=run)
        .exclude(status=EnrolmentStatus.CANCELLED)
        .order_by("created_at", "id")
    )
    order = [e.status for e in active]
    enrolled = order.count(EnrolmentStatus.ENROLLED)
    assert enrolled <= run.seats
    assert run.seats_taken == enrolled
    assert not (EnrolmentStatus.WAITLISTED in order and enrolled < run.seats)
    assert order == sorted(order, key=lambda s: s != EnrolmentStatus.ENROLLED), order


class TestSeatInvariants(TestCase):
    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(steps=steps)
    def test_seats_and_the_waitlist_stay_consistent_in_any_sequence(
        self, steps: list[tuple[str, int]]
    ) -> None:
        run = f.run(seats=2)
        people: list[User] = []
        for i in range(LEARNERS):
            user = make_user(f"h{i}@example.org", f"H{i}", Role.LEARNER)
            user.profile.verified = True
            user.profile.save()
            people.append(user)
        now = timezone.now()
        for action, n in steps:
            self.apply(run, people, action, n, now)
            check(run)

    def apply(self, run: CourseRun, people: list[User], action: str, n: int, now: Any) -> None:
        if action == "enrol":
            try:
                services.enrolment_create(run_id=run.pk, learner=people[n], now=now)
            except services.EnrolmentError as exc:
                if exc.code != "already_enrolled":
                    raise
        elif action == "cancel":
            mine = (
                Enrolment.objects.filter(run=run, learner=people[n])
                .exclude(status=EnrolmentStatus.CANCELLED)
                .first()
            )
            if mine is not None:
                services.enrolment_cancel(enrolment_id=mine.pk, learner=people[n], now=now)
        else:
            fresh = CourseRun.objects.get(pk=run.pk)
            fresh.seats = n
            try:
                services.run_save(run=fresh)
            except ValidationError as exc:  # refused: fewer seats than learners enrolled
                if "already enrolled" not in str(exc):
                    raise
