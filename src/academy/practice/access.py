"""Access helpers for practice data. Every view goes through one of these.

- A provider's academy admins manage its runs' sessions and see (and act on) volunteer models.
- A run's trainers see the run's roster, bookings and models read-only, and mark attendance.
- Enrolled learners of a run see and book its sessions; nobody else learns that they exist.
- Volunteer models' personal data is seen by those two groups only, never by learners.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from academy.accounts.access import page_is_for
from academy.accounts.models import Role, User
from academy.catalog import policy
from academy.catalog.models import CourseRun, EnrolmentStatus
from academy.practice.models import PracticalSession, SessionBooking, VolunteerApplication

TEACHING_ROLES = (Role.TRAINER, Role.ACADEMY_ADMIN)


def _taught_runs(user: User) -> QuerySet[CourseRun]:
    """Runs the user teaches (trainer) or whose provider they administer (academy admin);
    403 for anyone with neither role."""
    if not any(user.has_role(role) for role in TEACHING_ROLES):
        raise PermissionDenied(page_is_for(TEACHING_ROLES))
    return policy.runs_watched_by(user)


def runs_for_teacher(user: User) -> QuerySet[CourseRun]:
    return _taught_runs(user).filter(archived=False).select_related("course", "course__provider")


@dataclass(frozen=True)
class RunAccess:
    run: CourseRun
    manage: bool
    """True for the provider's academy admins; trainers only read (and mark attendance)."""


def _manages(user: User, provider_id: int) -> bool:
    return policy.administers_academy(user, provider_id)


def get_run_for_teacher(user: User, run_id: int) -> RunAccess:
    run = runs_for_teacher(user).filter(pk=run_id).first()
    if run is None:
        raise Http404("No run of yours with this id.")
    return RunAccess(run=run, manage=_manages(user, run.course.provider_id))


def get_run_for_session_admin(user: User, run_id: int) -> CourseRun:
    """A run whose sessions `user` may create: an admin of its provider."""
    access = get_run_for_teacher(user, run_id)
    if not access.manage:
        raise PermissionDenied(page_is_for((Role.ACADEMY_ADMIN,)))
    return access.run


@dataclass(frozen=True)
class SessionAccess:
    session: PracticalSession
    manage: bool


def get_session_for_teacher(user: User, session_id: int) -> SessionAccess:
    session = (
        PracticalSession.objects.filter(run__in=_taught_runs(user), pk=session_id)
        .select_related("run", "run__course", "run__course__provider")
        .first()
    )
    if session is None:
        raise Http404("No session of yours with this id.")
    return SessionAccess(session=session, manage=_manages(user, session.run.course.provider_id))


def get_session_for_admin(user: User, session_id: int) -> PracticalSession:
    access = get_session_for_teacher(user, session_id)
    if not access.manage:
        raise PermissionDenied(page_is_for((Role.ACADEMY_ADMIN,)))
    return access.session


def sessions_for_learner(user: User) -> QuerySet[PracticalSession]:
    """Sessions of the runs the learner holds a seat on (not waitlisted, not cancelled)."""
    return PracticalSession.objects.filter(
        run__enrolments__learner=user,
        run__enrolments__status=EnrolmentStatus.ENROLLED,
        run__archived=False,
    ).select_related("run", "run__course", "run__course__provider")


def get_session_for_learner(user: User, session_id: int) -> PracticalSession:
    session = sessions_for_learner(user).filter(pk=session_id).first()
    if session is None:
        raise Http404("No session of a run you are enrolled on.")
    return session


def get_booking_for_learner(user: User, booking_id: int) -> SessionBooking:
    booking = SessionBooking.objects.filter(pk=booking_id, learner=user).first()
    if booking is None:
        raise Http404("No booking of yours with this id.")
    return booking


def get_booking_for_teacher(user: User, booking_id: int) -> SessionBooking:
    """A booking on a session of a run the user teaches or administers (for attendance)."""
    booking = (
        SessionBooking.objects.filter(session__run__in=_taught_runs(user), pk=booking_id)
        .select_related("session", "learner")
        .first()
    )
    if booking is None:
        raise Http404("No booking on your runs with this id.")
    return booking


@dataclass(frozen=True)
class ApplicationAccess:
    application: VolunteerApplication
    manage: bool


def get_application_for_teacher(user: User, application_id: int) -> ApplicationAccess:
    application = (
        VolunteerApplication.objects.filter(session__run__in=_taught_runs(user), pk=application_id)
        .select_related("session", "session__run", "session__run__course")
        .first()
    )
    if application is None:
        raise Http404("No volunteer application on your runs with this id.")
    provider_id = application.session.run.course.provider_id
    return ApplicationAccess(application=application, manage=_manages(user, provider_id))


def get_application_for_admin(user: User, application_id: int) -> VolunteerApplication:
    access = get_application_for_teacher(user, application_id)
    if not access.manage:
        raise PermissionDenied(page_is_for((Role.ACADEMY_ADMIN,)))
    return access.application


def get_open_session_for_volunteers(session_id: int, *, today: object) -> PracticalSession:
    """A public session page: a session of a published, running, upcoming run only."""
    session = (
        PracticalSession.objects.filter(
            pk=session_id,
            date__gte=today,
            run__published=True,
            run__cancelled=False,
            run__archived=False,
            run__course__published=True,
        )
        .select_related("run", "run__course", "run__course__provider")
        .first()
    )
    if session is None:
        raise Http404("No upcoming practical session with this id.")
    return session
