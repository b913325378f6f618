"""Reads of the learner's own logbook, shared by the pages and the JSON API: their cases and
where each stands in sign-off (the trainer's signature and the DOPS assessments), and the
feedback their workplace-based assessments give a portfolio (`feedback_received`). Access is the
logbook's (`academy.logbook.access`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse

from academy.accounts.models import User
from academy.logbook import access
from academy.logbook.models import Case, Dops
from academy.logbook.wba_models import WbaAssessment, WbaStatus


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


@dataclass(frozen=True)
class FeedbackItem:
    """One piece of practice-related feedback for a portfolio (e.g. a revalidation statement):
    a completed MSF, patient feedback, CBD or mini-CEX."""

    kind: str  # WbaKind value: cbd, mini_cex, msf, patient
    label: str  # the form's name
    date: dt.date
    assessor: str
    verified: bool  # False: an external assessor the academy has not confirmed
    url: str  # the assessment's page (relative)


def feedback_received(*, learner: User, start: dt.date, end: dt.date) -> list[FeedbackItem]:
    """The learner's completed workplace-based assessments between `start` and `end`
    (inclusive, by completion date), oldest first; one query."""
    rows = (
        WbaAssessment.objects.filter(
            learner=learner,
            status=WbaStatus.COMPLETED,
            completed_at__date__gte=start,
            completed_at__date__lte=end,
        )
        .select_related("assessor")
        .order_by("completed_at", "id")
    )
    return [
        FeedbackItem(
            kind=a.kind,
            label=a.get_kind_display(),
            date=a.completed_at.date() if a.completed_at else start,
            assessor=a.assessor_label,
            verified=a.verified,
            url=reverse("logbook:wba", args=[a.pk]),
        )
        for a in rows
    ]
