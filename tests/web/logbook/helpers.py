"""Builders for logbook tests: a hands-on run taught by a trainer, with a learner enrolled."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.test import Client
from django.utils import timezone

from academy.accounts.models import User
from academy.catalog.models import CourseRun, Enrolment, EnrolmentStatus
from academy.logbook.plans import reference_plan_json
from tests.web.catalog import factories


def hands_on_run(trainer: User, *learners: User, admins: list[User] | None = None) -> CourseRun:
    prov = factories.provider(admins=admins or [])
    run = factories.run(
        factories.course(prov), starts_on=timezone.localdate() - dt.timedelta(days=3)
    )
    run.trainers.add(trainer)
    for learner in learners:
        Enrolment.objects.create(run=run, learner=learner, status=EnrolmentStatus.ENROLLED)
    return run


def case_post(run: CourseRun, **overrides: Any) -> dict[str, Any]:
    day = timezone.localdate() - dt.timedelta(days=1)
    data: dict[str, Any] = {
        "run": run.pk,
        "date": day.isoformat(),
        "setting": "model",
        "clinic_name": "",
        "supervision": "supervised",
        "indication": "jowl",
        "anaesthesia": "local_infiltration",
        "consent_confirmed": "on",
        "outcome": "Completed without incident.",
        "complications": ["swelling"],
        "notes": "",
        "reference": "",
        "plan_text": reference_plan_json()["jowl"],
        "products-TOTAL_FORMS": "1",
        "products-INITIAL_FORMS": "0",
        "products-MIN_NUM_FORMS": "0",
        "products-MAX_NUM_FORMS": "10",
        "products-0-product": "mint",
        "products-0-batch": "LOT-12345",
        "products-0-expiry": (day + dt.timedelta(days=200)).isoformat(),
        "products-0-quantity": "4",
    }
    data.update(overrides)
    return data


def log_case(client: Client, run: CourseRun, **overrides: Any) -> Any:
    return client.post("/logbook/cases/new/", case_post(run, **overrides))


def plan_with(threads: list[Any]) -> str:
    plan = json.loads(reference_plan_json()["jowl"])
    plan["threads"] = threads
    return json.dumps(plan)
