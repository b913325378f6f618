"""Reads of the portfolio shared by the pages, the downloads and the statement."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from academy.accounts.models import User
from academy.catalog.models import Provider
from academy.cpd.models import (
    CreditEntry,
    CreditType,
    DevelopmentGoal,
    ExternalActivity,
    FeedbackNote,
    Reflection,
)
from academy.logbook import selectors as logbook_selectors
from threadlift.cpd.statement import Totals

ZERO = Decimal("0")


def ledger_of(learner: User) -> QuerySet[CreditEntry]:
    return CreditEntry.objects.filter(learner=learner).order_by("-awarded_on", "-id")


def ledger_of_academy(provider: Provider) -> QuerySet[CreditEntry]:
    return CreditEntry.objects.filter(provider=provider).order_by("-awarded_on", "-id")


def external_of(learner: User) -> QuerySet[ExternalActivity]:
    return ExternalActivity.objects.filter(learner=learner)


def reflections_of(learner: User) -> QuerySet[Reflection]:
    return Reflection.objects.filter(learner=learner).select_related(
        "credit", "external", "feedback", "assessment"
    )


def goals_of(learner: User) -> QuerySet[DevelopmentGoal]:
    return DevelopmentGoal.objects.filter(learner=learner)


@dataclass(frozen=True)
class FeedbackItem:
    """One piece of practice-related feedback, wherever it was recorded."""

    kind: str  # "note" (recorded by the learner) or a workplace-based form: cbd, mini_cex, msf…
    source: str
    received_on: dt.date
    summary: str
    url: str = ""  # the assessment's page, for a workplace-based form


def feedback_items(*, learner: User, start: dt.date, end: dt.date) -> list[FeedbackItem]:
    """THE list of the learner's feedback in [start, end]: the statement counts it. Feedback
    recorded elsewhere (the logbook's workplace-based assessments: MSF, patient feedback) is
    added here, and only here."""
    notes = FeedbackNote.objects.filter(
        learner=learner, received_on__gte=start, received_on__lte=end
    )
    items = [FeedbackItem("note", n.get_source_display(), n.received_on, n.summary) for n in notes]
    for a in logbook_selectors.feedback_received(learner=learner, start=start, end=end):
        who = a.assessor if a.verified else f"{a.assessor} (assessor not yet confirmed)"
        items.append(FeedbackItem(a.kind, who, a.date, f"{a.label} completed", a.url))
    return sorted(items, key=lambda item: item.received_on)


def totals_for(*, learner: User, start: dt.date, end: dt.date) -> Totals:
    """The learner's records within [start, end], as the statement counts them: ledger credits
    (reversals included) and external CPD by type, feedback, reflections, plan goals."""
    credits = CreditEntry.objects.filter(
        learner=learner, awarded_on__gte=start, awarded_on__lte=end
    ).aggregate(p=Sum("participatory_hours"), s=Sum("self_directed_hours"))
    external = ExternalActivity.objects.filter(learner=learner, date__gte=start, date__lte=end)
    ext = external.aggregate(
        p=Sum("hours", filter=Q(credit_type=CreditType.PARTICIPATORY)),
        s=Sum("hours", filter=Q(credit_type=CreditType.SELF_DIRECTED)),
    )
    participatory = (credits["p"] or ZERO) + (ext["p"] or ZERO)
    self_directed = (credits["s"] or ZERO) + (ext["s"] or ZERO)
    return Totals(
        cpd_hours=participatory + self_directed,
        participatory_hours=participatory,
        feedback=len(feedback_items(learner=learner, start=start, end=end)),
        reflections=Reflection.objects.filter(
            learner=learner, written_on__gte=start, written_on__lte=end
        ).count(),
        pdp=DevelopmentGoal.objects.filter(learner=learner).count(),
    )
