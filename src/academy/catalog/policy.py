"""Who teaches, administers or learns where: the one answer every app's access helpers use.

- An academy (a `Provider`) is *administered* by the users listed among its admins who hold the
  academy-admin role.
- A run is *staffed* by the users listed among its trainers who hold the trainer role.
- An academy's trainers are the trainers on its roster (`Provider.trainers`, kept by platform
  staff in the admin site, like its admins) and those who staff one of its runs. Its admins
  staff runs from them only, so no run is staffed across academies.
- A user *watches* a run they staff or whose academy they administer: they see the work of its
  learners (attempts, cases, progress), and nobody else does.
- A learner *learns* on a run while their enrolment is ENROLLED and the run is not cancelled.

Each answer is one query (or a subquery for the caller's next filter), never one per row. The
apps' `access.py` modules add their own rules (a learner's own records, what a trainer may sign)
on top of these, and raise 403/404 in their own words.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from academy.accounts.models import Role, User
from academy.catalog.models import CourseRun, Enrolment, EnrolmentStatus, Provider
from academy.core.compiled import Compiled

__all__ = [
    "academies_administered_by",
    "academies_staffed_by",
    "administers_academy",
    "enrolment_for_learner",
    "enrolments_for_learner",
    "get_enrolment_for_learner",
    "get_provider_for_admin",
    "may_view_learner",
    "providers_for_admin",
    "runs_staffed_by",
    "runs_watched_by",
    "staffs_run",
    "trainers_of_academy",
    "trainers_of_run",
    "watches_run",
]


def academies_administered_by(user: User) -> QuerySet[Provider]:
    """The academies `user` administers (none without the academy-admin role)."""
    if not user.has_role(Role.ACADEMY_ADMIN):
        return Provider.objects.none()
    return Provider.objects.filter(admins=user)


def administers_academy(user: User, provider_id: int) -> bool:
    return academies_administered_by(user).filter(pk=provider_id).exists()


def providers_for_admin(user: User) -> QuerySet[Provider]:
    """`academies_administered_by` for pages that are for academy admins only: 403 otherwise."""
    if not user.has_role(Role.ACADEMY_ADMIN):
        raise PermissionDenied("Only academy admins manage courses.")
    return academies_administered_by(user)


def get_provider_for_admin(user: User, provider_id: int) -> Provider:
    """An academy `user` administers: 403 without the role, 404 for another academy's id."""
    provider = providers_for_admin(user).filter(pk=provider_id).first()
    if provider is None:
        raise Http404("No academy of yours with this id.")
    return provider


def runs_staffed_by(user: User) -> QuerySet[CourseRun]:
    """The runs `user` teaches (none without the trainer role)."""
    if not user.has_role(Role.TRAINER):
        return CourseRun.objects.none()
    return CourseRun.objects.filter(trainers=user)


def staffs_run(user: User, run: CourseRun) -> bool:
    return runs_staffed_by(user).filter(pk=run.pk).exists()


def _watching(user: User, prefix: str = "") -> Q:
    """Runs (reached through `prefix`) that `user` staffs or whose academy they administer."""
    where = Q(pk__in=[])
    if user.has_role(Role.TRAINER):
        where |= Q(**{f"{prefix}trainers": user})
    if user.has_role(Role.ACADEMY_ADMIN):
        where |= Q(**{f"{prefix}course__provider__admins": user})
    return where


def runs_watched_by(user: User) -> QuerySet[CourseRun]:
    """The runs whose learners' work `user` may see: those they staff and those of the academies
    they administer (each run once; filter, order or join it further as you need)."""
    ids = CourseRun.objects.filter(_watching(user)).values("pk")
    return CourseRun.objects.filter(pk__in=ids)


def watches_run(user: User, run: CourseRun) -> bool:
    return runs_watched_by(user).filter(pk=run.pk).exists()


def academies_staffed_by(user: User) -> QuerySet[Provider]:
    """The academies `user` administers or trains for (on its roster or teaching one of its
    runs), each once."""
    where = Q(pk__in=[])
    if user.has_role(Role.ACADEMY_ADMIN):
        where |= Q(admins=user)
    if user.has_role(Role.TRAINER):
        where |= Q(trainers=user) | Q(courses__runs__trainers=user)
    return Provider.objects.filter(pk__in=Provider.objects.filter(where).values("pk"))


def trainers_of_academy(provider_id: int) -> QuerySet[User]:
    """The trainers of an academy: users with the trainer role on its roster or staffing one of
    its runs. Every form that offers trainers offers these only."""
    roster = Provider.trainers.through.objects.filter(provider_id=provider_id)
    staffing = CourseRun.trainers.through.objects.filter(courserun__course__provider_id=provider_id)
    return User.objects.filter(
        Q(pk__in=roster.values("user_id")) | Q(pk__in=staffing.values("user_id")),
        groups__name=Role.TRAINER.value,
    ).order_by("full_name", "pk")


def trainers_of_run(run: CourseRun) -> QuerySet[User]:
    """The run's trainers (those of its academy listed on it): who may supervise its sessions
    and assess its learners."""
    return trainers_of_academy(run.course.provider_id).filter(teaching_runs=run)


def _learning(learner_id: int) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(
        learner_id=learner_id, status=EnrolmentStatus.ENROLLED, run__cancelled=False
    )


def enrolments_for_learner(user: User) -> QuerySet[Enrolment]:
    """The enrolments `user` learns on: ENROLLED, on a run that is not cancelled."""
    return _learning(user.pk).select_related("run", "run__course", "run__course__provider")


# asked on every view of a learner's run page: compiled once (markers: learner id, run id)
_LEARNS_ON = Compiled(
    lambda learner, run: _learning(learner).filter(run_id=run), markers=(-(10**9) - 1, -(10**9) - 2)
)


def learns_on(user: User, run_id: int) -> bool:
    """Whether `user` learns on the run (as `enrolments_for_learner`), in one small query."""
    return _LEARNS_ON.exists(user.pk, run_id)


def enrolment_for_learner(user: User, run_id: int) -> Enrolment | None:
    """`user`'s live enrolment on the run, if they learn on it."""
    return enrolments_for_learner(user).filter(run_id=run_id).first()


def get_enrolment_for_learner(user: User, enrolment_id: int) -> Enrolment:
    """One of `user`'s own enrolments, whatever its status (404 for anyone else's)."""
    return get_object_or_404(
        Enrolment.objects.select_related("run", "run__course", "run__course__provider"),
        pk=enrolment_id,
        learner=user,
    )


def may_view_learner(user: User, learner: User, run: CourseRun | None = None) -> bool:
    """Whether `user` may see `learner`'s work: always their own; another's on `run` when they
    watch it; without a run, when they watch a run the learner is enrolled on (any status)."""
    if user.pk == learner.pk:
        return True
    if run is not None:
        return watches_run(user, run)
    return runs_watched_by(user).filter(enrolments__learner=learner).exists()
