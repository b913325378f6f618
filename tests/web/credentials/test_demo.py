"""The demo data lets a newcomer check one valid and one revoked certificate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command

from academy.credentials.demo import REVOKED_ID, VALID_ID
from academy.credentials.models import Credential
from tests.interop.verifier import js_verify
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_demo_has_a_valid_and_a_revoked_certificate_both_verifiable(tmp_path: Path) -> None:
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Credential.objects.count() == 2
    client = client_for(None)
    valid = client.get(f"/credentials/{VALID_ID}/").content.decode()
    revoked = client.get(f"/credentials/{REVOKED_ID}/").content.decode()
    assert ">Valid<" in valid
    assert ">Revoked<" in revoked
    doc = Credential.objects.get(pk=VALID_ID).document
    outcome = js_verify(
        tmp_path,
        doc,
        did_document=client.get("/academies/harbour-aesthetics/did.json").json(),
        status_lists=[
            client.get(s["statusListCredential"].removeprefix("http://testserver")).json()
            for s in doc["credentialStatus"]
        ],
        now=dt.datetime.now(dt.UTC),
    )
    assert outcome["verified"], outcome["errors"]
