"""Academy admins' operations: the pages' forms validate, the pages' services save."""

from __future__ import annotations

from typing import Any

import pytest

from academy.accounts.models import Role, User
from academy.catalog.models import Course, CourseRun
from tests.web.api.conftest import assert_error, session_client, token_client
from tests.web.builders import run_body
from tests.web.catalog import factories as f
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db

COURSE = {
    "title": "Jawline threads",
    "slug": "jawline",
    "summary": "Lower face.",
    "level": "advanced",
    "materials": ["pdo", "plla"],
    "designs": ["cog_bidirectional"],
    "topics": ["anatomy", "complications"],
    "professions": ["physician", "dentist"],
}


@pytest.fixture
def bob(db: None) -> User:
    """Bob administers another academy."""
    return make_user("bob@example.org", "Bob Other-Academy", Role.ACADEMY_ADMIN)


def test_an_admin_creates_updates_and_publishes_a_course(ada: User) -> None:
    provider = f.provider(admins=[ada])
    client = token_client(ada, "write")
    response = client.post(f"/academy/providers/{provider.pk}/courses", COURSE)
    assert response.status_code == 201, response.content
    course = Course.objects.get(pk=response.json()["id"])
    assert (course.material_list, course.published) == (["pdo", "plla"], False)
    updated = client.patch(f"/academy/courses/{course.pk}", {"title": "Jawline and neck"})
    assert updated.json()["title"] == "Jawline and neck"
    assert updated.json()["materials"] == ["pdo", "plla"]
    published = client.post(f"/academy/courses/{course.pk}/publish", {"published": True})
    assert published.json()["published"] is True
    listed = client.get("/academy/courses").json()
    assert [c["id"] for c in listed] == [course.pk]


def test_course_form_errors_come_back_as_fields(ada: User) -> None:
    provider = f.provider(admins=[ada])
    client = session_client(ada)
    error = assert_error(
        client.post(f"/academy/providers/{provider.pk}/courses", {**COURSE, "slug": "not a slug"}),
        422,
    )
    assert set(error["fields"]) == {"slug"}
    error = assert_error(
        client.post(f"/academy/providers/{provider.pk}/courses", {**COURSE, "level": "expert"}),
        422,
    )
    assert set(error["fields"]) == {"level"}


def test_an_admin_creates_a_run_with_the_pages_validation(ada: User) -> None:
    course = f.course(f.provider(admins=[ada]))
    client = session_client(ada)
    response = client.post(f"/academy/courses/{course.pk}/runs", run_body())
    assert response.status_code == 201, response.content
    run = CourseRun.objects.get(pk=response.json()["id"])
    assert (run.country, run.currency, run.published) == ("GB", "GBP", False)
    error = assert_error(
        client.post(f"/academy/courses/{course.pk}/runs", run_body(hands_on_hours=0)), 422
    )
    assert error["fields"] == {
        "hands_on_hours": "A run that claims hands-on practice needs more than 0 hands-on hours."
    }
    error = assert_error(client.post(f"/academy/courses/{course.pk}/runs", run_body(city="")), 422)
    assert set(error["fields"]) == {"city"}


def test_an_admin_updates_publishes_and_cancels_a_run(ada: User) -> None:
    run = f.run(f.course(f.provider(admins=[ada])), published=False)
    client = session_client(ada)
    assert client.patch(f"/academy/runs/{run.pk}", {"seats": 20}).json()["seats"] == 20
    off = client.patch(f"/academy/runs/{run.pk}", {"hands_on": False, "hands_on_hours": 0})
    assert off.json()["hands_on"] is False
    assert client.post(f"/academy/runs/{run.pk}/publish", {"published": True}).json()["published"]
    assert client.post(f"/academy/runs/{run.pk}/cancel").json()["cancelled"] is True
    run.refresh_from_db()
    assert (run.seats, run.published, run.cancelled) == (20, True, True)


def test_another_academys_admin_is_refused_everything(ada: User, bob: User) -> None:
    run = f.run(f.course(f.provider(admins=[ada])))
    course = run.course
    client = session_client(bob)
    assert client.get("/academy/courses").json() == []
    assert_error(client.post(f"/academy/providers/{course.provider.pk}/courses", COURSE), 404)
    assert_error(client.patch(f"/academy/courses/{course.pk}", {"title": "Mine now"}), 404)
    assert_error(client.post(f"/academy/courses/{course.pk}/publish", {"published": False}), 404)
    assert_error(client.post(f"/academy/courses/{course.pk}/runs", run_body()), 404)
    assert_error(client.patch(f"/academy/runs/{run.pk}", {"seats": 1}), 404)
    assert_error(client.post(f"/academy/runs/{run.pk}/cancel"), 404)
    run.refresh_from_db()
    assert not run.cancelled


def test_a_learner_is_refused_the_admin_operations(lena: User) -> None:
    assert_error(session_client(lena).get("/academy/courses"), 403, "forbidden")


def test_the_course_list_runs_a_bounded_number_of_queries(
    ada: User, django_assert_max_num_queries: Any
) -> None:
    provider = f.provider(admins=[ada])
    for _ in range(6):
        course = f.course(provider)
        f.run(course)
        f.run(course)
    client = session_client(ada)
    with django_assert_max_num_queries(8):
        body = client.get("/academy/courses").json()
    assert sum(len(c["runs"]) for c in body) == 12
