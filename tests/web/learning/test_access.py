"""Who may open which learning page: every URL against the personas who must be refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from academy.accounts.models import Role, User
from academy.catalog.models import EnrolmentStatus
from tests.web.catalog import factories
from tests.web.conftest import client_for, make_user
from tests.web.learning import helpers as h

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(lena: User, theo: User, ada: User) -> h.World:
    return h.World(**vars(h.world(lena, theo, ada)))


@pytest.fixture
def finished(w: h.World) -> int:
    client = client_for(w.learner)
    return h.answer_all(client, h.start(client, w), lambda i, q: h.wrong_answer(q)).pk


def _outsiders() -> dict[str, User]:
    """Another learner; a trainer of another run; another academy's admin."""
    other_learner = make_user("other@example.org", "Other Learner", Role.LEARNER)
    other_trainer = make_user("otrainer@example.org", "Other Trainer", Role.TRAINER)
    other_admin = make_user("oadmin@example.org", "Other Admin", Role.ACADEMY_ADMIN)
    other_run = factories.run(factories.course(factories.provider(admins=[other_admin])))
    other_run.trainers.add(other_trainer)
    h.enrol(other_run, other_learner)
    return {"learner": other_learner, "trainer": other_trainer, "admin": other_admin}


def test_anonymous_visitors_are_sent_to_log_in_from_every_learning_page(
    w: h.World, finished: int
) -> None:
    urls = [
        reverse("learning:index"),
        reverse("learning:teaching"),
        reverse("learning:run", args=[w.run.pk]),
        reverse("learning:lesson", args=[w.run.pk, "danger_zones"]),
        reverse("learning:case", args=[w.run.pk, "x"]),
        reverse("learning:quiz", args=[w.run.pk, h.MODULE]),
        reverse("learning:attempt", args=[finished]),
        reverse("learning:feedback", args=[finished, 0]),
        reverse("learning:result", args=[finished]),
        reverse("learning:trainer", args=[w.run.pk]),
        reverse("learning:course_modules", args=[w.run.course.pk]),
    ]
    anonymous = client_for(None)
    for url in urls:
        response = anonymous.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url
    for url in (
        reverse("learning:practice", args=[w.run.pk, h.MODULE]),
        reverse("learning:flag", args=[finished, 0]),
    ):
        response = anonymous.post(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_a_learner_sees_only_runs_they_are_enrolled_in(w: h.World, nora: User) -> None:
    client = client_for(nora)
    assert client.get(reverse("learning:run", args=[w.run.pk])).status_code == 404
    assert (
        client.get(reverse("learning:lesson", args=[w.run.pk, "danger_zones"])).status_code == 404
    )
    assert client.post(reverse("learning:quiz", args=[w.run.pk, h.MODULE])).status_code == 404
    case_url = reverse("learning:case", args=[w.run.pk, "case_anticoagulant"])
    assert client.get(case_url).status_code == 404
    assert client.post(reverse("learning:practice", args=[w.run.pk, h.MODULE])).status_code == 404
    assert client_for(w.learner).get(reverse("learning:run", args=[w.run.pk])).status_code == 200


@pytest.mark.parametrize("status", [EnrolmentStatus.WAITLISTED, EnrolmentStatus.CANCELLED])
def test_a_waitlisted_or_cancelled_learner_has_no_learning_pages(
    w: h.World, nora: User, status: str
) -> None:
    h.enrol(w.run, nora, status)
    client = client_for(nora)
    assert client.get(reverse("learning:run", args=[w.run.pk])).status_code == 404
    assert client.get(reverse("learning:index")).content.decode().count(w.run.course.title) == 0


def test_a_learner_cannot_see_another_learners_attempt(w: h.World, finished: int) -> None:
    other = _outsiders()["learner"]
    h.enrol(w.run, other)  # even on the same run
    client = client_for(other)
    assert client.get(reverse("learning:result", args=[finished])).status_code == 404
    assert client.get(reverse("learning:attempt", args=[finished])).status_code == 404
    assert client.get(reverse("learning:feedback", args=[finished, 0])).status_code == 404
    assert (
        client.post(reverse("learning:flag", args=[finished, 0]), {"comment": "x"}).status_code
        == 404
    )


def test_the_runs_trainer_and_the_academys_admin_see_an_attempt_and_outsiders_do_not(
    w: h.World, finished: int
) -> None:
    url = reverse("learning:result", args=[finished])
    assert client_for(w.trainer).get(url).status_code == 200
    assert client_for(w.admin).get(url).status_code == 200
    for who, user in _outsiders().items():
        assert client_for(user).get(url).status_code == 404, who


def test_a_trainer_or_admin_cannot_answer_a_learners_attempt(w: h.World, finished: int) -> None:
    for user in (w.trainer, w.admin):
        assert client_for(user).get(reverse("learning:attempt", args=[finished])).status_code == 403


def test_the_trainer_view_is_for_the_runs_trainers_and_academy_admins(w: h.World) -> None:
    url = reverse("learning:trainer", args=[w.run.pk])
    assert client_for(w.trainer).get(url).status_code == 200
    assert client_for(w.admin).get(url).status_code == 200
    assert client_for(w.learner).get(url).status_code == 403
    outsiders = _outsiders()
    assert client_for(outsiders["trainer"]).get(url).status_code == 404
    assert client_for(outsiders["admin"]).get(url).status_code == 404
    assert client_for(outsiders["learner"]).get(url).status_code == 403


def test_the_teaching_list_shows_only_the_users_runs(w: h.World) -> None:
    outsiders = _outsiders()
    page = client_for(outsiders["trainer"]).get(reverse("learning:teaching")).content.decode()
    assert reverse("learning:trainer", args=[w.run.pk]) not in page
    page = client_for(w.trainer).get(reverse("learning:teaching")).content.decode()
    assert reverse("learning:trainer", args=[w.run.pk]) in page
    assert client_for(w.learner).get(reverse("learning:teaching")).status_code == 403


def test_the_module_mapping_is_edited_only_by_the_courses_academy_admins(w: h.World) -> None:
    url = reverse("learning:course_modules", args=[w.run.course.pk])
    assert client_for(w.admin).get(url).status_code == 200
    assert client_for(w.trainer).get(url).status_code == 403
    assert client_for(w.learner).get(url).status_code == 403
    assert client_for(_outsiders()["admin"]).get(url).status_code == 404
