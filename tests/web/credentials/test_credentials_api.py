"""Credentials through the API (issue 20): my credentials (the wallet's list) and anyone's
verification of an issued one (the public page's check), refused to whoever must not see."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from academy.accounts.models import User
from academy.credentials import services
from academy.credentials.models import Credential, CredentialAction, CredentialState
from tests.web.api.conftest import ApiClient, assert_error, token_client
from tests.web.conftest import client_for, run_tasks

from .conftest import Setup

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def credential(setup: Setup, ada: User) -> Credential:
    client_for(ada).post(reverse("credentials:mark", args=[setup.enrolment.pk, setup.attended.pk]))
    run_tasks()
    return Credential.objects.get(state=CredentialState.ISSUED)


def test_my_credentials_are_the_wallets_and_only_mine(
    credential: Credential, lena: User, nora: User
) -> None:
    mine = token_client(lena, "read").get("/me/credentials").json()
    assert [c["id"] for c in mine] == [str(credential.pk)]
    assert mine[0]["verify_url"] == reverse("credentials:verify", args=[credential.pk])
    wallet = client_for(lena).get(reverse("credentials:wallet"))
    assert [str(c.pk) for c in wallet.context["credentials"]] == [c["id"] for c in mine]
    assert token_client(nora, "read").get("/me/credentials").json() == []
    assert_error(ApiClient().get("/me/credentials"), 401)


def test_anyone_verifies_an_issued_credential_and_sees_a_revocation_at_once(
    credential: Credential, ada: User
) -> None:
    path = f"/credentials/{credential.pk}/verification"
    checked = ApiClient().get(path).json()
    assert (checked["verdict"], checked["label"]) == ("valid", "Valid")
    page = client_for(None).get(reverse("credentials:verify", args=[credential.pk]))
    assert page.context["outcome"].verdict.value == checked["verdict"]
    services.set_flag(credential, CredentialAction.REVOKED, by=ada, reason="Issued in error.")
    assert ApiClient().get(path).json()["verdict"] == "revoked"


@pytest.mark.parametrize("bad", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_verifying_an_unknown_credential_is_a_404(bad: str, db: Any) -> None:
    assert_error(ApiClient().get(f"/credentials/{bad}/verification"), 404)
