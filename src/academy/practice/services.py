"""Writes for practical sessions and bookings. Places are never overbooked.

As in the catalog: every write that changes who holds a place first locks the session row
(`select_for_update` on PostgreSQL; SQLite runs write transactions one at a time) and reads the
bookings again inside the lock. The waitlist is served in order before any newcomer, and the
e-mails a change causes are queued in the same transaction.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from academy.accounts.models import User
from academy.catalog import seats
from academy.catalog.models import Enrolment, EnrolmentStatus
from academy.core import completion
from academy.practice import notify
from academy.practice.models import Attendance, BookingStatus, PracticalSession, SessionBooking


class PracticeError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def lock_session(session_id: int) -> PracticalSession:
    return (
        PracticalSession.objects.select_for_update(of=("self",))
        .select_related("run", "run__course", "run__course__provider")
        .get(pk=session_id)
    )


def _booked(session: PracticalSession) -> int:
    return SessionBooking.objects.filter(session=session, status=BookingStatus.BOOKED).count()


def _places(session: PracticalSession) -> seats.Places:
    """A session's places follow the run's seat rule (academy.catalog.seats)."""
    return seats.Places(
        rows=SessionBooking.objects.filter(session=session),
        capacity=session.places,
        holding_status=BookingStatus.BOOKED,
        waiting_status=BookingStatus.WAITLISTED,
        closed=session.run.cancelled,
    )


def _settle(session: PracticalSession, *, url: str) -> None:
    """Inside the session lock: give free places to the waitlist, first come first served."""
    seats.settle(
        _places(session),
        promoted=lambda b: notify.booking_promoted(session=session, booking=b, url=url),
    )


def booking_create(
    *, session_id: int, learner: User, today: dt.date, url: str = ""
) -> SessionBooking:
    """Book a place, or join the waitlist when every place is taken or people wait."""
    try:
        with transaction.atomic():
            session = lock_session(session_id)
            enrolled = Enrolment.objects.filter(
                run=session.run, learner=learner, status=EnrolmentStatus.ENROLLED
            ).exists()
            if not enrolled:
                raise PracticeError("not_enrolled", "Only learners enrolled on the run can book.")
            if session.run.cancelled:
                raise PracticeError("run_cancelled", "The provider has cancelled this run.")
            if session.date < today:
                raise PracticeError("past", "This session has taken place.")
            active = SessionBooking.objects.filter(session=session, learner=learner).exclude(
                status=BookingStatus.CANCELLED
            )
            if active.exists():
                raise PracticeError(
                    "already_booked", "You already have a booking for this session."
                )
            _settle(session, url=url)
            booking = SessionBooking(
                session=session, learner=learner, status=seats.status_for_newcomer(_places(session))
            )
            booking.full_clean(validate_constraints=False)  # the constraint: IntegrityError
            booking.save()
            notify.booking_confirmed(session=session, booking=booking, url=url)
            return booking
    except IntegrityError:
        # The partial unique constraint caught a double submit by the same learner.
        raise PracticeError(
            "already_booked", "You already have a booking for this session."
        ) from None


def booking_cancel(
    *, booking_id: int, learner: User, today: dt.date, url: str = ""
) -> SessionBooking:
    """Cancel a booking; a freed place goes to the first learner on the waitlist."""
    with transaction.atomic():
        session_id = SessionBooking.objects.values_list("session_id", flat=True).get(
            pk=booking_id, learner=learner
        )
        session = lock_session(session_id)
        booking = SessionBooking.objects.get(pk=booking_id)  # fresh, under the lock
        if booking.status == BookingStatus.CANCELLED:
            return booking
        if session.date < today:
            raise PracticeError("past", "This session has taken place.")
        booking.status = BookingStatus.CANCELLED
        booking.save(update_fields=["status", "updated_at"])
        _settle(session, url=url)
        return booking


def booking_mark_attendance(*, booking: SessionBooking, attendance: str) -> SessionBooking:
    if attendance not in (Attendance.ATTENDED, Attendance.NO_SHOW, Attendance.UNKNOWN):
        raise PracticeError("bad_attendance", "Choose attended or did not attend.")
    if booking.status != BookingStatus.BOOKED:
        raise PracticeError("not_booked", "Only learners holding a place can attend.")
    booking.attendance = attendance
    booking.save(update_fields=["attendance", "updated_at"])
    if attendance:  # the last unrecorded session may have been what was missing
        completion.work_recorded(learner_id=booking.learner_id, run_id=booking.session.run_id)
    return booking


def booking_check_in(*, session_id: int, learner: User) -> SessionBooking:
    """The learner checks in by the session's QR code: their confirmed booking is marked
    attended through the attendance service (which tells the certificate rules)."""
    booking = (
        SessionBooking.objects.filter(
            session_id=session_id, learner=learner, status=BookingStatus.BOOKED
        )
        .select_related("session")
        .first()
    )
    if booking is None:
        raise PracticeError(
            "no_booking",
            "You have no confirmed place on this session, so you cannot check in to it.",
        )
    if booking.attendance == Attendance.ATTENDED:
        return booking
    return booking_mark_attendance(booking=booking, attendance=Attendance.ATTENDED)


def session_save(
    *, session: PracticalSession, trainers: list[User], url: str = ""
) -> PracticalSession:
    """Create or edit a session; places cannot drop below the learners already booked."""
    with transaction.atomic():
        if session.pk:
            locked = lock_session(session.pk)
            booked = _booked(locked)
            if session.places < booked:
                raise ValidationError(
                    {
                        "places": f"{booked} learners are booked; cancel bookings before reducing "
                        "places below that."
                    }
                )
        session.full_clean()
        session.save()
        session.trainers.set(trainers)
        _settle(session, url=url)  # more places may have been added
    return session
