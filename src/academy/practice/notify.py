"""E-mails about practical sessions and volunteer models, queued for the worker (never sent in a
request). Called inside the service's transaction, so a rolled-back change tells nobody."""

from __future__ import annotations

import datetime as dt

from academy.core.tasks import email_enqueue
from academy.practice.models import (
    BookingStatus,
    PracticalSession,
    SessionBooking,
    VolunteerApplication,
)
from threadlift.assessment import AftercareSchedule
from threadlift.practice import PreTreatment


def _subject(text: str, session: PracticalSession) -> str:
    return f"{text}: {session.run.course.title}, practical session {session.date:%d %b %Y}"


def _booking_mail(
    template: str, subject: str, session: PracticalSession, booking: SessionBooking, url: str
) -> None:
    email_enqueue(
        to=[booking.learner.email],
        subject=_subject(subject, session),
        template=f"practice/email/{template}.txt",
        context={"session": session, "booking": booking, "learner": booking.learner, "url": url},
    )


def booking_confirmed(*, session: PracticalSession, booking: SessionBooking, url: str) -> None:
    if booking.status == BookingStatus.BOOKED:
        _booking_mail("booked", "Your place is booked", session, booking, url)
    else:
        _booking_mail("waitlisted", "You are on the session's waitlist", session, booking, url)


def booking_promoted(*, session: PracticalSession, booking: SessionBooking, url: str) -> None:
    _booking_mail("promoted", "A place is yours", session, booking, url)


def application_received(*, application: VolunteerApplication) -> None:
    session = application.session
    email_enqueue(
        to=[application.email],
        subject=_subject("We received your application", session),
        template="practice/email/application_received.txt",
        context={"application": application, "session": session},
    )


def application_accepted(
    *, application: VolunteerApplication, instructions: tuple[PreTreatment, ...]
) -> None:
    session = application.session
    email_enqueue(
        to=[application.email],
        subject=_subject("You are booked as a model", session),
        template="practice/email/accepted.txt",
        context={"application": application, "session": session, "instructions": instructions},
    )


def application_declined(*, application: VolunteerApplication) -> None:
    session = application.session
    email_enqueue(
        to=[application.email],
        subject=_subject("Your application as a model", session),
        template="practice/email/declined.txt",
        context={"application": application, "session": session},
    )


def aftercare_sheet(
    *, application: VolunteerApplication, schedule: AftercareSchedule, treated_on: dt.date
) -> None:
    session = application.session
    email_enqueue(
        to=[application.email],
        subject=_subject("Your aftercare", session),
        template="practice/email/aftercare.txt",
        context={
            "application": application,
            "session": session,
            "schedule": schedule,
            "treated_on": treated_on,
        },
    )
