"""Simulator test helpers: plans on a chosen face, attempts submitted through the page."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from academy.accounts.models import User
from academy.catalog.models import CourseRun, Enrolment, EnrolmentStatus
from academy.simulator import content
from tests.web.catalog import factories


def good_plan(face_id: str = "female", exercise_id: str = "jowl") -> dict[str, Any]:
    """The exercise's model answer with its points resolved on the face: it passes."""
    ex = content.exercise(exercise_id)
    assert ex is not None
    return content.plan_as_xy(content.model_answer(ex), content.face(face_id, ex.view))


def risky_plan(face_id: str = "female") -> dict[str, Any]:
    """One model-answer thread moved under the SMAS: it crosses the parotid duct where the
    duct is at risk (a critical finding)."""
    plan = good_plan(face_id)
    return {**plan, "threads": [{**plan["threads"][0], "plane": "sub_smas"}]}


def submit(client: Client, plan: Any, *, face: str = "female", mode: str = "test") -> Any:
    return client.post(
        "/simulator/jowl/submit/",
        {
            "plan": json.dumps(plan) if not isinstance(plan, str) else plan,
            "face": face,
            "mode": mode,
        },
    )


@pytest.fixture
def theos_run(theo: User, lena: User) -> CourseRun:
    """A run Theo teaches, with Lena enrolled."""
    run = factories.run()
    run.trainers.add(theo)
    Enrolment.objects.create(run=run, learner=lena, status=EnrolmentStatus.ENROLLED)
    return run
