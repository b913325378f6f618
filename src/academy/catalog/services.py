"""Writes for the catalog: courses, runs and enrolments. Seats are never oversold.

Enrolment and cancellation lock the run row (`select_for_update` on PostgreSQL; SQLite runs
write transactions one at a time, `transaction_mode=IMMEDIATE` in settings) and recount the
enrolled seats inside the lock.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from academy.accounts.models import PractitionerProfile, User
from academy.catalog.eligibility import decision_for
from academy.catalog.models import Accreditation, Course, CourseRun, Enrolment, EnrolmentStatus
from threadlift.catalog import RunState


class EnrolmentError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _enrolled_count(run: CourseRun) -> int:
    return Enrolment.objects.filter(run=run, status=EnrolmentStatus.ENROLLED).count()


def enrolment_create(*, run_id: int, learner: User, now: dt.datetime) -> Enrolment:
    """Enrol `learner`, or put them on the waitlist when every seat is taken."""
    profile = PractitionerProfile.objects.filter(user=learner).first()
    try:
        with transaction.atomic():
            run = (
                CourseRun.objects.select_for_update()
                .select_related("course", "course__provider")
                .get(pk=run_id)
            )
            state = run.state(now)
            archived = run.archived or run.course.archived
            if (
                archived
                or not (run.published and run.course.published)
                or state
                not in (
                    RunState.OPEN,
                    RunState.FULL,
                )
            ):
                raise EnrolmentError(
                    "not_open", f"Enrolment is not open for this run ({state.label.lower()})."
                )
            decision = decision_for(profile, run.course)
            if decision is None:
                raise EnrolmentError(
                    "no_profile", "Complete your practitioner profile before enrolling."
                )
            if not decision.allowed:
                raise EnrolmentError("not_eligible", " ".join(r.message for r in decision.blocking))
            if (
                Enrolment.objects.filter(run=run, learner=learner)
                .exclude(status=EnrolmentStatus.CANCELLED)
                .exists()
            ):
                raise EnrolmentError("already_enrolled", "You are already on this run.")
            taken = _enrolled_count(run)
            status = EnrolmentStatus.ENROLLED if taken < run.seats else EnrolmentStatus.WAITLISTED
            enrolment = Enrolment.objects.create(run=run, learner=learner, status=status)
            run.seats_taken = taken + (status == EnrolmentStatus.ENROLLED)
            run.save(update_fields=["seats_taken"])
            return enrolment
    except IntegrityError:
        # The partial unique constraint caught a double submit from the same learner.
        raise EnrolmentError("already_enrolled", "You are already on this run.") from None


def enrolment_cancel(*, enrolment_id: int, learner: User, now: dt.datetime) -> Enrolment:
    """Cancel an enrolment; a freed seat goes to the first person on the waitlist."""
    with transaction.atomic():
        enrolment = Enrolment.objects.select_related("run").get(pk=enrolment_id, learner=learner)
        run = CourseRun.objects.select_for_update().get(pk=enrolment.run_id)
        if enrolment.status == EnrolmentStatus.CANCELLED:
            return enrolment
        if now.date() >= run.starts_on:
            raise EnrolmentError("started", "The run has started; ask the provider to cancel.")
        was_enrolled = enrolment.status == EnrolmentStatus.ENROLLED
        enrolment.status = EnrolmentStatus.CANCELLED
        enrolment.save(update_fields=["status", "updated_at"])
        if was_enrolled:
            _promote_waitlist(run)
        run.seats_taken = _enrolled_count(run)
        run.save(update_fields=["seats_taken"])
        return enrolment


def _promote_waitlist(run: CourseRun) -> None:
    free = run.seats - _enrolled_count(run)
    if free <= 0:
        return
    waiting = Enrolment.objects.filter(run=run, status=EnrolmentStatus.WAITLISTED).order_by(
        "created_at", "id"
    )[:free]
    for enrolment in waiting:
        enrolment.status = EnrolmentStatus.ENROLLED
        enrolment.save(update_fields=["status", "updated_at"])


def course_save(*, course: Course, accreditations: Any = None) -> Course:
    course.full_clean()
    course.save()
    if accreditations is not None:
        accreditations.instance = course
        accreditations.save()
    return course


def course_set_published(*, course: Course, published: bool) -> Course:
    course.published = published
    course.save(update_fields=["published"])
    return course


def run_save(*, run: CourseRun, trainers: list[User] | None = None) -> CourseRun:
    with transaction.atomic():
        run.full_clean()
        run.save()
        if trainers is not None:
            run.trainers.set(trainers)
        _promote_waitlist(run)  # more seats may have been added
        run.seats_taken = _enrolled_count(run)
        run.save(update_fields=["seats_taken"])
    return run


def run_set_published(*, run: CourseRun, published: bool) -> CourseRun:
    run.published = published
    run.save(update_fields=["published"])
    return run


def run_cancel(*, run: CourseRun) -> CourseRun:
    run.cancelled = True
    run.save(update_fields=["cancelled"])
    return run


def accreditation_delete(*, accreditation: Accreditation) -> None:
    accreditation.delete()
