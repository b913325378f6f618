"""Access helpers for catalog data. Views never filter by owner themselves.

Public visitors see published courses and runs of any provider. A provider's admins (academy
admins listed on the provider) see and edit that provider's data — never another provider's.
Who administers what is answered by `academy.catalog.policy`; the academy and enrolment getters
are re-exported here for the pages and routes that import them from this module.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import get_object_or_404

from academy.accounts.models import User
from academy.catalog.models import Course, CourseRun, EnrolmentStatus
from academy.catalog.policy import get_enrolment_for_learner as get_enrolment_for_learner
from academy.catalog.policy import get_provider_for_admin as get_provider_for_admin
from academy.catalog.policy import providers_for_admin as providers_for_admin


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
