"""Who may fill in, edit and read evaluations. Learners see only their own form; an academy's
admins edit its courses' questions and read its runs' results (catalog/policy.py says whose)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from academy.accounts.models import User
from academy.catalog.access import get_course_for_admin, get_run_for_admin
from academy.catalog.models import Course, CourseRun, Enrolment, EnrolmentStatus


def get_enrolment_for_evaluation(user: User, enrolment_id: int) -> Enrolment:
    """The learner's own enrolment (with a seat): anyone else's is 404."""
    return get_object_or_404(
        Enrolment.objects.select_related("run", "run__course", "run__course__provider"),
        pk=enrolment_id,
        learner=user,
        status=EnrolmentStatus.ENROLLED,
    )


def get_course_for_questions(user: User, course_id: int) -> Course:
    return get_course_for_admin(user, course_id)


def get_run_for_results(user: User, run_id: int) -> CourseRun:
    return get_run_for_admin(user, run_id)
