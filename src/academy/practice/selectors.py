"""Reads of the learner's practical sessions, shared by the pages and the JSON API: the sessions
of the runs they hold a seat on and their own bookings. Access is the practice pages'
(`academy.practice.access`)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet

from academy.accounts.models import User
from academy.practice import access
from academy.practice.models import BookingStatus, PracticalSession, SessionBooking


def my_upcoming_sessions(
    user: User, *, today: dt.date
) -> list[tuple[PracticalSession, SessionBooking | None]]:
    """Sessions from `today` on of the runs the learner is enrolled on, soonest first, each with
    the learner's live booking (None when not booked); trainers prefetched (three queries)."""
    mine = SessionBooking.objects.filter(learner=user).exclude(status=BookingStatus.CANCELLED)
    sessions = (
        access.sessions_for_learner(user)
        .filter(date__gte=today)
        .prefetch_related(Prefetch("bookings", queryset=mine, to_attr="my_bookings"), "trainers")
        .distinct()
        .order_by("date", "starts_at", "id")
    )
    return [(s, s.my_bookings[0] if s.my_bookings else None) for s in sessions]


def my_bookings(user: User) -> QuerySet[SessionBooking]:
    """Every booking of the learner, cancelled ones included, newest session first."""
    return (
        SessionBooking.objects.filter(learner=user)
        .select_related("session", "session__run", "session__run__course")
        .order_by("-session__date", "-id")
    )
