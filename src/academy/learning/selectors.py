"""Reads of the learner's own learning, shared by the pages and the JSON API: the runs they
learn on, their progress in one, their quiz and exam attempts. Access is the learning pages'
(`academy.learning.access`): only runs the learner is ENROLLED on (404 otherwise)."""

from __future__ import annotations

from django.db.models import QuerySet

from academy.accounts.models import User
from academy.catalog.models import CourseRun, Enrolment
from academy.learning import access
from academy.learning.models import Attempt
from academy.learning.progress import LearnerProgress, progress_for


def my_runs(user: User) -> QuerySet[Enrolment]:
    """The learner's enrolments with a seat on a run not cancelled, soonest run first."""
    return access.enrolments_for_learner(user).order_by("run__starts_on", "run_id")


def my_progress(user: User, run_id: int) -> tuple[CourseRun, LearnerProgress]:
    """The run (404 unless enrolled) and the learner's progress per module of its course."""
    run = access.get_run_for_learner(user, run_id)
    return run, progress_for(run, [user.pk])[user.pk]


def my_attempts(user: User, run_id: int) -> list[Attempt]:
    """The learner's quiz and exam attempts in the run (404 unless enrolled), newest first."""
    run = access.get_run_for_learner(user, run_id)
    return list(
        Attempt.objects.filter(run=run, learner=user)
        .order_by("-started_at", "-id")
        .select_related("run")
    )
