"""Writes for the catalog: courses, runs and enrolments. Seats are never oversold.

Every write that touches seats — enrolment, cancellation, editing a run's seats, cancelling a
run — first locks the run row (`select_for_update` on PostgreSQL; SQLite runs write transactions
one at a time, `transaction_mode=IMMEDIATE` in settings) and then reads the enrolments again
inside the lock, so no decision is taken on a stale read. The waitlist is served in order
before any newcomer, and the e-mails each change causes are queued in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from academy.accounts.models import PractitionerProfile, User
from academy.catalog import declarations, notify, seats
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


def _lock_run(run_id: int) -> CourseRun:
    """The run row, locked until the transaction ends (only the run: not its course)."""
    return (
        CourseRun.objects.select_for_update(of=("self",))
        .select_related("course", "course__provider")
        .get(pk=run_id)
    )


def _seats(run: CourseRun) -> seats.Places:
    return seats.Places(
        rows=Enrolment.objects.filter(run=run),
        capacity=run.seats,
        holding_status=EnrolmentStatus.ENROLLED,
        waiting_status=EnrolmentStatus.WAITLISTED,
        closed=run.cancelled,
    )


def _settle_seats(run: CourseRun, *, run_url: str) -> None:
    """Inside the run lock: give free seats to the waitlist in order, then store the count."""
    seats.settle(
        _seats(run),
        promoted=lambda e: notify.waitlist_promoted(run=run, enrolment=e, run_url=run_url),
    )
    run.seats_taken = _enrolled_count(run)
    run.save(update_fields=["seats_taken"])


def enrolment_create(
    *, run_id: int, learner: User, now: dt.datetime, run_url: str = ""
) -> Enrolment:
    """Enrol `learner`, or put them on the waitlist when every seat is taken or people wait."""
    profile = PractitionerProfile.objects.filter(user=learner).first()
    try:
        with transaction.atomic():
            run = _lock_run(run_id)
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
            decision = decision_for(profile, run.course, run)
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
            _settle_seats(run, run_url=run_url)  # anyone waiting goes before the newcomer
            enrolment = Enrolment(
                run=run, learner=learner, status=seats.status_for_newcomer(_seats(run))
            )
            enrolment.full_clean(validate_constraints=False)  # the constraint: IntegrityError
            enrolment.save()
            run.seats_taken = _enrolled_count(run)
            run.save(update_fields=["seats_taken"])
            notify.enrolment_confirmed(run=run, enrolment=enrolment, run_url=run_url)
            return enrolment
    except IntegrityError:
        # The partial unique constraint caught a double submit from the same learner.
        raise EnrolmentError("already_enrolled", "You are already on this run.") from None


def enrolment_cancel(
    *, enrolment_id: int, learner: User, now: dt.datetime, run_url: str = ""
) -> Enrolment:
    """Cancel an enrolment; a freed seat goes to the first person on the waitlist."""
    with transaction.atomic():
        run_id = Enrolment.objects.values_list("run_id", flat=True).get(
            pk=enrolment_id, learner=learner
        )
        run = _lock_run(run_id)
        # Read the enrolment only now, under the lock: a concurrent cancellation may just have
        # promoted it from the waitlist, and a stale "waitlisted" would leave its seat empty.
        enrolment = Enrolment.objects.select_related("run").get(pk=enrolment_id)
        if enrolment.status == EnrolmentStatus.CANCELLED:
            return enrolment
        if run.cancelled:
            raise EnrolmentError("run_cancelled", "The provider has cancelled this run.")
        if now.date() >= run.starts_on:
            raise EnrolmentError("started", "The run has started; ask the provider to cancel.")
        enrolment.status = EnrolmentStatus.CANCELLED
        enrolment.save(update_fields=["status", "updated_at"])
        _settle_seats(run, run_url=run_url)
        return enrolment


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


def run_save(
    *,
    run: CourseRun,
    trainers: list[User] | None = None,
    run_url: str = "",
    today: dt.date | None = None,
) -> CourseRun:
    """Create or edit a run. Seats are checked against the enrolments under the run lock.

    A trainer newly assigned must have a current conflict-of-interest declaration with every
    relationship relevant to the course mitigated (catalog/declarations.py); `today` is the
    day that is judged on (the caller's clock)."""
    if trainers is not None:
        current = set(run.trainers.values_list("pk", flat=True)) if run.pk else set()
        added = [t for t in trainers if t.pk not in current]
        problems = declarations.staffing_problems(
            course=run.course, people=added, today=today or dt.date.today()
        )
        if problems:
            raise ValidationError({"trainers": problems})
    with transaction.atomic():
        if run.pk:
            locked = _lock_run(run.pk)
            enrolled = _enrolled_count(locked)
            if run.seats < enrolled:
                raise ValidationError(
                    {
                        "seats": f"{enrolled} learners are already enrolled; cancel enrolments "
                        "before reducing seats below that."
                    }
                )
            # Fields the form does not edit keep their current values, not the form's copy.
            run.seats_taken = locked.seats_taken
            run.cancelled, run.cancelled_at = locked.cancelled, locked.cancelled_at
            run.published = locked.published
        run.full_clean()
        run.save()
        if trainers is not None:
            run.trainers.set(trainers)
        _settle_seats(run, run_url=run_url)  # more seats may have been added
    return run


def run_learners(run: CourseRun) -> list[Enrolment]:
    """Who is on the run now (enrolled or waiting), in waitlist order."""
    return list(
        Enrolment.objects.filter(run=run)
        .exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("learner")
        .order_by("created_at", "id")
    )


def run_set_published(*, run: CourseRun, published: bool) -> CourseRun:
    """Publish or unpublish. Learners already on an unpublished run keep their page."""
    run.published = published
    run.save(update_fields=["published"])
    return run


def run_cancel(*, run_id: int, now: dt.datetime, run_url: str = "") -> CourseRun:
    """Cancel the run and tell everyone enrolled or waiting, once (a second call does nothing).

    Enrolments keep their status, so the roster and each learner still show who had a seat and
    who was waiting; the run's state (cancelled) is what every page shows first.
    """
    with transaction.atomic():
        run = _lock_run(run_id)
        if run.cancelled:
            return run
        run.cancelled = True
        run.cancelled_at = now
        run.save(update_fields=["cancelled", "cancelled_at"])
        for enrolment in run_learners(run):
            notify.run_cancelled(run=run, enrolment=enrolment, run_url=run_url)
    return run


def accreditation_delete(*, accreditation: Accreditation) -> None:
    accreditation.delete()
