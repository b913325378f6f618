"""API = pages: the JSON API and the pages answer the same question the same way, for every
persona, because both read through the catalog's selectors and access helpers.

The questions are those on which the API once drifted (issue 25): may this practitioner join a
run whose hands-on practice is in South Korea (the venue's rule); is an archived course shown;
does a learner on a run the provider has since unpublished still reach it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from academy.accounts.models import Role, User
from academy.api.tokens import token_create
from academy.catalog.models import Course, CourseRun, Enrolment
from tests.web.api.conftest import ApiClient
from tests.web.catalog import factories as f
from tests.web.conftest import client_for, make_user

pytestmark = pytest.mark.django_db


@dataclass
class World:
    seoul: CourseRun  # a nurses' hands-on run in Seoul: South Korea bars nurses from threads
    london: CourseRun  # the same course in London: open to a UK nurse
    archived: Course  # published, then archived
    unpublished: CourseRun  # not published: only the enrolled learner's (Emil's) run


@pytest.fixture
def world(db: None) -> World:
    academy = f.provider(allows_unverified=True)
    both = ["registered_nurse", "physician"]
    course = f.course(academy, professions=both)
    archived = f.course(academy, professions=both, archived=True)
    f.run(archived)
    return World(
        seoul=f.run(course, country="KR", city="Seoul"),
        london=f.run(course),
        archived=archived,
        unpublished=f.run(f.course(academy, professions=both), published=False),
    )


def anonymous(world: World) -> User | None:
    return None


def learner(world: World) -> User:
    return make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)


def enrolled_learner(world: World) -> User:
    user = make_user("emil@example.org", "Dr Emil Enrolled", Role.LEARNER)
    Enrolment.objects.create(run=world.unpublished, learner=user, status="enrolled")
    return user


def nurse(world: World) -> User:
    return make_user("nora@example.org", "Nora Nurse", Role.LEARNER, "registered_nurse")


def trainer(world: World) -> User:
    user = make_user("theo@example.org", "Dr Theo Trainer", Role.TRAINER, "plastic_surgeon")
    world.seoul.trainers.add(user)
    return user


def admin_of_another_academy(world: World) -> User:
    user = make_user("ada@example.org", "Ada Admin", Role.ACADEMY_ADMIN)
    f.provider(admins=[user])
    return user


PERSONAS: list[Callable[[World], User | None]] = [
    anonymous,
    learner,
    enrolled_learner,
    nurse,
    trainer,
    admin_of_another_academy,
]


def api_for(user: User | None) -> ApiClient:
    if user is None:
        return ApiClient()
    return ApiClient(token=token_create(user=user, name="same answer", scope="read").secret)


def page_decision(user: User | None, run: CourseRun) -> bool | None:
    response = client_for(user).get(reverse("catalog:run", args=[run.pk]))
    assert response.status_code == 200
    decision = response.context["decision"]
    return None if decision is None else decision.allowed


def api_decision(user: User | None, run: CourseRun) -> bool | None:
    response = api_for(user).get(f"/catalog/runs/{run.pk}")
    assert response.status_code == 200, response.content
    eligibility: dict[str, Any] | None = response.json()["eligibility"]
    if user is not None:  # the signed-in learner's own question gives the same answer again
        own = api_for(user).get(f"/catalog/runs/{run.pk}/eligibility").json()["decision"]
        assert (own and own["allowed"]) == (eligibility and eligibility["allowed"])
    return None if eligibility is None else eligibility["allowed"]


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.__name__)
def test_the_page_and_the_api_give_the_same_eligibility_venue_rule_included(
    persona: Callable[[World], User | None], world: World
) -> None:
    user = persona(world)
    for run in (world.seoul, world.london):
        assert page_decision(user, run) == api_decision(user, run), (persona.__name__, run)


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.__name__)
def test_the_page_and_the_api_both_hide_an_archived_course(
    persona: Callable[[World], User | None], world: World
) -> None:
    user = persona(world)
    course = world.archived
    slugs = [course.provider.slug, course.slug]
    page = client_for(user).get(reverse("catalog:course", args=slugs))
    api = api_for(user).get(f"/catalog/providers/{slugs[0]}/courses/{slugs[1]}")
    assert page.status_code == api.status_code == 404
    listed_on_page = course in page_courses(user, course.provider.slug)
    listed_in_api = course.pk in {
        c["id"] for c in api_for(user).get(f"/catalog/providers/{slugs[0]}").json()["courses"]
    }
    assert listed_on_page is listed_in_api is False


def page_courses(user: User | None, provider_slug: str) -> list[Course]:
    response = client_for(user).get(reverse("catalog:provider", args=[provider_slug]))
    return list(response.context["courses"])


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.__name__)
def test_the_page_and_the_api_agree_on_who_reaches_an_unpublished_run(
    persona: Callable[[World], User | None], world: World
) -> None:
    user = persona(world)
    run = world.unpublished
    page = client_for(user).get(reverse("catalog:run", args=[run.pk]))
    api = api_for(user).get(f"/catalog/runs/{run.pk}")
    assert page.status_code == api.status_code
    assert page.status_code == (200 if persona is enrolled_learner else 404)


# The three drifts of issue 25, each as the plain sentence it was reported as.


def test_the_api_applies_the_venues_rule_a_nurse_may_not_join_a_hands_on_run_in_seoul(
    nora: User,
) -> None:
    nurses = f.course(f.provider(allows_unverified=True), professions=["registered_nurse"])
    seoul = f.run(nurses, country="KR", city="Seoul")
    client = api_for(nora)
    decision = client.get(f"/catalog/runs/{seoul.pk}/eligibility").json()["decision"]
    assert decision["allowed"] is False
    blocking = {r["code"] for r in decision["reasons"] if r["severity"] == "blocks"}
    assert blocking == {"venue_regulation_may_not"}
    assert client.get(f"/catalog/runs/{seoul.pk}").json()["eligibility"]["allowed"] is False


def test_the_api_does_not_serve_an_archived_course(lena: User) -> None:
    course = f.course(f.provider(allows_unverified=True), archived=True)
    client = api_for(lena)
    response = client.get(f"/catalog/providers/{course.provider.slug}/courses/{course.slug}")
    assert response.status_code == 404
    provider = client.get(f"/catalog/providers/{course.provider.slug}").json()
    assert provider["courses"] == []


def test_an_enrolled_learner_gets_their_unpublished_run_from_the_api(lena: User) -> None:
    run = f.run(f.course(f.provider(allows_unverified=True)))
    Enrolment.objects.create(run=run, learner=lena, status="enrolled")
    run.published = False
    run.save(update_fields=["published"])
    assert api_for(lena).get(f"/catalog/runs/{run.pk}").json()["id"] == run.pk
    assert ApiClient().get(f"/catalog/runs/{run.pk}").status_code == 404
