"""Access helpers of the learning pages. Views never filter by owner themselves.

- A learner reaches a run's learning pages only while ENROLLED in it (waitlisted or cancelled:
  404, as if the run had no learning pages).
- An attempt, a case play or a learner's progress is visible to that learner, to the run's
  trainers and to the admins of the run's academy; to nobody else (404).
- The trainer's run view is for the run's trainers and the academy's admins (404 otherwise).
- The module mapping of a course is edited by the course's academy admins
  (`academy.catalog.access.get_course_for_admin`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from academy.accounts.models import Role, User
from academy.catalog import policy
from academy.catalog.access import get_course_for_admin
from academy.catalog.models import Course, CourseRun
from academy.catalog.policy import enrolments_for_learner as enrolments_for_learner
from academy.learning.models import Attempt, CasePlay


def get_run_for_learner(user: User, run_id: int) -> CourseRun:
    enrolment = policy.enrolment_for_learner(user, run_id)
    if enrolment is None:
        raise Http404("You are not enrolled in this course run.")
    return enrolment.run


def check_learner_on_run(user: User, run_id: int) -> None:
    """The check of `get_run_for_learner` alone, for a page that is kept whole as a fragment
    once the check has passed (it is made afresh on every view)."""
    if not policy.learns_on(user, run_id):
        raise Http404("You are not enrolled in this course run.")


def get_run_for_trainer(user: User, run_id: int) -> CourseRun:
    if not (user.has_role(Role.TRAINER) or user.has_role(Role.ACADEMY_ADMIN)):
        raise PermissionDenied("This page is for the run's trainers and academy admins.")
    return get_object_or_404(
        policy.runs_watched_by(user).select_related("course", "course__provider"), pk=run_id
    )


def get_attempt_for_viewer(user: User, attempt_id: int) -> Attempt:
    """The learner's own attempt, or one of a run the user trains or administers."""
    attempt = get_object_or_404(
        Attempt.objects.select_related("run", "run__course", "learner"), pk=attempt_id
    )
    if policy.may_view_learner(user, attempt.learner, attempt.run):
        return attempt
    raise Http404("No such attempt.")


def get_attempt_for_learner(user: User, attempt_id: int) -> Attempt:
    """An attempt its learner is taking: only theirs, and only while still enrolled."""
    attempt = get_object_or_404(
        Attempt.objects.select_related("run", "run__course"), pk=attempt_id, learner=user
    )
    get_run_for_learner(user, attempt.run_id)
    return attempt


def get_case_play_for_learner(user: User, play_id: int) -> CasePlay:
    play = get_object_or_404(CasePlay.objects.select_related("run"), pk=play_id, learner=user)
    get_run_for_learner(user, play.run_id)
    return play


def get_course_for_mapping(user: User, course_id: int) -> Course:
    return get_course_for_admin(user, course_id)


def watched_runs(user: User) -> QuerySet[CourseRun]:
    """The runs whose learning view `user` may open (trainer of the run or academy admin)."""
    return (
        policy.runs_watched_by(user)
        .filter(archived=False)
        .select_related("course", "course__provider")
        .order_by("-starts_on", "id")
    )
