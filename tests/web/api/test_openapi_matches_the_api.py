"""The OpenAPI document says what the API accepts (issue 25): valid input by the document is
accepted (`2.0` for a whole number, hours with one decimal, the documented default face) and
input the document calls invalid is refused (`date_to=0`, `days: false`, `published: 0`)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from academy.accounts.models import User
from academy.api.main import api
from academy.api.openapi import reference_plan_example
from academy.catalog.models import Course
from tests.web.api.conftest import PATIENT, ApiClient, assert_error, session_client, token_client
from tests.web.catalog import factories as f

pytestmark = pytest.mark.django_db


def openapi() -> dict[str, Any]:
    return api.get_openapi_schema()  # type: ignore[return-value]


# Valid by the document, so accepted.


def test_a_whole_number_written_2_0_is_a_whole_number(lena: User) -> None:
    client = session_client(lena)
    patient = json.loads(PATIENT.read_text())
    as_written = client.post("/engines/assess", patient).json()
    patient["age"] = float(patient["age"])
    patient["areas"]["jowl"]["laxity"] = 2.0
    response = client.post("/engines/assess", patient)
    assert response.status_code == 200, response.content[:300]
    assert response.json() == as_written
    assert client.post("/engines/triage", {"days": 3.0, "symptoms": ["pain"]}).status_code == 200


def test_a_run_takes_hours_with_one_decimal_and_seats_written_2_0(ada: User) -> None:
    run = f.run(f.course(f.provider(admins=[ada])))
    client = token_client(ada, "write")
    changed = client.patch(
        f"/academy/runs/{run.pk}", {"hands_on_hours": 6.5, "theory_hours": 0.30000000000000004}
    )
    assert changed.status_code == 200, changed.content[:300]
    assert (changed.json()["hands_on_hours"], changed.json()["theory_hours"]) == (6.5, 0.3)
    assert client.patch(f"/academy/runs/{run.pk}", {"seats": 12.0}).json()["seats"] == 12


def test_the_document_says_hours_have_one_decimal_place_and_the_api_refuses_two(
    ada: User,
) -> None:
    schema = openapi()["components"]["schemas"]["RunPatch"]["properties"]["hands_on_hours"]
    number = next(s for s in schema.get("anyOf", [schema]) if s.get("type") == "number")
    assert number["multipleOf"] == 0.1
    run = f.run(f.course(f.provider(admins=[ada])))
    response = token_client(ada, "write").patch(f"/academy/runs/{run.pk}", {"hands_on_hours": 1.25})
    assert "hands_on_hours" in assert_error(response, 422)["fields"]


def test_the_documented_default_face_is_a_face(lena: User) -> None:
    parameters = openapi()["paths"]["/api/v1/simulator/score"]["post"]["parameters"]
    face = next(p for p in parameters if p["name"] == "face")["schema"]["default"]
    plan = reference_plan_example("jowl")
    assert ApiClient().post("/simulator/score", plan).status_code == 200
    assert ApiClient().post(f"/simulator/score?face={face}", plan).status_code == 200


# Invalid by the document, so refused.


def test_a_date_is_written_as_a_date_not_a_number() -> None:
    for value in ("0", "20270101", "1e9"):
        assert (
            "date_to"
            in assert_error(ApiClient().get("/catalog/runs", date_to=value), 422)["fields"]
        )
    assert ApiClient().get("/catalog/runs", date_to="2027-01-01").status_code == 200


def test_days_is_a_number_not_a_boolean(lena: User) -> None:
    for days in (False, True, "3"):
        response = session_client(lena).post(
            "/engines/triage", {"days": days, "symptoms": ["pain"]}
        )
        assert "days" in assert_error(response, 422)["fields"]


def test_published_is_true_or_false_not_0_or_1(ada: User) -> None:
    course = f.course(f.provider(admins=[ada]), published=False)
    client = token_client(ada, "write")
    for value in (0, 1, "true", "yes"):
        response = client.post(f"/academy/courses/{course.pk}/publish", {"published": value})
        assert "published" in assert_error(response, 422)["fields"]
    assert not Course.objects.get(pk=course.pk).published
    ok = client.post(f"/academy/courses/{course.pk}/publish", {"published": True})
    assert ok.json()["published"] is True


def test_a_runs_flags_and_times_are_refused_in_the_wrong_json_type(ada: User) -> None:
    run = f.run(f.course(f.provider(admins=[ada])))
    client = token_client(ada, "write")
    for body in ({"hands_on": 1}, {"enrolment_opens": 0}, {"starts_on": 0}, {"seats": False}):
        (name,) = body
        assert name in assert_error(client.patch(f"/academy/runs/{run.pk}", body), 422)["fields"]
