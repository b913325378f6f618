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
from academy.learning.exams import blueprint_json
from academy.learning.models import Attempt, CourseModule
from tests.web.catalog import factories
from tests.web.conftest import make_user
from threadlift.content import Question, correct_region
from threadlift.content.forms import Blueprint, default_blueprint, pool_counts

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
    size = module.pop("quiz_size", 5)
    settings = {"pass_mark": 70, "blueprint": small_blueprint(size), **module}
    CourseModule.objects.create(course=course, module_id=MODULE, position=1, **settings)
    if size >= 100:
        use_whole_pool(run)
    return World(run, learner, trainer, admin)


def use_whole_pool(run: CourseRun) -> None:
    """Every exam form of the anatomy module is its whole pool (the academy's items too)."""
    items = content.question_pool(run.course, MODULE)
    CourseModule.objects.filter(course=run.course, module_id=MODULE).update(
        blueprint=blueprint_json(Blueprint.from_counts(pool_counts(items)))
    )


def small_blueprint(size: int, module_id: str = MODULE) -> dict[str, dict[str, int]]:
    """The first `size` items of the module's curriculum blueprint, cell by cell (tests answer
    every item of a form through the pages, so small forms keep them short)."""
    blueprint = default_blueprint(module_id)
    assert blueprint is not None
    counts: dict[tuple[str, int], int] = {}
    for cell, n in blueprint.counts().items():
        take = min(n, size - sum(counts.values()))
        if take > 0:
            counts[cell] = take
    return blueprint_json(Blueprint.from_counts(counts))


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


def start(client: Client, w: World, what: str = "exam") -> Attempt:
    response = client.post(reverse("learning:quiz", args=[w.run.pk, MODULE]), {"what": what})
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
