"""The simulator pages: learn mode for anyone, attempts stored for the signed-in, results with
findings and the model answer, mastery, and a trainer's view of a run."""

from __future__ import annotations

import re

import pytest
from pytest_django import DjangoAssertNumQueries

from academy.accounts.models import Role, User
from academy.catalog.models import CourseRun, Enrolment
from academy.simulator.models import Attempt
from tests.web.conftest import client_for, make_user
from tests.web.simulator.conftest import good_plan, risky_plan, submit

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_can_practise_in_learn_mode() -> None:
    client = client_for(None)
    assert client.get("/simulator/").status_code == 200
    page = client.get("/simulator/jowl/").content.decode()
    assert 'data-mode="learn"' in page
    assert "data-score-url=" in page
    assert "Log in</a> to submit" in page


def test_an_anonymous_visitor_cannot_save_an_attempt() -> None:
    response = submit(client_for(None), good_plan())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Attempt.objects.exists()


def test_test_mode_draws_the_face_without_its_danger_zones() -> None:
    client = client_for(None)
    page = client.get("/simulator/jowl/?mode=test&face=male").content.decode()
    face_url = re.search(r'data-face-url="([^"]+)"', page)
    assert face_url is not None
    assert "zones=0" in face_url.group(1)
    assert "data-score-url" not in page  # no live feedback in test mode
    hidden = client.get(face_url.group(1).replace("&amp;", "&")).content.decode()
    shown = client.get("/simulator/faces/lateral-left/male.svg?zones=1").content.decode()
    assert "data-zone=" not in hidden
    assert 'data-zone="parotid_duct"' in shown
    assert "<style" not in shown  # the page's CSP runs no inline style


def test_an_unknown_face_or_exercise_is_not_found() -> None:
    client = client_for(None)
    assert client.get("/simulator/faces/lateral-left/nobody.svg").status_code == 404
    assert client.get("/simulator/faces/upside-down/female.svg").status_code == 404
    assert client.get("/simulator/no-such-exercise/").status_code == 404


def test_a_risky_plan_fails_with_the_critical_finding_named_and_highlighted(lena: User) -> None:
    client = client_for(lena)
    response = submit(client, risky_plan())
    attempt = Attempt.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/simulator/attempts/{attempt.pk}/"
    assert attempt.critical
    assert not attempt.passed
    assert attempt.mode == "test"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private" or (
        "no-store" in page["Cache-Control"]
    )
    assert "not passed" in html
    assert 'data-finding-zone="parotid_duct"' in html
    assert 'data-zone="parotid_duct"' in html  # the zone drawn, for the page to outline
    assert 'data-severity="critical"' in html  # the thread drawn as critical
    assert "data-model-answer" in html
    assert "Show the model answer" in html


def test_a_bad_plan_re_renders_the_exercise_with_the_field_named(lena: User) -> None:
    plan = good_plan()
    plan["threads"][0]["plane"] = "bone"
    response = submit(client_for(lena), plan)
    assert response.status_code == 422
    html = response.content.decode()
    assert "threads[0].plane" in html
    assert '"plane": "bone"' in html  # what was drawn is kept (the canvas JSON block)
    for raw in ("not json", '{"view": "lateral-left", "indication": "jowl", "x": NaN}', "[]"):
        assert submit(client_for(lena), raw).status_code == 422
    assert not Attempt.objects.exists()


def test_a_learner_cannot_see_another_learners_attempt(lena: User, nora: User) -> None:
    submit(client_for(lena), good_plan())
    attempt = Attempt.objects.get()
    assert client_for(nora).get(f"/simulator/attempts/{attempt.pk}/").status_code == 404
    assert "attempts/" not in client_for(nora).get("/simulator/").content.decode()


def test_two_passing_test_attempts_on_two_faces_reach_mastery(lena: User) -> None:
    client = client_for(lena)
    submit(client, good_plan("female"))
    first = client.get("/simulator/").content.decode()
    assert "Tried" in first
    assert "Mastered" not in first
    submit(client, good_plan("male"), face="male")
    assert "Mastered" in client.get("/simulator/").content.decode()
    latest = Attempt.objects.order_by("-id").first()
    assert latest is not None
    result = client.get(f"/simulator/attempts/{latest.pk}/").content.decode()
    assert "Mastered" in result
    assert "Our policy" in result
    assert "Benchmark" in result


def test_learn_mode_attempts_do_not_count_towards_mastery(lena: User) -> None:
    client = client_for(lena)
    submit(client, good_plan("female"), mode="learn")
    submit(client, good_plan("male"), face="male", mode="learn")
    assert "Mastered" not in client.get("/simulator/").content.decode()


def test_a_trainer_sees_the_run_learners_mastery_and_critical_findings(
    theo: User, lena: User, theos_run: CourseRun
) -> None:
    submit(client_for(lena), risky_plan())
    attempt = Attempt.objects.get()
    trainer = client_for(theo)
    assert f"/simulator/runs/{theos_run.pk}/" in trainer.get("/simulator/").content.decode()
    page = trainer.get(f"/simulator/runs/{theos_run.pk}/").content.decode()
    assert lena.full_name in page
    assert "Zone crossing: parotid duct" in page
    assert trainer.get(f"/simulator/attempts/{attempt.pk}/").status_code == 200


def test_the_run_page_refuses_learners_and_other_trainers(lena: User, theos_run: CourseRun) -> None:
    assert client_for(lena).get(f"/simulator/runs/{theos_run.pk}/").status_code == 403
    other = make_user("otto@example.org", "Dr Otto Other", Role.TRAINER)
    assert client_for(other).get(f"/simulator/runs/{theos_run.pk}/").status_code == 404
    response = client_for(None).get(f"/simulator/runs/{theos_run.pk}/")
    assert response.status_code == 302


def test_trainers_test_attempts_set_the_benchmark(theo: User, lena: User) -> None:
    for _ in range(5):
        submit(client_for(theo), good_plan())
    assert Attempt.objects.filter(by_trainer=True).count() == 5
    submit(client_for(lena), good_plan())
    attempt = Attempt.objects.filter(learner=lena).get()
    html = client_for(lena).get(f"/simulator/attempts/{attempt.pk}/").content.decode()
    assert "mean overall score of 5 trainer test attempts" in html


def test_the_exercise_list_runs_a_bounded_number_of_queries(
    lena: User, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_for(lena)
    for face in ("female", "male"):
        for _ in range(3):
            submit(client, good_plan(face), face=face)
    with django_assert_max_num_queries(12):
        assert client.get("/simulator/").status_code == 200


def test_the_run_page_runs_a_bounded_number_of_queries(
    theo: User,
    lena: User,
    nora: User,
    theos_run: CourseRun,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    Enrolment.objects.create(run=theos_run, learner=nora, status="enrolled")
    for learner in (lena, nora):
        for _ in range(3):
            submit(client_for(learner), risky_plan())
    trainer = client_for(theo)
    with django_assert_max_num_queries(12):
        assert trainer.get(f"/simulator/runs/{theos_run.pk}/").status_code == 200
