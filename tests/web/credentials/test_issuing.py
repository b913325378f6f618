"""From the last requirement to a certificate anyone can check, and what academies can do to it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from academy.accounts.models import User
from academy.credentials import services
from academy.credentials.models import (
    Credential,
    CredentialEvent,
    CredentialState,
    RequirementMark,
)
from tests.interop.verifier import js_verify
from tests.web.conftest import client_for, run_tasks

from .conftest import Setup

pytestmark = pytest.mark.django_db(transaction=True)


def mark_attended(setup: Setup, ada: User) -> None:
    response = client_for(ada).post(
        reverse("credentials:mark", args=[setup.enrolment.pk, setup.attended.pk])
    )
    assert response.status_code == 302


def issued(setup: Setup, ada: User) -> Credential:
    mark_attended(setup, ada)
    run_tasks()
    return Credential.objects.get(enrolment=setup.enrolment, state=CredentialState.ISSUED)


def public_json(client, url: str) -> dict:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200
    return response.json()


def js_check(tmp_path, credential: Credential, now: dt.datetime | None = None) -> dict:  # type: ignore[no-untyped-def]
    from django.test import Client

    client = Client()
    doc = credential.document
    return js_verify(
        tmp_path,
        doc,
        did_document=public_json(client, "/academies/northern/did.json"),
        status_lists=[
            public_json(client, s["statusListCredential"].removeprefix("http://testserver"))
            for s in doc["credentialStatus"]
        ],
        now=now or dt.datetime.now(dt.UTC),
    )


def test_the_run_not_yet_ended_blocks_issue(setup: Setup, ada: User) -> None:
    run = setup.enrolment.run
    run.ends_on = run.starts_on = dt.date.today() + dt.timedelta(days=3)
    run.save()
    mark_attended(setup, ada)
    run_tasks()
    assert not Credential.objects.exists()
    with pytest.raises(services.CannotIssue):
        services.request_issue(setup.enrolment, by=ada)


def test_the_academy_requirement_not_marked_blocks_issue(setup: Setup, ada: User) -> None:
    with pytest.raises(services.CannotIssue):
        services.request_issue(setup.enrolment, by=ada)
    response = client_for(ada).post(reverse("credentials:issue", args=[setup.enrolment.pk]))
    assert response.status_code == 302
    assert not Credential.objects.exists()


def test_a_requirement_of_an_unregistered_kind_blocks_issue(setup: Setup, ada: User) -> None:
    setup.attended.course.completion_rules.create(kind="module_passed", label="Passed module 1")
    mark_attended(setup, ada)
    run_tasks()
    assert not Credential.objects.exists()


def test_a_course_without_requirements_issues_nothing(setup: Setup, ada: User) -> None:
    setup.attended.course.completion_rules.all().delete()
    with pytest.raises(services.CannotIssue):
        services.request_issue(setup.enrolment, by=ada)


def test_the_last_requirement_issues_a_signed_credential_and_tells_the_learner(
    setup: Setup, ada: User, lena: User, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    credential = issued(setup, ada)
    doc = credential.document
    assert doc["issuer"]["id"] == "did:web:testserver:academies:northern"
    assert doc["credentialSubject"]["name"] == lena.full_name
    assert doc["credentialSubject"]["achievement"]["creditsAvailable"] == 8.0  # the run's hours
    assert "email" not in str(doc)
    assert lena.email not in str(doc)
    assert any(lena.email in m.to for m in mail.outbox)
    assert js_check(tmp_path, credential)["verified"]
    page = client_for(None).get(reverse("credentials:verify", args=[credential.pk]))
    assert "Valid" in page.content.decode()


def test_a_course_that_asks_for_approval_waits_for_an_admin(setup: Setup, ada: User) -> None:
    setup.policy.approval_required = True
    setup.policy.save()
    mark_attended(setup, ada)
    run_tasks()
    credential = Credential.objects.get()
    assert credential.state == CredentialState.AWAITING_APPROVAL
    client_for(ada).post(reverse("credentials:approve", args=[credential.pk]))
    run_tasks()
    credential.refresh_from_db()
    assert credential.state == CredentialState.ISSUED


def test_a_non_ascii_name_verifies_in_the_js_verifier(
    setup: Setup, ada: User, lena: User, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    lena.full_name = "Zoë Ångström-Núñez ✓"
    lena.save()
    credential = issued(setup, ada)
    assert credential.document["credentialSubject"]["name"] == "Zoë Ångström-Núñez ✓"
    assert js_check(tmp_path, credential)["verified"]


def test_a_revocation_is_in_the_status_list_at_once_and_the_js_verifier_sees_it(
    setup: Setup, ada: User, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    credential = issued(setup, ada)
    assert js_check(tmp_path, credential)["verified"]  # the lists are now signed and cached
    response = client_for(ada).post(
        reverse("credentials:change", args=[credential.pk, "revoke"]),
        {"revoke-reason": "Registration lapsed", "revoke-confirm": "on"},
    )
    assert response.status_code == 302
    outcome = js_check(tmp_path, credential)
    assert not outcome["verified"]
    assert any("revocation" in e for e in outcome["errors"])
    page = client_for(None).get(reverse("credentials:verify", args=[credential.pk])).content
    assert "Revoked" in page.decode()
    event = CredentialEvent.objects.get(credential=credential, action="revoked")
    assert event.reason == "Registration lapsed"
    assert "ada@example.org" in event.by_label


def test_a_suspension_can_be_lifted(setup: Setup, ada: User) -> None:
    credential = issued(setup, ada)
    admin = client_for(ada)
    page = reverse("credentials:verify", args=[credential.pk])
    admin.post(
        reverse("credentials:change", args=[credential.pk, "suspend"]), {"status-reason": "Query"}
    )
    assert "Suspended" in client_for(None).get(page).content.decode()
    admin.post(
        reverse("credentials:change", args=[credential.pk, "unsuspend"]), {"status-reason": "OK"}
    )
    assert "Valid" in client_for(None).get(page).content.decode()


def test_a_revocation_without_a_reason_or_confirmation_is_refused_and_the_form_says_why(
    setup: Setup, ada: User
) -> None:
    credential = issued(setup, ada)
    response = client_for(ada).post(
        reverse("credentials:change", args=[credential.pk, "revoke"]),
        {"revoke-reason": "", "revoke-confirm": "on"},
    )
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    response = client_for(ada).post(
        reverse("credentials:change", args=[credential.pk, "revoke"]),
        {"revoke-reason": "Registration lapsed"},
    )
    assert response.status_code == 400
    assert "Tick the box to confirm the revocation" in response.content.decode()
    credential.refresh_from_db()
    assert not credential.revoked


def test_a_certificate_expires_after_the_renewal_period_and_can_be_renewed(
    setup: Setup, ada: User, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    setup.policy.renewal_months = 12
    setup.policy.save()
    credential = issued(setup, ada)
    assert credential.document["validUntil"]
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=400)
    assert not js_check(tmp_path, credential, later)["verified"]
    with time_machine.travel(later, tick=False):
        page = client_for(None).get(reverse("credentials:verify", args=[credential.pk]))
        assert "Expired" in page.content.decode()
    client_for(ada).post(reverse("credentials:renew", args=[credential.pk]))
    run_tasks()
    renewed = Credential.objects.get(replaces=credential)
    assert renewed.state == CredentialState.ISSUED
    assert renewed.status_index != credential.status_index


def test_a_credential_signed_before_a_key_rotation_still_verifies(
    setup: Setup, ada: User, lena: User, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    old = issued(setup, ada)
    client_for(ada).post(reverse("credentials:rotate", args=[setup.provider.pk]))
    did = client_for(None).get("/academies/northern/did.json").json()
    assert [m["id"].split("#")[1] for m in did["verificationMethod"]] == ["key-2", "key-1"]
    assert js_check(tmp_path, old)["verified"]
    old.revoked = False
    new = services.renew(old, by=ada)
    run_tasks()
    new.refresh_from_db()
    assert new.document["proof"]["verificationMethod"].endswith("#key-2")
    assert js_check(tmp_path, new)["verified"]


def test_private_keys_are_sealed_in_the_database(setup: Setup, ada: User) -> None:
    issued(setup, ada)
    key = setup.provider.signing_keys.get()
    assert "PRIVATE KEY" not in key.sealed_private_key
    assert key.sealed_private_key.startswith("v1:")


def test_signing_refuses_without_a_key_secret(setup: Setup, ada: User, settings) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ImproperlyConfigured

    from academy.credentials import signing

    settings.CREDENTIAL_KEY_SECRET = ""
    with pytest.raises(ImproperlyConfigured, match="CREDENTIAL_KEY_SECRET"):
        signing.rotate_key(setup.provider)
    assert not RequirementMark.objects.exists()
