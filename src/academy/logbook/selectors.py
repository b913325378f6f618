"""Reads of the learner's own logbook, shared by the pages and the JSON API: their cases and
where each stands in sign-off (the trainer's signature and the DOPS assessments). Access is the
logbook's (`academy.logbook.access`)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from academy.accounts.models import User
from academy.logbook import access
from academy.logbook.models import Case, Dops


def my_cases(user: User) -> QuerySet[Case]:
    """The learner's own cases, newest procedure first, with their DOPS (two queries)."""
    dops = Dops.objects.select_related("trainer").order_by("requested_at", "id")
    return (
        access.cases_visible_to(user)
        .filter(learner=user)
        .select_related("run__course__provider")
        .prefetch_related(Prefetch("dops", queryset=dops))
        .order_by("-date", "-id")
    )


def my_case(user: User, case_id: int) -> Case:
    """One of the learner's own cases (404 for anyone else's, even one they may review)."""
    return get_object_or_404(my_cases(user), pk=case_id)
