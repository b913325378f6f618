"""The trainer's workspace: the runs a trainer teaches (academy admins: their academy's runs),
and per run the roster, sessions with bookings and attendance, and the models booked."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from academy.accounts.access import role_required
from academy.accounts.models import Role, User
from academy.catalog import policy
from academy.catalog.models import Enrolment, EnrolmentStatus
from academy.practice import access, services
from academy.practice.access import TEACHING_ROLES
from academy.practice.models import BookingStatus, SessionBooking, VolunteerApplication
from academy.practice.volunteer_views import private


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@role_required(*TEACHING_ROLES)
def teach(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    runs = access.runs_for_teacher(user).annotate(
        learners=Count(
            "enrolments", filter=Q(enrolments__status=EnrolmentStatus.ENROLLED), distinct=True
        ),
        sessions=Count("practical_sessions", distinct=True),
    )
    providers = policy.academies_administered_by(user)
    context = {
        "runs": runs,
        "providers": providers,
        "is_learner": user.has_role(Role.LEARNER),
        "is_trainer": user.has_role(Role.TRAINER),  # the logbook's sign-off queue is theirs
    }
    return render(request, "practice/teach.html", context)


@role_required(*TEACHING_ROLES)
def teach_run(request: HttpRequest, run_id: int) -> HttpResponse:
    found = access.get_run_for_teacher(_user(request), run_id)
    run = found.run
    roster = list(
        Enrolment.objects.filter(run=run)
        .exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("learner", "learner__profile")
        .order_by("created_at", "id")
    )
    enrolled = sum(1 for e in roster if e.status == EnrolmentStatus.ENROLLED)
    bookings = SessionBooking.objects.exclude(status=BookingStatus.CANCELLED).select_related(
        "learner"
    )
    models = VolunteerApplication.objects.order_by("slot", "created_at", "id")
    sessions = run.practical_sessions.prefetch_related(
        "trainers",
        Prefetch("bookings", queryset=bookings, to_attr="active_bookings"),
        Prefetch("applications", queryset=models, to_attr="all_applications"),
    )
    context = {
        "run": run,
        "manage": found.manage,
        "roster": roster,
        "enrolled": enrolled,
        "sessions": sessions,
        # The logbook app provides `logbook/_workspace_run.html`; until it is
        # installed the workspace leaves that place empty.
        "logbook_installed": apps.is_installed("academy.logbook"),
    }
    return private(render(request, "practice/teach_run.html", context))


@require_POST
@role_required(*TEACHING_ROLES)
def attendance(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = access.get_booking_for_teacher(_user(request), booking_id)
    try:
        services.booking_mark_attendance(
            booking=booking, attendance=request.POST.get("attendance", "")
        )
    except services.PracticeError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Attendance recorded for {booking.learner.full_name}.")
    return redirect("practice:teach_run", run_id=booking.session.run_id)
