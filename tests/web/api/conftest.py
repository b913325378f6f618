"""API test helpers: JSON clients for the personas, token clients, and a clean rate-limit cache."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from academy.accounts.models import User
from academy.api.tokens import token_create
from tests.web.conftest import client_for

API = "/api/v1"
PATIENT = Path(str(resources.files("threadlift.assessment").joinpath("examples/patient.json")))


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    """Rate-limit counters live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


class ApiClient:
    """Thin JSON wrapper over Django's test client; `token` sends a bearer token."""

    def __init__(self, client: Client | None = None, token: str | None = None) -> None:
        self.client = client or Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(API + path, params, headers=self.headers)

    def send(self, method: str, path: str, body: Any = None, *, raw: str | None = None) -> Any:
        data = raw if raw is not None else ("" if body is None else json.dumps(body))
        return getattr(self.client, method)(
            API + path, data=data, content_type="application/json", headers=self.headers
        )

    def post(self, path: str, body: Any = None, *, raw: str | None = None) -> Any:
        return self.send("post", path, body, raw=raw)

    def patch(self, path: str, body: Any = None) -> Any:
        return self.send("patch", path, body)


def session_client(user: User | None, *, csrf: bool = False) -> ApiClient:
    """The browser session; with `csrf=True` the client enforces CSRF as a browser would."""
    client = client_for(user)  # confirmed e-mail, and the second factor passed where needed
    client.handler.enforce_csrf_checks = csrf
    return ApiClient(client)


def token_client(user: User, scope: str = "write") -> ApiClient:
    issued = token_create(user=user, name=f"{scope} test", scope=scope)
    return ApiClient(token=issued.secret)


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The one error shape; returns the `error` object."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"code", "message", "fields"}, error
    assert isinstance(error["message"], str)
    assert error["message"]
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in error["fields"].items())
    if code is not None:
        assert error["code"] == code, error
    return error
