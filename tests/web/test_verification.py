"""Registration verification belongs to platform verifiers, is recorded, and tells the learner.

Before: any academy admin listed everyone on the platform and verified anyone, themselves
included, with nothing kept but the latest state.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from academy.accounts.models import (
    PractitionerProfile,
    Role,
    User,
    VerificationAction,
    VerificationEvent,
)
from academy.accounts.services import profile_update
from tests.web.conftest import client_for, make_user, run_tasks

pytestmark = pytest.mark.django_db

VERIFY = {
    "action": "verified",
    "evidence": "public_register",
    "evidence_reference": "https://www.gmc-uk.org/... looked up 1 Dec 2026",
    "note": "",
}


def verify(by: User, profile: PractitionerProfile, **changes: str) -> object:
    return client_for(by).post(reverse("accounts:verify", args=[profile.pk]), {**VERIFY, **changes})


def with_number(user: User, regulator: str, number: str) -> PractitionerProfile:
    PractitionerProfile.objects.filter(user=user).update(
        regulator=regulator, registration_number=number
    )
    return PractitionerProfile.objects.get(user=user)


def test_a_verifier_verifies_a_registration_and_the_event_records_who_when_and_evidence(
    vera: User, nora: User
) -> None:
    profile = with_number(nora, "NMC", "12A3456E")
    response = verify(vera, profile)
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.verified
    assert profile.verified_by == vera
    event = VerificationEvent.objects.get()
    assert (event.action, event.by, event.evidence, event.registration_number) == (
        "verified",
        vera,
        "public_register",
        "12A3456E",
    )
    assert "gmc-uk.org" in event.evidence_reference
    assert event.at is not None


@pytest.mark.django_db(transaction=True)  # the task worker closes the connection
def test_the_learner_is_told_the_result_by_a_queued_email(vera: User, nora: User) -> None:
    profile = with_number(nora, "NMC", "12A3456E")
    verify(vera, profile)
    assert mail.outbox == []  # never sent inside the request
    run_tasks()
    assert [m.to for m in mail.outbox] == [["nora@example.org"]]
    assert "verified" in mail.outbox[0].subject
    assert "12A3456E" in mail.outbox[0].body


def test_nobody_verifies_their_own_registration(vera: User) -> None:
    response = verify(vera, vera.profile)
    assert response.status_code == 403
    vera.profile.refresh_from_db()
    assert not vera.profile.verified
    page = client_for(vera).get(reverse("accounts:verify", args=[vera.profile.pk]))
    assert "Nobody verifies their own registration" in page.content.decode()


@pytest.mark.parametrize(("regulator", "number"), [("", ""), ("GMC", ""), ("", "1234567")])
def test_a_profile_without_regulator_or_number_cannot_be_verified(
    vera: User, nora: User, regulator: str, number: str
) -> None:
    profile = with_number(nora, regulator, number)
    response = verify(vera, profile)
    assert response.status_code == 400
    assert "cannot be verified" in response.content.decode()
    profile.refresh_from_db()
    assert not profile.verified
    assert not VerificationEvent.objects.exists()


def test_a_number_that_does_not_fit_its_register_cannot_be_verified(vera: User, nora: User) -> None:
    profile = with_number(nora, "GMC", "DEMO-1")  # e.g. stored before formats were checked
    response = verify(vera, profile)
    assert response.status_code == 400
    assert "GMC numbers are 7 digits" in response.content.decode()
    assert not PractitionerProfile.objects.get(pk=profile.pk).verified


def test_verifying_needs_the_evidence_and_other_evidence_needs_a_note(
    vera: User, nora: User
) -> None:
    profile = with_number(nora, "NMC", "12A3456E")
    assert "Say what evidence you checked." in verify(vera, profile, evidence="").content.decode()
    assert "Describe the evidence" in verify(vera, profile, evidence="other").content.decode()
    assert not VerificationEvent.objects.exists()


def test_a_duplicate_number_is_flagged_and_needs_a_note_to_verify(
    vera: User, lena: User, nora: User
) -> None:
    # The personas all give GMC 1234567.
    listing = client_for(vera).get(reverse("accounts:practitioners") + "?show=duplicates")
    html = listing.content.decode()
    assert "Number also on another account" in html
    assert "lena@example.org" in html
    assert "nora@example.org" in html
    page = client_for(vera).get(reverse("accounts:verify", args=[lena.profile.pk]))
    assert "also given by Nora Nurse" in page.content.decode()
    refused = verify(vera, lena.profile)
    assert "Another account gives this registration number" in refused.content.decode()
    assert verify(vera, lena.profile, note="Nora's entry is a typo; asked her.").status_code == 302


def test_revoking_needs_a_reason_and_both_events_stay(vera: User, nora: User) -> None:
    profile = with_number(nora, "NMC", "12A3456E")
    verify(vera, profile)
    assert "Give the reason" in verify(vera, profile, action="revoked").content.decode()
    verify(vera, profile, action="revoked", note="Lapsed on the register.")
    profile.refresh_from_db()
    assert not profile.verified
    assert list(VerificationEvent.objects.values_list("action", flat=True)) == [
        "revoked",
        "verified",
    ]
    history = client_for(vera).get(reverse("accounts:verify", args=[profile.pk])).content.decode()
    assert "Lapsed on the register." in history
    assert "Vera Verifier" in history


def test_events_are_never_changed_or_deleted(vera: User, nora: User) -> None:
    verify(vera, with_number(nora, "NMC", "12A3456E"))
    event = VerificationEvent.objects.get()
    event.note = "rewritten"
    with pytest.raises(ValueError, match="never changed"):
        event.save()
    with pytest.raises(ValueError, match="never deleted"):
        event.delete()


def test_changing_the_registration_ends_verification_as_a_recorded_event(
    vera: User, nora: User
) -> None:
    profile = with_number(nora, "NMC", "12A3456E")
    verify(vera, profile)
    profile.refresh_from_db()
    profile_update(profile=profile, changed={"registration_number": "99Z9999Z"})
    latest = VerificationEvent.objects.first()
    assert latest is not None
    assert (latest.action, latest.by, latest.registration_number) == (
        VerificationAction.REVOKED,
        nora,
        "99Z9999Z",
    )


def test_an_academy_admin_neither_lists_nor_verifies_practitioners(ada: User, nora: User) -> None:
    assert client_for(ada).get(reverse("accounts:practitioners")).status_code == 403
    assert verify(ada, nora.profile).status_code == 403
    assert (
        client_for(ada).get(reverse("accounts:verify", args=[nora.profile.pk])).status_code == 403
    )


def test_the_verification_list_is_paginated_with_bounded_queries(
    vera: User, django_assert_max_num_queries: object
) -> None:
    for i in range(60):
        make_user(f"p{i}@example.org", f"P {i}", Role.LEARNER)
    client = client_for(vera)
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        html = client.get(reverse("accounts:practitioners")).content.decode()
    assert "Page 1 of 2" in html
    assert (
        "Page 2 of 2" in client.get(reverse("accounts:practitioners") + "?page=2").content.decode()
    )


def test_the_list_names_professions_and_jurisdictions_in_words(vera: User, nora: User) -> None:
    html = client_for(vera).get(reverse("accounts:practitioners")).content.decode()
    assert "Registered nurse" in html
    assert "England, United Kingdom" in html
    assert "registered_nurse" not in html


def test_verification_events_keep_the_profile_readable_after_account_removal(
    vera: User, nora: User
) -> None:
    verify(vera, with_number(nora, "NMC", "12A3456E"))
    nora.delete()
    event = VerificationEvent.objects.get()
    assert (event.profile, event.subject_email) == (None, "nora@example.org")


def test_the_decision_form_labels_say_when_evidence_and_note_are_needed_not_optional(
    vera: User, nora: User
) -> None:
    """Before: "Evidence checked (optional)", yet verifying without it was refused."""
    profile = with_number(nora, "NMC", "12A3456E")
    page = " ".join(
        client_for(vera).get(reverse("accounts:verify", args=[profile.pk])).content.decode().split()
    )
    assert 'Evidence checked <span class="optional">(needed to verify)</span>' in page
    assert 'Evidence checked <span class="optional">(optional)</span>' not in page
    assert "(needed to decline or revoke)" in page
    refused = verify(vera, profile, evidence="")
    assert refused.status_code == 400
    assert "Say what evidence you checked." in refused.content.decode()


def test_revoking_needs_no_evidence_as_the_label_says(vera: User, nora: User) -> None:
    profile = with_number(nora, "NMC", "12A3456E")
    verify(vera, profile)
    response = verify(vera, profile, action="revoked", evidence="", note="Struck off")
    assert response.status_code == 302
    profile.refresh_from_db()
    assert not profile.verified
