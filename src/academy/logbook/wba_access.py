"""Who may see, complete and confirm which workplace-based assessments.

- A learner sees their own (and requests them); never changes one (no page or service lets
  them write ratings).
- The trainer named as assessor completes a requested CBD/mini-CEX, while they staff its run.
- Trainers and admins who watch the run (`policy.runs_watched_by`) see its assessments.
- An admin of the run's academy confirms an external assessor's identity; nobody else.
Anyone else: 404 (existence not revealed), or 403 for the wrong role.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from academy.accounts.models import Role, User
from academy.catalog import policy
from academy.logbook.wba_models import Identity, WbaAssessment, WbaStatus


def _rows() -> QuerySet[WbaAssessment]:
    return WbaAssessment.objects.select_related(
        "learner", "run__course__provider", "case", "assessor", "confirmed_by"
    )


def wba_visible_to(user: User) -> QuerySet[WbaAssessment]:
    return _rows().filter(Q(learner=user) | Q(run__in=policy.runs_watched_by(user)))


def get_wba_for_viewer(user: User, wba_id: int) -> WbaAssessment:
    return get_object_or_404(wba_visible_to(user), pk=wba_id)


def my_wba(user: User) -> QuerySet[WbaAssessment]:
    if not user.has_role(Role.LEARNER):
        raise PermissionDenied("This page is for learners.")
    return _rows().filter(learner=user)


def get_wba_for_assessor(user: User, wba_id: int) -> WbaAssessment:
    """A requested assessment naming this trainer, on a run they staff (404 otherwise)."""
    if not user.has_role(Role.TRAINER):
        raise PermissionDenied("Only trainers complete assessments here.")
    return get_object_or_404(
        _rows().filter(
            assessor=user,
            status=WbaStatus.REQUESTED,
            run__in=policy.runs_staffed_by(user),
        ),
        pk=wba_id,
    )


def get_wba_for_sender(user: User, wba_id: int) -> WbaAssessment:
    """A request to an external assessor that this user may send again: their own, or one of
    an academy they administer (404 otherwise)."""
    mine = Q(learner=user)
    if user.has_role(Role.ACADEMY_ADMIN):
        mine |= Q(run__course__provider__in=policy.academies_administered_by(user))
    return get_object_or_404(
        _rows().filter(mine, status=WbaStatus.REQUESTED).exclude(assessor_email=""), pk=wba_id
    )


def wba_to_confirm(user: User) -> QuerySet[WbaAssessment]:
    """Completed external assessments of the admin's academies awaiting confirmation."""
    providers = policy.providers_for_admin(user)  # 403 without the role
    return _rows().filter(
        run__course__provider__in=providers,
        status=WbaStatus.COMPLETED,
        identity=Identity.UNVERIFIED,
    )


def get_wba_for_confirming_admin(user: User, wba_id: int) -> WbaAssessment:
    return get_object_or_404(wba_to_confirm(user), pk=wba_id)
