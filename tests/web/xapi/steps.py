"""What a learner does in the xAPI tests, through the pages: read a lesson, pass the module
exam, submit a simulator attempt."""

from __future__ import annotations

import json

from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from academy.learning import content
from academy.learning.models import Attempt
from academy.simulator import content as simulator
from tests.web.learning import helpers as h

HOME = "https://academy.test"


def switch_on(settings: Settings, url: str, **more: object) -> None:
    """xAPI on, sending to `url` (the settings fixture of pytest-django)."""
    values = {
        "XAPI_LRS_URL": url,
        "XAPI_LRS_USERNAME": "academy",
        "XAPI_LRS_PASSWORD": "lrs-test-password-not-a-secret",
        "XAPI_HOMEPAGE": HOME,
        "XAPI_TIMEOUT_SECONDS": 5,
        **more,
    }
    for name, value in values.items():
        setattr(settings, name, value)


def read_lesson(client: Client, w: h.World) -> str:
    lesson = content.lessons_for(w.run.course, h.MODULE)[0]
    response = client.post(reverse("learning:lesson", args=[w.run.pk, lesson.id]))
    assert response.status_code in (200, 302), response.status_code
    return lesson.id


def pass_exam(client: Client, w: h.World) -> Attempt:
    attempt = h.answer_all(client, h.start(client, w), lambda i, q: h.right_answer(q))
    assert attempt.passed is True
    return attempt


def attempt_simulator(client: Client, exercise_id: str = "jowl", face: str = "female") -> None:
    """A test-mode attempt with the exercise's model answer on `face` (it passes)."""
    ex = simulator.exercise(exercise_id)
    assert ex is not None
    plan = simulator.plan_as_xy(simulator.model_answer(ex), simulator.face(face, ex.view))
    response = client.post(
        f"/simulator/{exercise_id}/submit/",
        {"plan": json.dumps(plan), "face": face, "mode": "test"},
    )
    assert response.status_code in (200, 302), response.status_code
