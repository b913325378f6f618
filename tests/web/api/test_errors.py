"""Every 4xx of the API has one shape, and no input gives a 5xx."""

from __future__ import annotations

import pytest

from academy.accounts.models import User
from tests.web.api.conftest import ApiClient, assert_error, session_client

pytestmark = pytest.mark.django_db

PLAN = {"view": "lateral-left", "indication": "jowl", "threads": []}


def test_a_body_that_is_not_an_object_names_the_plan() -> None:
    error = assert_error(ApiClient().post("/engines/score", [1, 2]), 422, "invalid")
    assert error["fields"] == {"plan": "must be an object, got list"}


def test_nan_and_infinity_are_not_json() -> None:
    for raw in ('{"view": NaN}', '{"view": Infinity}', '{"view": -Infinity}'):
        error = assert_error(ApiClient().post("/engines/score", raw=raw), 400, "bad_request")
        assert "plan" in error["fields"]


def test_a_body_that_is_not_json_is_a_400_naming_the_body() -> None:
    error = assert_error(ApiClient().post("/engines/score", raw="{not json"), 400)
    assert error["fields"]["plan"].startswith("invalid JSON")


def test_a_huge_integer_in_a_plan_is_refused_with_its_field_path() -> None:
    plan = {
        **PLAN,
        "threads": [
            {"product": "x", "entry": [10**400, 1], "path": [[1, 2]], "plane": "subcutaneous"}
        ],
    }
    error = assert_error(ApiClient().post("/engines/score", plan), 422)
    assert "threads[0].entry[0]" in error["fields"]


def test_a_huge_integer_in_a_typed_body_is_refused(lena: User) -> None:
    client = session_client(lena)
    response = client.post("/engines/triage", {"days": 10**40, "symptoms": ["pain"]})
    assert "days" in assert_error(response, 422)["fields"]


def test_a_huge_id_in_a_path_is_a_422_not_a_database_overflow() -> None:
    error = assert_error(ApiClient().get(f"/catalog/runs/{10**30}"), 422)
    assert "run_id" in error["fields"]


def test_unknown_fields_are_refused_by_name(lena: User) -> None:
    client = session_client(lena)
    response = client.post("/engines/triage", {"days": 1, "symptoms": ["pain"], "colour": "red"})
    assert assert_error(response, 422)["fields"] == {"colour": "unknown field"}
    error = assert_error(ApiClient().post("/engines/score", {**PLAN, "colour": "red"}), 422)
    assert error["fields"] == {"colour": "unknown field"}


def test_an_unknown_api_url_is_a_404_in_the_shape() -> None:
    assert_error(ApiClient().get("/no-such-thing"), 404, "not_found")
    assert_error(ApiClient().client.get("/api/v2/runs"), 404, "not_found")


def test_a_wrong_method_is_a_405_in_the_shape_with_allow() -> None:
    response = ApiClient().client.delete("/api/v1/knowledge")
    assert_error(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET"


def test_a_private_operation_without_credentials_is_a_401_in_the_shape() -> None:
    response = ApiClient().get("/me/enrolments")
    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_missing_record_is_a_404_in_the_shape() -> None:
    assert_error(ApiClient().get("/catalog/runs/999999"), 404, "not_found")
    assert_error(ApiClient().get("/knowledge/materials/no-such"), 404, "not_found")
    assert_error(ApiClient().get("/catalog/providers/nobody"), 404, "not_found")


def test_a_query_of_the_wrong_type_names_the_parameter() -> None:
    error = assert_error(ApiClient().get("/catalog/runs", price_min="cheap"), 422)
    assert "price_min" in error["fields"]
    error = assert_error(ApiClient().get("/engines/zones", view="upside-down"), 422)
    assert "view" in error["fields"]
