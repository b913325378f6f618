"""Who may see and change which logbook records. Views never filter by owner themselves.

- A learner sees and edits their own cases (edits only until signed).
- A trainer sees the cases of the runs they teach (and signs them); never another run's.
- An academy admin sees the cases of their providers' runs.
Anyone else gets 404 (the record's existence is not revealed) or 403 for a wrong role.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from academy.accounts.models import Role, User
from academy.catalog.models import Course, CourseRun, EnrolmentStatus
from academy.logbook.models import Case, CasePhoto, Dops


def _viewer_filter(user: User) -> Q:
    q = Q(learner=user)
    if user.has_role(Role.TRAINER):
        q |= Q(run__trainers=user)
    if user.has_role(Role.ACADEMY_ADMIN):
        q |= Q(run__course__provider__admins=user)
    return q


def cases_visible_to(user: User) -> QuerySet[Case]:
    ids = Case.objects.filter(_viewer_filter(user)).values("pk")
    return Case.objects.filter(pk__in=ids).select_related(
        "learner", "run", "run__course", "signed_by"
    )


def get_case_for_viewer(user: User, case_id: int) -> Case:
    return get_object_or_404(cases_visible_to(user), pk=case_id)


def get_case_for_learner(user: User, case_id: int) -> Case:
    return get_object_or_404(
        Case.objects.select_related("run", "run__course"), pk=case_id, learner=user
    )


def runs_for_logging(user: User) -> QuerySet[CourseRun]:
    """Hands-on runs the learner is enrolled on: the runs a case may be logged for."""
    if not user.has_role(Role.LEARNER):
        raise PermissionDenied("This page is for learners.")
    return CourseRun.objects.filter(
        hands_on=True, enrolments__learner=user, enrolments__status=EnrolmentStatus.ENROLLED
    ).select_related("course")


def is_trainer_of(user: User, run: CourseRun) -> bool:
    return user.has_role(Role.TRAINER) and run.trainers.filter(pk=user.pk).exists()


def trainer_runs(user: User) -> QuerySet[CourseRun]:
    if not user.has_role(Role.TRAINER):
        raise PermissionDenied("This page is for trainers.")
    return CourseRun.objects.filter(trainers=user)


def get_dops_for_trainer(user: User, dops_id: int) -> Dops:
    """A DOPS of a case on a run this trainer teaches (any of the run's trainers may assess)."""
    return get_object_or_404(
        Dops.objects.select_related("case", "case__run", "case__learner", "trainer").filter(
            case__run__in=trainer_runs(user)
        ),
        pk=dops_id,
    )


def get_dops_for_viewer(user: User, dops_id: int) -> Dops:
    return get_object_or_404(
        Dops.objects.select_related("case", "trainer", "signed_by").filter(
            case__in=cases_visible_to(user)
        ),
        pk=dops_id,
    )


def get_photo_for_viewer(user: User, photo_id: int) -> CasePhoto:
    return get_object_or_404(
        CasePhoto.objects.select_related("case").filter(case__in=cases_visible_to(user)),
        pk=photo_id,
    )


def get_learner_logbook(viewer: User, learner_id: int) -> tuple[User, QuerySet[Case]]:
    """The learner and the cases of theirs this viewer may see: all for the learner, the runs
    a trainer teaches, the runs of an admin's providers. Others: 404."""
    learner = get_object_or_404(User, pk=learner_id)
    cases = cases_visible_to(viewer).filter(learner=learner)
    if viewer.pk == learner.pk:
        return learner, cases
    runs = CourseRun.objects.filter(
        Q(enrolments__learner=learner) | Q(logbook_cases__learner=learner)
    )
    allowed = Q()
    if viewer.has_role(Role.TRAINER):
        allowed |= Q(trainers=viewer)
    if viewer.has_role(Role.ACADEMY_ADMIN):
        allowed |= Q(course__provider__admins=viewer)
    if not allowed or not runs.filter(allowed).exists():
        raise Http404("No logbook you may see.")
    return learner, cases


def courses_of_learner_for_viewer(viewer: User, learner: User) -> QuerySet[Course]:
    """Courses whose competency this viewer may see for this learner."""
    runs = CourseRun.objects.filter(
        Q(enrolments__learner=learner, enrolments__status=EnrolmentStatus.ENROLLED)
        | Q(logbook_cases__learner=learner)
    )
    if viewer.pk != learner.pk:
        allowed = Q(pk__in=[])
        if viewer.has_role(Role.TRAINER):
            allowed |= Q(trainers=viewer)
        if viewer.has_role(Role.ACADEMY_ADMIN):
            allowed |= Q(course__provider__admins=viewer)
        runs = runs.filter(allowed)
    return Course.objects.filter(runs__in=runs).distinct().order_by("title")


def can_sign_off_competency(user: User, learner: User, course: Course) -> bool:
    return (
        user.pk != learner.pk
        and user.has_role(Role.TRAINER)
        and CourseRun.objects.filter(course=course, trainers=user)
        .filter(Q(enrolments__learner=learner) | Q(logbook_cases__learner=learner))
        .exists()
    )
