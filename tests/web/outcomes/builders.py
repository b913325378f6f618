"""Builders for outcome tests: treated cases with follow-ups, made through the services."""

from __future__ import annotations

import datetime as dt
import json

from django.utils import timezone

from academy.accounts.models import User
from academy.catalog.models import CourseRun
from academy.logbook.models import Case, CaseProduct
from academy.logbook.plans import reference_plan_json
from academy.outcomes.models import FollowUp
from academy.outcomes.services import ComplicationEntry, follow_up_record, schedule_follow_ups


def treated_case(
    learner: User,
    run: CourseRun,
    *,
    days_ago: int = 20,
    product: str = "mint",
    plan: dict | None = None,
) -> Case:
    """A logged case (as the logbook's service leaves it) with its follow-ups scheduled."""
    case = Case.objects.create(
        learner=learner,
        run=run,
        date=timezone.localdate() - dt.timedelta(days=days_ago),
        setting="model",
        supervision="supervised",
        indication="jowl",
        anaesthesia="local_infiltration",
        plan=plan or json.loads(reference_plan_json()["jowl"]),
        plan_score={"passed": True, "findings": []},
        consent_confirmed=True,
    )
    CaseProduct.objects.create(
        case=case, product=product, batch="LOT-1", expiry=case.date + dt.timedelta(days=300)
    )
    schedule_follow_ups(case=case)
    return case


def seen(case: Case, *, complication: str | None = None, day: int = 3) -> FollowUp:
    """Record the case's follow-up of `day` as seen, with one complication if given."""
    item = FollowUp.objects.get(case=case, day=day)
    entries = (
        [ComplicationEntry(complication=complication, severity="mild", onset_day=2)]
        if complication
        else []
    )
    return follow_up_record(
        follow_up=item,
        recorded_by=case.learner,
        seen=True,
        seen_on=case.date + dt.timedelta(days=day),
        not_seen_reason="",
        symptoms=[],
        satisfaction=4,
        notes="",
        complications=entries,
    )
