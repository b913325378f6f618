"""Sign-up, log-in, profile, verification and passwords, through HTTP as a user would."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from academy.accounts.models import PractitionerProfile, Role, User
from tests.web.builders import SIGNUP
from tests.web.conftest import PASSWORD, client_for, run_tasks

pytestmark = pytest.mark.django_db


def test_a_new_practitioner_signs_up_as_a_learner_with_an_unverified_profile(
    client: Client,
) -> None:
    response = client.post(reverse("accounts:signup"), SIGNUP)
    assert response.status_code == 302
    # Sign-up now asks to confirm the address (issue 10) instead of logging straight in.
    assert response["Location"] == reverse("accounts:signup_done")
    user = User.objects.get(email="ivy@example.org")
    assert user.email_confirmed is False
    assert user.has_role(Role.LEARNER)
    assert user.profile.profession == "registered_nurse"
    assert user.profile.jurisdiction == "GB-ENG"
    assert user.profile.verified is False
    assert user.password.startswith("md5$")  # the test hasher; production is checked below


def test_passwords_are_hashed_with_argon2_in_production_settings() -> None:
    from django.conf import settings

    from academy import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert settings.AUTH_USER_MODEL == "accounts.User"


def test_sign_up_with_bad_input_re_renders_with_field_messages_and_keeps_what_was_typed(
    client: Client,
) -> None:
    bad = {**SIGNUP, "jurisdiction": "XX-123", "password2": "different-passphrase", "email": "nope"}
    response = client.post(reverse("accounts:signup"), bad)
    assert response.status_code == 200
    html = response.content.decode()
    # The jurisdiction is a select from the platform's list now (was free text checked as ISO).
    assert "Choose where you practise from the list." in html
    assert "The two passwords do not match." in html
    assert "Enter a valid email address." in html
    assert 'value="Nurse Ivy Stone"' in html
    assert not User.objects.exists()


def test_a_subdivision_that_does_not_belong_to_the_country_is_refused(client: Client) -> None:
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "jurisdiction": "GB-CA"})
    assert "Choose where you practise from the list." in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.parametrize("typed", ["UK", "England", "GB-LND", "gb eng"])
def test_jurisdiction_text_that_is_not_on_the_platform_list_is_refused(
    client: Client, typed: str
) -> None:
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "jurisdiction": typed})
    assert response.status_code == 200
    assert "Choose where you practise from the list." in response.content.decode()
    assert not User.objects.exists()


def test_the_profile_offers_jurisdictions_as_a_select_with_names(lena: User) -> None:
    html = client_for(lena).get(reverse("accounts:profile")).content.decode()
    assert '<select name="jurisdiction"' in html
    assert '<optgroup label="With regulation data">' in html
    assert '<option value="GB-ENG" selected>England, United Kingdom</option>' in html
    assert 'value="GB-LND"' not in html  # councils and boroughs are not jurisdictions


def test_a_registration_number_of_the_wrong_shape_for_its_regulator_is_refused(
    client: Client,
) -> None:
    response = client.post(
        reverse("accounts:signup"),
        {**SIGNUP, "regulator": "nmc", "registration_number": "1234567"},
    )
    html = response.content.decode()
    assert "NMC numbers are the NMC PIN" in html
    assert "12A3456E" in html
    assert "not yet confirmed by a source" in html
    assert not User.objects.exists()


def test_a_registration_number_is_stored_in_its_register_s_spelling(client: Client) -> None:
    client.post(
        reverse("accounts:signup"),
        {
            **SIGNUP,
            "regulator": " nursing and midwifery council ",
            "registration_number": "12a 3456e",
        },
    )
    profile = PractitionerProfile.objects.get(user__email="ivy@example.org")
    assert (profile.regulator, profile.registration_number) == ("NMC", "12A3456E")


def test_a_number_without_its_regulator_is_refused(lena: User) -> None:
    response = client_for(lena).post(
        reverse("accounts:profile"),
        {"profession": "physician", "jurisdiction": "GB-ENG", "registration_number": "1234567"},
    )
    assert response.status_code == 200
    assert "Name the regulator" in response.content.decode()


def test_signing_up_twice_with_one_email_creates_no_second_account(
    client: Client, lena: User
) -> None:
    # No "already exists" message any more: it told strangers who has an account (issue 10).
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "email": "LENA@example.org"})
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="lena@example.org").count() == 1
    assert "already exists" not in client.get(response["Location"]).content.decode()


def test_a_practitioner_logs_in_with_email_and_logs_out(client: Client, lena: User) -> None:
    response = client.post(
        reverse("accounts:login"), {"username": "lena@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_a_wrong_password_is_refused_with_a_message(client: Client, lena: User) -> None:
    response = client.post(
        reverse("accounts:login"), {"username": "lena@example.org", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "correct e-mail" in response.content.decode().lower() or "enter a correct" in (
        response.content.decode().lower()
    )


def test_changing_registration_details_sends_the_profile_back_for_verification(
    lena: User,
) -> None:
    PractitionerProfile.objects.filter(user=lena).update(verified=True)
    client = client_for(lena)
    response = client.post(
        reverse("accounts:profile"),
        {
            "profession": "dermatologist",
            "jurisdiction": "GB-SCT",
            "regulator": "GMC",
            "registration_number": "1234567",
        },
    )
    assert response.status_code == 302
    profile = PractitionerProfile.objects.get(user=lena)
    assert (profile.profession, profile.jurisdiction, profile.verified) == (
        "dermatologist",
        "GB-SCT",
        False,
    )


def test_an_academy_admin_cannot_verify_registrations_any_more(ada: User, nora: User) -> None:
    # Verification moved to platform verifiers (tests/web/test_verification.py).
    response = client_for(ada).post(
        reverse("accounts:verify", args=[nora.profile.pk]),
        {"action": "verified", "evidence": "public_register"},
    )
    assert response.status_code == 403
    nora.profile.refresh_from_db()
    assert nora.profile.verified is False


def test_a_learner_cannot_verify_anyone_not_even_themselves(nora: User) -> None:
    response = client_for(nora).post(
        reverse("accounts:verify", args=[nora.profile.pk]),
        {"action": "verified", "evidence": "public_register"},
    )
    assert response.status_code == 403
    nora.profile.refresh_from_db()
    assert nora.profile.verified is False


def test_a_trainer_edits_their_trainer_profile(theo: User) -> None:
    response = client_for(theo).post(
        reverse("accounts:trainer_profile"),
        {
            "years_in_practice": "12",
            "thread_procedures_performed": "640",
            "credentials": "FRCS\nLevel 7",
            "specialties": "midface",
            "bio": "",
        },
    )
    assert response.status_code == 302
    assert theo.trainer_profile.thread_procedures_performed == 640


def test_a_trainer_profile_with_negative_years_is_refused(theo: User) -> None:
    response = client_for(theo).post(
        reverse("accounts:trainer_profile"),
        {
            "years_in_practice": "-3",
            "thread_procedures_performed": "10",
        },
    )
    assert response.status_code == 200
    assert "greater than or equal to 0" in response.content.decode()


def test_password_change_requires_the_old_password(lena: User) -> None:
    client = client_for(lena)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "wrong",
            "new_password1": "another-long-phrase",
            "new_password2": "another-long-phrase",
        },
    )
    assert response.status_code == 200
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-phrase",
            "new_password2": "another-long-phrase",
        },
    )
    assert response.status_code == 302
    lena.refresh_from_db()
    assert lena.check_password("another-long-phrase")


@pytest.mark.django_db(transaction=True)  # the task worker needs committed rows (PostgreSQL)
def test_password_reset_sends_a_one_time_link(client: Client, lena: User) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": "lena@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0  # queued, not sent inside the request (issue 10)
    run_tasks()
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/" in mail.outbox[0].body
