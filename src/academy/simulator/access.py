"""Who sees which simulator attempt. Every view and API call goes through these helpers.

The simulator's rule on top of `academy.catalog.policy`: a learner's attempts are seen by the
learner and by the trainers of the runs the learner is enrolled on (the run pages here are for
trainers; academy admins follow their learners in the learning and logbook pages)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from academy.accounts.models import Role, User
from academy.catalog import policy
from academy.catalog.models import CourseRun, EnrolmentStatus
from academy.simulator.content import Exercise, exercise, is_face
from academy.simulator.models import Attempt


def attempts_visible_to(user: User) -> QuerySet[Attempt]:
    """A learner's own attempts; a trainer also sees those of the learners on their runs."""
    taught = policy.runs_staffed_by(user)
    mine = Q(learner=user) | Q(
        learner__enrolments__run__in=taught,
        learner__enrolments__status=EnrolmentStatus.ENROLLED,
    )
    return Attempt.objects.submitted().filter(mine).distinct()


def get_attempt_for_user(user: User, attempt_id: int) -> Attempt:
    attempt = attempts_visible_to(user).filter(pk=attempt_id).first()
    if attempt is None:
        raise Http404("No attempt of yours (or of your learners) with this id.")
    return attempt


def get_run_for_trainer(user: User, run_id: int) -> CourseRun:
    if not user.has_role(Role.TRAINER):
        raise PermissionDenied("This page is for trainers.")
    run = (
        policy.runs_staffed_by(user)
        .select_related("course", "course__sim_settings")
        .filter(pk=run_id)
        .first()
    )
    if run is None:
        raise Http404("No run of yours with this id.")
    return run


def runs_taught_by(user: User) -> list[CourseRun]:
    """The runs whose learners' progress `user` may see (none unless a trainer)."""
    return list(policy.runs_staffed_by(user).select_related("course").filter(archived=False))


def get_exercise(exercise_id: str) -> Exercise:
    found = exercise(exercise_id)
    if found is None:
        raise Http404("No exercise with this id.")
    return found


def chosen_face(ex: Exercise, face_id: str | None) -> str:
    """The face asked for, if the exercise offers it; else its first face."""
    if face_id and face_id in ex.faces and is_face(face_id, ex.view):
        return face_id
    return ex.faces[0]
