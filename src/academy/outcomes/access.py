"""Who may see and record follow-ups. Views never filter by owner themselves.

Identifiable follow-ups (the case, its dates, notes and photos) are seen by those who see the
case in the logbook: its clinician (the learner who logged it), the run's trainers and the
academy's admins. Only the clinician records them. Anyone else gets 404.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from academy.accounts.models import User
from academy.logbook.access import cases_visible_to
from academy.logbook.models import Case
from academy.outcomes.models import FollowUp, FollowUpPhoto


def follow_ups_visible_to(user: User) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(case__in=cases_visible_to(user).values("pk")).select_related(
        "case", "case__learner", "case__run", "case__run__course"
    )


def get_case_for_follow_ups(user: User, case_id: int) -> Case:
    return get_object_or_404(cases_visible_to(user), pk=case_id)


def get_follow_up_for_viewer(user: User, follow_up_id: int) -> FollowUp:
    return get_object_or_404(follow_ups_visible_to(user), pk=follow_up_id)


def get_follow_up_for_clinician(user: User, follow_up_id: int) -> FollowUp:
    """A follow-up of one of the user's own cases (they treated the patient)."""
    return get_object_or_404(
        follow_ups_visible_to(user).filter(case__learner=user), pk=follow_up_id
    )


def get_photo_for_viewer(user: User, photo_id: int) -> FollowUpPhoto:
    return get_object_or_404(
        FollowUpPhoto.objects.filter(follow_up__in=follow_ups_visible_to(user).values("pk")),
        pk=photo_id,
    )
