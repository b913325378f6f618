"""A revoked or suspended certificate says so in red, with the date and the reason, and no
"valid until"; the status lists say the same. The published addresses follow the served address
in development, production refuses to start without one, and reading never creates a key."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from academy.accounts.models import User
from academy.credentials.dates import in_words
from academy.credentials.models import (
    AcademyKey,
    Credential,
    CredentialAction,
    CredentialState,
)
from tests.web.catalog import factories
from tests.web.conftest import client_for, run_tasks
from threadlift.credentials import status

from .conftest import Setup

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def credential(setup: Setup, ada: User) -> Credential:
    client_for(ada).post(reverse("credentials:mark", args=[setup.enrolment.pk, setup.attended.pk]))
    run_tasks()
    return Credential.objects.get(state=CredentialState.ISSUED)


def status_bit(credential: Credential, purpose: str) -> bool:
    entry = next(
        e for e in credential.document["credentialStatus"] if e["statusPurpose"] == purpose
    )
    path = entry["statusListCredential"].removeprefix("http://testserver")
    return status.bit_is_set(client_for(None).get(path).json(), entry)


def test_a_revoked_certificate_says_so_in_red_with_the_date_and_reason(
    setup: Setup, credential: Credential, ada: User
) -> None:
    setup.policy.renewal_months = 24
    setup.policy.save()
    response = client_for(ada).post(
        reverse("credentials:change", args=[credential.pk, "revoke"]),
        {"revoke-reason": "Registration lapsed with the GMC", "revoke-confirm": "on"},
    )
    assert response.status_code == 302
    html = client_for(None).get(reverse("credentials:verify", args=[credential.pk])).content
    text = html.decode()
    assert 'class="panel verdict verdict-withdrawn"' in text
    assert '<span class="badge bad">Revoked</span>' in text
    # the day the revocation was recorded, not today's (the two differ across midnight)
    revoked_at = credential.events.get(action=CredentialAction.REVOKED).at
    assert f"Revoked by Northern Thread Academy on {in_words(revoked_at)}" in text
    assert "Registration lapsed with the GMC" in text
    assert "Valid until" not in text
    assert status_bit(credential, "revocation")
    assert not status_bit(credential, "suspension")


def test_a_suspended_certificate_says_so_and_the_suspension_list_has_its_bit(
    credential: Credential, ada: User
) -> None:
    client_for(ada).post(
        reverse("credentials:change", args=[credential.pk, "suspend"]),
        {"status-reason": "Complaint under review"},
    )
    text = (
        client_for(None).get(reverse("credentials:verify", args=[credential.pk])).content.decode()
    )
    assert '<span class="badge bad">Suspended</span>' in text
    assert "Complaint under review" in text
    assert "Valid until" not in text
    assert status_bit(credential, "suspension")
    assert not status_bit(credential, "revocation")


def test_another_academys_admin_cannot_revoke_even_with_a_confirmed_reason(
    credential: Credential,
) -> None:
    from academy.accounts.models import Role
    from tests.web.conftest import make_user

    otto = make_user("otto@example.org", "Otto Other", Role.ACADEMY_ADMIN)
    factories.provider(admins=[otto], name="Other Academy")
    response = client_for(otto).post(
        reverse("credentials:change", args=[credential.pk, "revoke"]),
        {"revoke-reason": "Because", "revoke-confirm": "on"},
    )
    assert response.status_code == 404
    credential.refresh_from_db()
    assert not credential.revoked
    assert not status_bit(credential, "revocation")


def test_reading_an_academys_did_json_or_status_list_never_creates_a_key(db: None) -> None:
    provider = factories.provider(slug="keyless")
    client = client_for(None)
    did = client.get("/academies/keyless/did.json")
    assert did.status_code == 404
    assert did.json()["error"]["code"] == "not_found"
    assert client.get("/academies/keyless/status/revocation.json").status_code == 404
    assert not AcademyKey.objects.filter(provider=provider).exists()


def test_production_without_a_credential_base_url_stops_at_the_start_up_check(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = False
    settings.CREDENTIAL_BASE_URL = ""
    with pytest.raises(SystemCheckError, match="CREDENTIAL_BASE_URL is not set"):
        call_command("check")
    settings.CREDENTIAL_BASE_URL = "academy.example.org"
    with pytest.raises(SystemCheckError, match=r"credentials\.E002"):
        call_command("check")
    settings.CREDENTIAL_BASE_URL = "https://academy.example.org"
    call_command("check")
    settings.DEBUG = True
    settings.CREDENTIAL_BASE_URL = ""
    call_command("check")  # development derives an address (see the next test)


def test_in_development_the_base_url_follows_the_port_served(db: None) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("CREDENTIAL_BASE_URL",)}
    env |= {"DEBUG": "true", "PORT": "8801", "DJANGO_SETTINGS_MODULE": "academy.settings"}
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.CREDENTIAL_BASE_URL)",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert out.strip().splitlines()[-1] == "http://127.0.0.1:8801"


def test_make_run_passes_the_port_to_the_server_and_its_settings() -> None:
    makefile = open("Makefile", encoding="utf-8").read()  # noqa: SIM115
    assert re.search(r"^run: export PORT := \$\(PORT\)$", makefile, re.M)
    assert "runserver 127.0.0.1:$(PORT)" in makefile
