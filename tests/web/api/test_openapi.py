"""The OpenAPI 3.1 document: every operation has a summary, examples and its error responses,
and the interactive docs are served from the package, not a CDN."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def document() -> dict[str, Any]:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op) for path, ops in document["paths"].items() for method, op in ops.items()
    ]


def test_the_document_is_openapi_3_1(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.1")
    assert len(operations(document)) >= 27


def test_every_operation_has_a_summary_and_documented_errors_in_the_shape(
    document: dict[str, Any],
) -> None:
    for path, method, op in operations(document):
        assert op.get("summary"), (path, method)
        errors = {s: r for s, r in op["responses"].items() if s.startswith("4")}
        assert {"400", "422"} <= set(errors) or {"400", "404"} <= set(errors), (path, method)
        for status, response in errors.items():
            content = response["content"]["application/json"]
            assert content["schema"] == {"$ref": "#/components/schemas/ErrorOut"}, (path, status)
            assert set(content["example"]["error"]) == {"code", "message", "fields"}


def test_every_body_has_an_example(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    for path, method, op in operations(document):
        body = op.get("requestBody")
        if body is None:
            continue
        content = body["content"]["application/json"]
        ref = content["schema"].get("$ref", "")
        target = schemas.get(ref.rsplit("/", 1)[-1], {})
        assert content.get("examples") or target.get("examples"), (path, method)


def test_private_operations_declare_their_security(document: dict[str, Any]) -> None:
    schemes = document["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
    enrol = document["paths"]["/api/v1/catalog/runs/{run_id}/enrol"]["post"]
    assert len(enrol["security"]) == 2
    assert "security" not in document["paths"]["/api/v1/catalog/runs"]["get"]


def test_the_raw_engine_bodies_are_described_by_the_core_schemas(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    assert {"view", "indication"} <= set(schemas["Plan"]["required"])
    assert "Plan.Thread" in schemas
    assert schemas["PatientProfile"]["additionalProperties"] is False
    text = str(document)
    assert "#/$defs/" not in text  # every reference resolves inside the document


def test_the_docs_page_uses_the_packaged_assets_and_no_inline_script() -> None:
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    scripts = html.split("<script")[1:]
    assert all(
        'type="application/json"' in s.split(">", 1)[0] or "src=" in s.split(">", 1)[0]
        for s in scripts
    )
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_docs_page_sends_the_sessions_csrf_token_when_trying_operations(lena: Any) -> None:
    client = Client()
    client.force_login(lena)
    html = client.get("/api/v1/docs").content.decode()
    assert 'data-api-csrf="true"' in html
    assert 'data-csrf-token=""' not in html


def test_the_api_root_points_to_the_document_and_the_docs() -> None:
    assert Client().get("/api/v1/").json() == {
        "openapi": "/api/v1/openapi.json",
        "docs": "/api/v1/docs",
    }
