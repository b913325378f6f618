"""Builders and steps for the learning tests: a run with a learner, a trainer and an admin, and
answering a quiz through the pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.urls import reverse

from academy.accounts.models import Role, User
from academy.catalog.models import CourseRun, Enrolment, EnrolmentStatus
from academy.learning import content
from academy.learning.models import Attempt, CourseModule, QuizMode
from tests.web.catalog import factories
from tests.web.conftest import make_user
from threadlift.content import Question, correct_region

MODULE = "anatomy_ageing"


@dataclass
class World:
    run: CourseRun
    learner: User
    trainer: User
    admin: User


def world(learner: User, trainer: User, admin: User, **module: Any) -> World:
    """A run of a course of the admin's academy, taught by `trainer`, `learner` enrolled; the
    anatomy module's quiz configured with `module` (all other modules are not used)."""
    provider = factories.provider(admins=[admin])
    course = factories.course(provider)
    run = factories.run(course)
    run.trainers.add(trainer)
    enrol(run, learner)
    settings = {"quiz_size": 5, "pass_mark": 70, "mode": QuizMode.EXAM, **module}
    CourseModule.objects.create(course=course, module_id=MODULE, position=1, **settings)
    return World(run, learner, trainer, admin)


def enrol(run: CourseRun, user: User, status: str = EnrolmentStatus.ENROLLED) -> Enrolment:
    return Enrolment.objects.create(run=run, learner=user, status=status)


def learner(n: int) -> User:
    return make_user(f"learner{n}@example.org", f"Learner {n}", Role.LEARNER)


def pool() -> dict[str, Question]:
    return {q.id: q for q in content.curriculum().questions[MODULE]}


def right_answer(item: Question) -> dict[str, Any]:
    if item.kind == "hotspot":
        assert item.view is not None
        assert item.answer is not None
        p = correct_region(item.view, item.answer, content.kb()).representative_point()
        return {"x": f"{p.x:.3f}", "y": f"{p.y:.3f}"}
    return {"option": [o.id for o in item.options if o.correct]}


def wrong_answer(item: Question) -> dict[str, Any]:
    if item.kind == "hotspot":
        return {"x": "-900", "y": "-900"}
    return {"option": [next(o.id for o in item.options if not o.correct)]}


def start(client: Client, w: World) -> Attempt:
    response = client.post(reverse("learning:quiz", args=[w.run.pk, MODULE]))
    assert response.status_code == 302, response.status_code
    return Attempt.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def answer(client: Client, attempt: Attempt, position: int, data: dict[str, Any]) -> Any:
    return client.post(
        reverse("learning:attempt", args=[attempt.pk]), {"position": position, **data}
    )


def answer_all(
    client: Client, attempt: Attempt, choose: Callable[[int, Question], dict[str, Any]]
) -> Attempt:
    items = pool()
    attempt.refresh_from_db()
    for position, entry in enumerate(attempt.items):
        response = answer(client, attempt, position, choose(position, items[entry["id"]]))
        assert response.status_code == 302, (position, response.status_code)
    attempt.refresh_from_db()
    return attempt
