"""The trainer's workspace: a trainer sees the runs they teach (an academy admin their
academy's runs) with the roster, sessions, bookings, attendance and the models booked; nobody
else's."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from academy.accounts.models import Role, User
from academy.practice import services
from academy.practice.models import Attendance, VolunteerApplication
from tests.web.catalog import factories as f
from tests.web.conftest import client_for, make_user
from tests.web.practice.helpers import VOLUNTEER, enrol, run_for, session_for, today

pytestmark = pytest.mark.django_db


def other_trainer() -> User:
    return make_user("tess@example.org", "Dr Tess Other", Role.TRAINER)


def test_a_trainer_sees_only_the_runs_they_teach(theo: User) -> None:
    mine = run_for(trainers=[theo])
    theirs = run_for(trainers=[other_trainer()])
    html = client_for(theo).get(reverse("practice:teach")).content.decode()
    assert mine.course.title in html
    assert theirs.course.title not in html


def test_an_academy_admin_sees_their_academys_runs(ada: User) -> None:
    mine = run_for(admins=[ada])
    theirs = run_for()
    html = client_for(ada).get(reverse("practice:teach")).content.decode()
    assert mine.course.title in html
    assert theirs.course.title not in html
    assert client_for(ada).get(reverse("practice:teach_run", args=[theirs.pk])).status_code == 404


def test_the_trainer_reads_the_roster_of_their_run(theo: User, lena: User) -> None:
    run = run_for(trainers=[theo])
    enrol(run, lena)
    response = client_for(theo).get(reverse("practice:teach_run", args=[run.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert lena.full_name in html
    assert "New session" not in html  # trainers only read


def test_the_workspace_refuses_everyone_else(theo: User, lena: User, client: Client) -> None:
    run = run_for(trainers=[theo])
    url = reverse("practice:teach_run", args=[run.pk])
    assert client_for(other_trainer()).get(url).status_code == 404
    assert client_for(lena).get(url).status_code == 403
    assert client_for(lena).get(reverse("practice:teach")).status_code == 403
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_trainer_marks_attendance_and_another_trainer_cannot(
    theo: User, lena: User, nora: User
) -> None:
    run = run_for(trainers=[theo])
    enrol(run, lena, nora)
    session = session_for(run, places=1)
    booked = services.booking_create(session_id=session.pk, learner=lena, today=today())
    waiting = services.booking_create(session_id=session.pk, learner=nora, today=today())
    url = reverse("practice:attendance", args=[booked.pk])
    assert client_for(theo).post(url, {"attendance": "attended"}).status_code == 302
    booked.refresh_from_db()
    assert booked.attendance == Attendance.ATTENDED
    assert client_for(other_trainer()).post(url, {"attendance": "no_show"}).status_code == 404
    assert client_for(lena).post(url, {"attendance": "no_show"}).status_code == 403
    client_for(theo).post(url, {"attendance": "maybe"})
    booked.refresh_from_db()
    assert booked.attendance == Attendance.ATTENDED
    client_for(theo).post(
        reverse("practice:attendance", args=[waiting.pk]), {"attendance": "attended"}
    )
    waiting.refresh_from_db()
    assert waiting.attendance == ""  # only learners holding a place attend


def test_the_workspace_shows_models_per_session_with_their_verdicts(ada: User, theo: User) -> None:
    run = run_for(admins=[ada], trainers=[theo])
    session = session_for(run)
    Client().post(reverse("practice:volunteer", args=[session.pk]), VOLUNTEER)
    Client().post(
        reverse("practice:volunteer", args=[session.pk]),
        {**VOLUNTEER, "email": "p@example.org", "full_name": "Pat Pregnant",
         "conditions": ["pregnancy"], "no_conditions": ""},
    )  # fmt: skip
    assert VolunteerApplication.objects.count() == 2
    html = client_for(theo).get(reverse("practice:teach_run", args=[run.pk])).content.decode()
    assert "Sam Model" in html
    assert "Pat Pregnant" in html
    assert "Not suitable" in html


def test_the_workspace_pages_run_a_bounded_number_of_queries(
    ada: User, theo: User, django_assert_max_num_queries: object
) -> None:
    provider = f.provider(admins=[ada])
    learners = [make_user(f"l{n}@example.org", f"Learner {n}", Role.LEARNER) for n in range(8)]
    for _ in range(4):
        run = run_for(provider=provider, trainers=[theo])
        enrol(run, *learners)
        for _ in range(3):
            session = session_for(run, places=4)
            for learner in learners[:6]:
                services.booking_create(session_id=session.pk, learner=learner, today=today())
            cache.clear()  # past the public form's rate limit: this is test data
            Client().post(reverse("practice:volunteer", args=[session.pk]), VOLUNTEER)
    assert VolunteerApplication.objects.count() == 12
    for user in (theo, ada):
        client = client_for(user)
        with django_assert_max_num_queries(14):  # type: ignore[operator]
            assert client.get(reverse("practice:teach")).status_code == 200
        # 18 of the workspace's own, plus the logbook's sections (bounded in tests/web/logbook)
        with django_assert_max_num_queries(24):  # type: ignore[operator]
            assert client.get(reverse("practice:teach_run", args=[run.pk])).status_code == 200


def test_practice_in_the_navigation_leads_teachers_to_teaching_and_learners_to_sessions(
    theo: User, ada: User, lena: User, vera: User
) -> None:
    for user, lands in ((theo, "/teach/"), (ada, "/teach/"), (lena, "/practice/sessions/")):
        client = client_for(user)
        assert 'href="/practice/"' in client.get("/").content.decode()
        assert client.get("/practice/")["Location"] == lands
    assert 'href="/practice/"' not in client_for(vera).get("/").content.decode()
