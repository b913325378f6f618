"""Builders for practice tests: a run with trainers and enrolled learners, sessions, and a
volunteer's answers as the public form posts them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from academy.accounts.models import User
from academy.catalog.models import CourseRun, Enrolment, EnrolmentStatus, Provider
from academy.practice.models import PracticalSession
from tests.web.builders import SUITABLE
from tests.web.catalog import factories as f

VOLUNTEER: dict[str, Any] = {
    # the consultation's screening answers of a suitable patient, as a volunteer gives them
    **SUITABLE,
    "full_name": "Sam Model",
    "email": "sam.model@example.org",
    "phone": "+44 20 7946 0000",
    "consent": "on",
    "age": "48",
    "bmi": "23",
}


def run_for(
    *,
    admins: list[User] = (),
    trainers: list[User] = (),
    provider: Provider | None = None,  # type: ignore[assignment]
) -> CourseRun:
    prov = provider or f.provider(admins=list(admins))
    run = f.run(f.course(prov))
    run.trainers.set(list(trainers))
    return run


def enrol(run: CourseRun, *learners: User) -> None:
    for learner in learners:
        Enrolment.objects.create(run=run, learner=learner, status=EnrolmentStatus.ENROLLED)


def session_for(run: CourseRun, *, places: int = 2, slots: int = 1, **kw: Any) -> PracticalSession:
    session = PracticalSession.objects.create(
        run=run,
        date=kw.pop("date", run.starts_on),
        starts_at=dt.time(9, 0),
        ends_at=dt.time(12, 30),
        venue="Clinical skills room 2",
        places=places,
        model_slots_per_delegate=slots,
        **kw,
    )
    session.trainers.set(list(run.trainers.all()))
    return session


def today() -> dt.date:
    return timezone.localdate()
