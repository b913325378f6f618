"""Access helpers for catalog data. Views never filter by owner themselves.

Public visitors see published courses and runs of any provider. A provider's admins (academy
admins listed on the provider) see and edit that provider's data — never another provider's.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from academy.accounts.models import Role, User
from academy.catalog.models import Course, CourseRun, Enrolment, EnrolmentStatus, Provider


def providers_for_admin(user: User) -> QuerySet[Provider]:
    if not user.has_role(Role.ACADEMY_ADMIN):
        raise PermissionDenied("Only academy admins manage courses.")
    return Provider.objects.filter(admins=user)


def get_provider_for_admin(user: User, provider_id: int) -> Provider:
    return get_object_or_404(providers_for_admin(user), pk=provider_id)


def get_course_for_admin(user: User, course_id: int) -> Course:
    return get_object_or_404(
        Course.objects.select_related("provider").filter(provider__in=providers_for_admin(user)),
        pk=course_id,
    )


def get_run_for_admin(user: User, run_id: int) -> CourseRun:
    return get_object_or_404(
        CourseRun.objects.select_related("course", "course__provider").filter(
            course__provider__in=providers_for_admin(user)
        ),
        pk=run_id,
    )


def get_public_run(run_id: int) -> CourseRun:
    run = CourseRun.objects.published().for_catalog().filter(pk=run_id).first()
    if run is None:
        raise Http404("No published course run with this id.")
    return run


def get_run_for_viewer(user: User | AnonymousUser, run_id: int) -> CourseRun:
    """A published run for anyone; an unpublished one only for learners who are on it, so the
    links in their dashboard and e-mails keep working after the provider unpublishes it."""
    runs = CourseRun.objects.for_catalog().filter(pk=run_id)
    run = runs.published().first()
    if run is None and isinstance(user, User):
        run = runs.filter(
            enrolments__learner=user,
            enrolments__status__in=[EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED],
        ).first()
    if run is None:
        raise Http404("No published course run with this id.")
    return run


def get_enrolment_for_learner(user: User, enrolment_id: int) -> Enrolment:
    return get_object_or_404(
        Enrolment.objects.select_related("run", "run__course"), pk=enrolment_id, learner=user
    )
