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
from academy.catalog import policy
from academy.catalog.models import Course, CourseRun, EnrolmentStatus
from academy.logbook.models import Case, CasePhoto, Dops


def cases_visible_to(user: User) -> QuerySet[Case]:
    """The user's own cases and those of the runs they watch (`policy.runs_watched_by`)."""
    ids = Case.objects.filter(Q(learner=user) | Q(run__in=policy.runs_watched_by(user))).values(
        "pk"
    )
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
    return policy.staffs_run(user, run)


def trainer_runs(user: User) -> QuerySet[CourseRun]:
    if not user.has_role(Role.TRAINER):
        raise PermissionDenied("This page is for trainers.")
    return policy.runs_staffed_by(user)


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


def _learner_runs(learner: User, *, enrolled_only: bool) -> QuerySet[CourseRun]:
    """The logbook's runs of a learner: those they are enrolled on (ENROLLED only, or any
    status) and those they logged a case for."""
    enrolled = Q(enrolments__learner=learner)
    if enrolled_only:
        enrolled &= Q(enrolments__status=EnrolmentStatus.ENROLLED)
    return CourseRun.objects.filter(enrolled | Q(logbook_cases__learner=learner))


def get_learner_logbook(viewer: User, learner_id: int) -> tuple[User, QuerySet[Case]]:
    """The learner and the cases of theirs this viewer may see: all for the learner, the runs
    a trainer teaches, the runs of an admin's providers. Others: 404."""
    learner = get_object_or_404(User, pk=learner_id)
    cases = cases_visible_to(viewer).filter(learner=learner)
    if viewer.pk == learner.pk:
        return learner, cases
    runs = _learner_runs(learner, enrolled_only=False)
    if not policy.runs_watched_by(viewer).filter(pk__in=runs.values("pk")).exists():
        raise Http404("No logbook you may see.")
    return learner, cases


def courses_of_learner_for_viewer(viewer: User, learner: User) -> QuerySet[Course]:
    """Courses whose competency this viewer may see for this learner."""
    runs = _learner_runs(learner, enrolled_only=True)
    if viewer.pk != learner.pk:
        runs = runs.filter(pk__in=policy.runs_watched_by(viewer).values("pk"))
    return Course.objects.filter(runs__in=runs).distinct().order_by("title")


def can_sign_off_competency(user: User, learner: User, course: Course) -> bool:
    return (
        user.pk != learner.pk
        and policy.runs_staffed_by(user)
        .filter(course=course)
        .filter(pk__in=_learner_runs(learner, enrolled_only=False).values("pk"))
        .exists()
    )
