"""The learner's practical sessions: upcoming sessions of their runs (with their booking) and
their bookings. Reads through `academy.practice.selectors`, access as the practice pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from academy.api.auth import learner_of, signed_in
from academy.api.common import RunRef, run_ref
from academy.api.errors import errors_for
from academy.practice import selectors
from academy.practice.models import PracticalSession, SessionBooking

router = Router(tags=["practice"], auth=signed_in)

ERRORS = errors_for([401, 403, 422])


class SessionOut(Schema):
    id: int
    run: RunRef
    date: dt.date
    starts_at: dt.time
    ends_at: dt.time
    venue: str
    places: int
    trainers: list[str]
    my_booking_id: int | None = Field(description="your live booking of it, if any")
    my_booking_status: str | None


class BookingOut(Schema):
    id: int
    status: str = Field(examples=["booked"])
    attendance: str = Field(description="empty until the trainer records it")
    session_id: int
    date: dt.date
    starts_at: dt.time
    venue: str
    run_id: int
    course_title: str
    created_at: dt.datetime


def session_out(session: PracticalSession, booking: SessionBooking | None) -> dict[str, Any]:
    return {
        "id": session.pk,
        "run": run_ref(session.run),
        "date": session.date,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "venue": session.venue,
        "places": session.places,
        "trainers": [t.full_name for t in session.trainers.all()],
        "my_booking_id": booking.pk if booking else None,
        "my_booking_status": booking.status if booking else None,
    }


def booking_out(booking: SessionBooking) -> dict[str, Any]:
    session = booking.session
    return {
        "id": booking.pk,
        "status": booking.status,
        "attendance": booking.attendance,
        "session_id": session.pk,
        "date": session.date,
        "starts_at": session.starts_at,
        "venue": session.venue,
        "run_id": session.run_id,
        "course_title": session.run.course.title,
        "created_at": booking.created_at,
    }


@router.get(
    "/me/sessions",
    response={200: list[SessionOut], **ERRORS},
    summary="Practical sessions of my runs",
    description="Sessions from today on of the runs you hold a seat on, soonest first, each "
    "with your live booking (if any).",
)
def my_sessions(request: HttpRequest) -> list[dict[str, Any]]:
    user = learner_of(request)
    today = timezone.localdate()
    return [session_out(s, b) for s, b in selectors.my_upcoming_sessions(user, today=today)]


@router.get(
    "/me/bookings",
    response={200: list[BookingOut], **ERRORS},
    summary="My session bookings",
    description="Every booking of yours, cancelled ones included, newest session first.",
)
def my_bookings(request: HttpRequest) -> list[dict[str, Any]]:
    return [booking_out(b) for b in selectors.my_bookings(learner_of(request))]


__all__ = ["router"]
