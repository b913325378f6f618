"""Test mode and mastery use the engine's verdict, objectives included (issue 24, Simulator):
the page shows the objective and the target outline but no danger zones; an attempt that
reaches a fifth of the target is "Not passed" and does not count towards mastery."""

from __future__ import annotations

import re

import pytest

from academy.accounts.models import User
from academy.simulator.models import Attempt
from academy.simulator.selectors import exercise_rows
from tests.web.builders import one_short_thread
from tests.web.conftest import client_for
from tests.web.simulator.conftest import good_plan, submit

pytestmark = pytest.mark.django_db


def test_test_mode_outlines_the_target_and_shows_no_danger_zone_or_label() -> None:
    client = client_for(None)
    page = client.get("/simulator/jowl/?mode=test&face=male").content.decode()
    assert "2–4 threads per side" in page  # the objective the verdict checks, as data
    assert "At least 50% of the target area reached" in page
    url = re.search(r'data-face-url="([^"]+)"', page)
    assert url is not None
    svg = client.get(url.group(1).replace("&amp;", "&")).content.decode()
    assert 'data-area="target"' in svg
    assert "data-zone=" not in svg
    for label in ("Facial a.", "Parotid duct", "Marginal mandibular"):
        assert label not in svg


def test_an_unknown_target_is_not_found() -> None:
    client = client_for(None)
    assert client.get("/simulator/faces/lateral-left/male.svg?target=elbow").status_code == 404


def test_a_test_attempt_reaching_a_fifth_of_the_jowl_is_not_passed(lena: User) -> None:
    client = client_for(lena)
    response = submit(client, one_short_thread())
    attempt = Attempt.objects.get()
    assert not attempt.passed
    assert {"coverage", "objective"} <= {f["rule"] for f in attempt.findings}
    html = client.get(response["Location"]).content.decode()
    assert "Not passed" in html
    assert 'data-objective-met="false"' in html
    assert "does not count towards mastery" in html


def test_only_passed_test_attempts_count_towards_mastery(lena: User) -> None:
    client = client_for(lena)
    for face in ("female", "male"):
        submit(client, one_short_thread(face), face=face)
    row = next(r for r in exercise_rows(lena) if r.exercise.id == "jowl")
    assert row.mastery is not None
    assert not row.mastery.mastered
    assert row.mastery.streak == 0
    for face in ("female", "male"):
        submit(client, good_plan(face), face=face)
    row = next(r for r in exercise_rows(lena) if r.exercise.id == "jowl")
    assert row.mastery is not None
    assert row.mastery.mastered


def test_live_scoring_with_an_exercise_checks_its_objectives_as_the_submission_does() -> None:
    from tests.web.api.conftest import ApiClient, assert_error

    api = ApiClient()
    plan = one_short_thread()
    plain = api.post("/simulator/score?face=female", plan).json()
    checked = api.post("/simulator/score?face=female&exercise=jowl", plan).json()
    assert not plain["passed"]  # the indication's own objectives (the target share)
    assert "objective" not in {f["rule"] for f in plain["findings"]}
    assert "objective" in {f["rule"] for f in checked["findings"]}
    error = assert_error(api.post("/simulator/score?face=female&exercise=elbow", plan), 422)
    assert "exercise" in error["fields"]


def test_the_learn_mode_page_scores_live_with_the_exercises_objectives() -> None:
    page = client_for(None).get("/simulator/jowl/").content.decode()
    assert 'data-score-url="/api/v1/simulator/score?exercise=jowl"' in page
