"""The API's 500s of issue 25, each as the request that caused it and its 4xx answer now."""

from __future__ import annotations

import re
from typing import Any

import pytest

from academy.accounts.models import User
from academy.catalog.models import Course
from tests.web.api.conftest import ApiClient, assert_error, session_client, token_client
from tests.web.catalog import factories as f

pytestmark = pytest.mark.django_db

COURSE = {
    "title": "Jawline threads",
    "slug": "jawline",
    "summary": "Lower face.",
    "level": "advanced",
    "materials": ["pdo"],
    "designs": ["cog_bidirectional"],
    "topics": ["anatomy"],
    "professions": ["physician"],
}


def test_a_duplicate_course_slug_is_a_422_naming_the_slug(ada: User) -> None:
    provider = f.provider(admins=[ada])
    client = token_client(ada, "write")
    assert client.post(f"/academy/providers/{provider.pk}/courses", COURSE).status_code == 201
    again = client.post(f"/academy/providers/{provider.pk}/courses", {**COURSE, "title": "Two"})
    error = assert_error(again, 422, "invalid")
    assert error["fields"]
    assert Course.objects.filter(provider=provider).count() == 1


def test_renaming_a_course_to_a_slug_in_use_is_a_422(ada: User) -> None:
    provider = f.provider(admins=[ada])
    client = token_client(ada, "write")
    client.post(f"/academy/providers/{provider.pk}/courses", COURSE)
    other = client.post(f"/academy/providers/{provider.pk}/courses", {**COURSE, "slug": "other"})
    response = client.patch(f"/academy/courses/{other.json()['id']}", {"slug": "jawline"})
    assert_error(response, 422, "invalid")


@pytest.mark.parametrize("path", ["/engines/aftercare", "/engines/aftercare.ics"])
@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01"])
def test_an_aftercare_date_no_schedule_can_be_made_for_is_a_400_naming_the_date(
    lena: User, path: str, date: str
) -> None:
    response = session_client(lena).get(path, date=date, indication="temple")
    error = assert_error(response, 400)
    assert set(error["fields"]) == {"date"}
    assert "between" in error["fields"]["date"]


def test_aftercare_still_answers_for_an_ordinary_date(lena: User) -> None:
    response = session_client(lena).get("/engines/aftercare", date="2999-12-01", indication="jowl")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/catalog/providers/%00",
        "/catalog/providers/a%00b/courses/c",
        "/simulator/faces/frontal/%00",
        "/knowledge/materials/%00",
    ],
)
def test_a_nul_byte_in_the_path_is_a_400(url: str) -> None:
    response = ApiClient().client.get("/api/v1" + url)
    assert_error(response, 400)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/catalog/runs", {"q": "\x00"}),
        ("/catalog/runs", {"accreditation": "a\x00"}),
        ("/simulator/attempts", {"exercise": "\x00"}),
        ("/engines/zones", {"view": "\x00"}),
    ],
)
def test_a_nul_byte_in_the_query_is_a_400_naming_the_parameter(
    path: str, params: dict[str, str]
) -> None:
    error = assert_error(ApiClient().get(path, **params), 400)
    assert set(error["fields"]) == set(params)


def test_a_nul_byte_in_a_json_body_is_a_400(ada: User) -> None:
    provider = f.provider(admins=[ada])
    body = {**COURSE, "title": "Jaw\x00line"}
    response = token_client(ada, "write").post(f"/academy/providers/{provider.pk}/courses", body)
    assert_error(response, 400)
    assert not Course.objects.exists()


def _id_paths() -> list[str]:
    """Every operation of the OpenAPI document with an integer path parameter."""
    from academy.api.main import api

    doc: dict[str, Any] = api.get_openapi_schema()
    paths = []
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            ints = [
                p["name"]
                for p in operation.get("parameters", [])
                if p["in"] == "path" and p["schema"].get("type") == "integer"
            ]
            if ints:
                paths.append(f"{method.upper()} {path}")
    return paths


@pytest.mark.parametrize("operation", _id_paths())
@pytest.mark.parametrize("huge", [2**63, 2**64, 10**30])
def test_an_id_above_the_databases_integers_is_refused_not_overflowed(
    ada: User, operation: str, huge: int
) -> None:
    method, path = operation.split(" ", 1)
    url = re.sub(r"\{[a-z_]+\}", str(huge), path.removeprefix("/api/v1"))
    client = token_client(ada, "write")
    response = client.send(method.lower(), url, {}) if method != "GET" else client.get(url)
    assert response.status_code in (400, 404, 422), (operation, response.content[:300])
    assert_error(response, response.status_code)


def test_huge_ids_in_a_query_or_body_are_refused(ada: User) -> None:
    assert_error(ApiClient().get("/catalog/compare", run=[2**63, 2**64]), 422)
    provider = f.provider(admins=[ada])
    course = f.course(provider)
    body = {"trainers": [2**63]}
    run = f.run(course)
    assert_error(token_client(ada, "write").patch(f"/academy/runs/{run.pk}", body), 422)
    assert not run.trainers.exists()
