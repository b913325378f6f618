"""Learners' sessions and bookings, and academy admins' session forms.

Each view parses, calls one access helper and one service, and renders."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from academy.accounts.access import role_required
from academy.accounts.models import Role, User
from academy.practice import access, selectors, services
from academy.practice.forms import SessionForm
from academy.practice.models import BookingStatus, PracticalSession


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _my_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("practice:my_sessions"))


@role_required(Role.LEARNER, *access.TEACHING_ROLES)
def home(request: HttpRequest) -> HttpResponse:
    """The navigation's "Practice": trainers and admins teach; learners book sessions."""
    user = _user(request)
    if any(user.has_role(role) for role in access.TEACHING_ROLES):
        return redirect("practice:teach")
    return redirect("practice:my_sessions")


@role_required(Role.LEARNER)
def my_sessions(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    rows = selectors.my_upcoming_sessions(user, today=timezone.localdate())
    return render(request, "practice/my_sessions.html", {"rows": rows})


@require_POST
@role_required(Role.LEARNER)
def book(request: HttpRequest, session_id: int) -> HttpResponse:
    user = _user(request)
    session = access.get_session_for_learner(user, session_id)
    try:
        booking = services.booking_create(
            session_id=session.pk, learner=user, today=timezone.localdate(), url=_my_url(request)
        )
    except services.PracticeError as exc:
        messages.error(request, exc.message)
    else:
        if booking.status == BookingStatus.BOOKED:
            messages.success(request, "Your place is booked. A confirmation e-mail is on its way.")
        else:
            messages.info(request, "Every place is taken: you are on the waitlist.")
    return redirect("practice:my_sessions")


@require_POST
@role_required(Role.LEARNER)
def cancel(request: HttpRequest, booking_id: int) -> HttpResponse:
    user = _user(request)
    booking = access.get_booking_for_learner(user, booking_id)
    try:
        services.booking_cancel(
            booking_id=booking.pk, learner=user, today=timezone.localdate(), url=_my_url(request)
        )
    except services.PracticeError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Your booking is cancelled.")
    return redirect("practice:my_sessions")


def _session_form(
    request: HttpRequest, form: SessionForm, session: PracticalSession | None
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.session_save(
                session=form.save(commit=False), trainers=form.trainer_list(), url=_my_url(request)
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Session saved.")
            return redirect("practice:teach_run", run_id=saved.run_id)
    return render(
        request, "practice/session_form.html", {"form": form, "run": form.run, "session": session}
    )


@role_required(Role.ACADEMY_ADMIN)
def session_create(request: HttpRequest, run_id: int) -> HttpResponse:
    run = access.get_run_for_session_admin(_user(request), run_id)
    return _session_form(request, SessionForm(request.POST or None, run=run), None)


@role_required(Role.ACADEMY_ADMIN)
def session_edit(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access.get_session_for_admin(_user(request), session_id)
    form = SessionForm(request.POST or None, instance=session, run=session.run)
    return _session_form(request, form, session)
