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


def test_the_demo_certificate_says_the_same_everywhere_and_follows_its_run(tmp_path: Path) -> None:
    from academy.credentials.documents import credential_facts
    from academy.credentials.requirements import last_day
    from tests.web.builders import page_text, pdf_text
    from threadlift.credentials.credential import criteria_lines

    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    credential = Credential.objects.select_related("enrolment__run").get(pk=VALID_ID)
    doc = credential.document
    assert credential.enrolment is not None
    assert credential.issued_at is not None
    assert credential.issued_at.date() > last_day(credential.enrolment)
    assert float(credential.cpd_hours or 0) == float(credential.enrolment.run.total_hours)
    said = credential_facts(doc)
    page = page_text(client_for(None).get(f"/credentials/{VALID_ID}/").content)
    learner = credential.learner
    assert learner is not None
    pdf = pdf_text(
        client_for(learner).get(f"/credentials/mine/{VALID_ID}/certificate.pdf").content, tmp_path
    )
    for text in (page, pdf):
        for line in criteria_lines(doc):
            assert line.split(" — ")[0] in text
        for name, value in said["results"]:
            assert f"{name}: {value}" in text
        assert "10 supervised cases" not in text
        assert "DOPS level 3" not in text
        assert said["issued"] in text
