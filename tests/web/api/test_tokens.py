"""Personal API tokens: created and revoked on the token page, stored hashed, scoped."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.test import Client
from django.urls import reverse

from academy.accounts.models import User
from academy.api.models import ApiToken
from academy.api.tokens import token_create
from tests.web.api.conftest import ApiClient, assert_error, session_client, token_client
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_user_creates_a_named_scoped_token_shown_once_and_stored_hashed(lena: User) -> None:
    client = client_for(lena)
    response = client.post(reverse("tokens:list"), {"name": "clinic records", "scope": "read"})
    assert response.status_code == 200
    secret = re.search(r'id="new-token">([^<]+)<', response.content.decode())
    assert secret is not None
    token = ApiToken.objects.get(user=lena)
    assert token.name == "clinic records"
    assert token.scope == "read"
    assert token.token_hash == hashlib.sha256(secret.group(1).encode()).hexdigest()
    assert secret.group(1) not in str(token.__dict__)
    again = client.get(reverse("tokens:list")).content.decode()
    assert secret.group(1) not in again
    assert "clinic records" in again


def test_the_token_form_re_renders_with_field_messages(lena: User) -> None:
    response = client_for(lena).post(reverse("tokens:list"), {"name": "", "scope": "admin"})
    assert response.status_code == 422
    assert response.context["form"].errors.keys() == {"name", "scope"}
    assert not ApiToken.objects.exists()


def test_a_token_authenticates_its_user_and_records_its_use(lena: User) -> None:
    client = token_client(lena, "read")
    assert client.get("/me/enrolments").status_code == 200
    assert ApiToken.objects.get(user=lena).last_used_at is not None


def test_a_read_token_may_not_write(lena: User) -> None:
    response = token_client(lena, "read").post("/catalog/runs/1/enrol")
    assert_error(response, 403, "forbidden")


def test_a_revoked_token_no_longer_works(lena: User) -> None:
    client = token_client(lena, "write")
    token = ApiToken.objects.get(user=lena)
    page = client_for(lena).post(reverse("tokens:revoke", args=[token.pk]))
    assert page.status_code == 302
    assert_error(client.get("/me/enrolments"), 401)


def test_an_unknown_token_is_refused_even_on_public_operations() -> None:
    client = ApiClient(token="tla_not-a-real-token")
    assert_error(client.get("/me/enrolments"), 401)
    assert_error(client.get("/catalog/runs"), 401)


def test_nobody_revokes_another_users_token(lena: User, nora: User) -> None:
    token_client(lena)
    token = ApiToken.objects.get(user=lena)
    assert client_for(nora).post(reverse("tokens:revoke", args=[token.pk])).status_code == 404
    assert client_for(None).post(reverse("tokens:revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_token_page_refuses_anonymous_visitors() -> None:
    response = Client().get(reverse("tokens:list"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_session_needs_a_csrf_token_for_unsafe_methods(lena: User) -> None:
    response = session_client(lena, csrf=True).post(
        "/engines/triage", {"days": 1, "symptoms": ["pain"]}
    )
    assert_error(response, 403, "forbidden")
    assert "CSRF" in response.json()["error"]["message"]


def test_the_session_with_its_csrf_token_may_write(lena: User) -> None:
    client = session_client(lena, csrf=True)
    client.client.get(reverse("tokens:list"))  # sets the CSRF cookie, as a page visit does
    client.headers["X-CSRFToken"] = client.client.cookies["csrftoken"].value
    assert client.post("/engines/triage", {"days": 1, "symptoms": ["pain"]}).status_code == 200


def test_a_token_needs_no_csrf_token(lena: User) -> None:
    client = token_client(lena, "write")
    client.client = Client(enforce_csrf_checks=True)
    assert client.post("/engines/triage", {"days": 1, "symptoms": ["pain"]}).status_code == 200


def test_an_address_that_sends_many_invalid_tokens_is_refused_even_with_a_valid_one(
    lena: User, settings: object
) -> None:
    settings.API_TOKEN_FAILURES = "3/10m"  # type: ignore[attr-defined]
    valid = token_client(lena, "read")
    guesser = ApiClient(token="tla_" + "x" * 40)
    for _ in range(3):
        assert_error(guesser.get("/me/enrolments"), 401)
    assert_error(guesser.get("/catalog/runs"), 429, "too_many_token_failures")
    assert_error(valid.get("/me/enrolments"), 429, "too_many_token_failures")


def test_invalid_tokens_from_one_address_do_not_block_another(lena: User, settings: object) -> None:
    settings.API_TOKEN_FAILURES = "2/10m"  # type: ignore[attr-defined]
    secret = token_create(user=lena, name="clinic", scope="read").secret
    guesser = ApiClient(token="tla_" + "y" * 40)
    for _ in range(2):
        guesser.get("/me/enrolments")
    other = ApiClient(Client(REMOTE_ADDR="203.0.113.9"), token=secret)
    assert other.get("/me/enrolments").status_code == 200
