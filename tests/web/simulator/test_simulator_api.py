"""The simulator's API: scoring on a chosen face, exercises, faces, attempts and who sees them."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from pytest_django.fixtures import Settings

from academy.accounts.models import User
from academy.catalog.models import CourseRun
from academy.simulator import content
from academy.simulator.models import Attempt
from tests.web.api.conftest import ApiClient, assert_error, session_client
from tests.web.simulator.conftest import good_plan, risky_plan
from threadlift.knowledge import load_knowledge
from threadlift.planning import parse_plan, score_plan

pytestmark = pytest.mark.django_db
PLANS = resources.files("threadlift.planning").joinpath("data/reference_plans")


def test_the_same_plan_scored_on_a_variant_face_uses_that_faces_zones() -> None:
    """Anchored points and zones follow the face: the API's score is the core's on that face."""
    # jawline: its findings differ between these two faces (the jowl plan's no longer do since
    # its upper thread was moved clear of the facial artery's exposed segment, issue 19)
    plan = json.loads(PLANS.joinpath("jawline.json").read_text())
    plan.pop("about", None)
    results = {}
    for face_id in ("female", "male"):
        response = ApiClient().post(f"/simulator/score?face={face_id}", plan)
        assert response.status_code == 200, response.content
        expected = score_plan(
            parse_plan(plan), load_knowledge(), content.face(face_id, "lateral-left")
        )
        assert response.json() == expected.to_json()
        results[face_id] = response.json()
    assert results["female"] != results["male"]


def test_a_plan_with_segment_planes_and_an_instrument_scores_as_the_core_does() -> None:
    plan = json.loads(PLANS.joinpath("midface.json").read_text())
    plan.pop("about", None)
    first = plan["threads"][0]
    first["path"].insert(0, {"landmark": "tragion_left", "anterior_mm": 16, "superior_mm": 40})
    first["planes"] = ["periosteal", first.pop("plane")]
    first["instrument"] = {"kind": "cannula", "gauge": "23G"}
    first["entry_skin"] = "hair_bearing"
    response = ApiClient().post("/simulator/score?face=female", plan)
    assert response.status_code == 200, response.content
    expected = score_plan(
        parse_plan(plan), load_knowledge(), content.face("female", "lateral-left")
    )
    assert response.json() == expected.to_json()
    assert "entry_skin" in {f["rule"] for f in response.json()["findings"]}
    bad = {**plan, "threads": [{**first, "planes": ["periosteal"]}]}
    error = assert_error(ApiClient().post("/simulator/score?face=female", bad), 422)
    assert list(error["fields"]) == ["threads[0].planes"]


def test_a_bad_plan_or_an_unknown_face_is_refused_in_the_error_shape() -> None:
    api = ApiClient()
    bad = good_plan()
    bad["threads"][0]["plane"] = "bone"
    error = assert_error(api.post("/simulator/score?face=female", bad), 422, "invalid")
    assert "threads[0].plane" in error["fields"]
    assert (
        "face" in assert_error(api.post("/simulator/score?face=nobody", good_plan()), 422)["fields"]
    )
    assert_error(api.post("/simulator/score?face=female", raw="{"), 400)
    assert_error(api.post("/simulator/score?face=female", raw='{"view": NaN}'), 400)
    huge = good_plan()
    huge["threads"][0]["entry"] = [10**400, 0]
    assert_error(api.post("/simulator/score?face=female", huge), 422)


def test_anonymous_scoring_is_rate_limited(settings: Settings) -> None:
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "anon_write": "2/min"}
    api = ApiClient()
    for _ in range(2):
        assert api.post("/simulator/score?face=female", good_plan()).status_code == 200
    assert_error(api.post("/simulator/score?face=female", good_plan()), 429, "rate_limited")


def test_exercises_and_a_faces_landmarks_and_zones_are_listed() -> None:
    api = ApiClient()
    exercises = api.get("/simulator/exercises").json()
    assert {e["indication"] for e in exercises} >= {
        "brow",
        "temple",
        "midface",
        "nasolabial",
        "marionette",
        "jowl",
        "jawline",
        "neck",
        "nose",
    }
    jowl = next(e for e in exercises if e["id"] == "jowl")
    assert len(jowl["faces"]) >= 2
    assert jowl["products"][0]["value"]
    assert "suitable" not in jowl["products"][0]  # the choice is part of the exercise
    face = api.get("/simulator/faces/lateral-left/male").json()
    assert face["units"] == "mm"
    assert "tragion_left" in face["landmarks"]
    assert {f["id"] for f in face["zones"]["features"]} >= {"parotid_duct", "facial_artery"}
    assert_error(api.get("/simulator/faces/lateral-left/nobody"), 404)


def test_submitting_needs_a_signed_in_caller() -> None:
    body = {"exercise": "jowl", "face": "female", "mode": "test", "plan": good_plan()}
    assert_error(ApiClient().post("/simulator/attempts", body), 401)
    assert not Attempt.objects.exists()


def test_a_learner_submits_and_lists_only_their_own_attempts(lena: User, nora: User) -> None:
    mine = session_client(lena)
    body = {"exercise": "jowl", "face": "female", "mode": "test", "plan": risky_plan()}
    created = mine.post("/simulator/attempts", body)
    assert created.status_code == 201, created.content
    attempt = created.json()
    assert attempt["critical"]
    assert not attempt["passed"]
    assert any(f.get("zone") == "parotid_duct" for f in attempt["findings"])
    theirs = session_client(nora)
    assert theirs.get("/simulator/attempts").json() == []
    assert_error(theirs.get(f"/simulator/attempts/{attempt['id']}"), 404)
    assert [a["id"] for a in mine.get("/simulator/attempts").json()] == [attempt["id"]]


def test_a_bad_submission_names_the_field(lena: User) -> None:
    api = session_client(lena)
    bad = {"exercise": "jowl", "face": "female", "plan": {**good_plan(), "indication": "neck"}}
    assert "plan.indication" in assert_error(api.post("/simulator/attempts", bad), 422)["fields"]
    unknown = {"exercise": "nope", "face": "female", "plan": good_plan()}
    assert "exercise" in assert_error(api.post("/simulator/attempts", unknown), 422)["fields"]
    wrong_face = {"exercise": "jowl", "face": "nobody", "plan": good_plan()}
    assert "face" in assert_error(api.post("/simulator/attempts", wrong_face), 422)["fields"]


def test_a_trainer_lists_the_attempts_of_their_runs_learners(
    theo: User, lena: User, nora: User, theos_run: CourseRun
) -> None:
    for learner in (lena, nora):
        body = {"exercise": "jowl", "face": "female", "mode": "test", "plan": good_plan()}
        assert session_client(learner).post("/simulator/attempts", body).status_code == 201
    seen = {a["learner"] for a in session_client(theo).get("/simulator/attempts").json()}
    assert seen == {lena.pk}  # Nora is not on Theo's run
