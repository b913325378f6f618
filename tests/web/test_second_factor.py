"""Second factor (django-otp): admins, trainers and staff must give one; learners may opt in."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings

from academy.accounts.models import Role, User
from tests.web.conftest import PASSWORD, client_for, make_user, persona_device, totp_code

pytestmark = pytest.mark.django_db


def password_login(email: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_an_academy_admin_who_logged_in_with_a_password_is_sent_to_give_a_code(ada: User) -> None:
    client = password_login("ada@example.org")
    response = client.get(reverse("catalog:provider_home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:mfa_verify") + "?next=%2Facademy%2F"


@pytest.mark.parametrize("url", ["/academy/", "/dashboard/", "/accounts/profile/", "/staff/"])
def test_no_page_is_reachable_by_a_trainer_before_the_code(theo: User, url: str) -> None:
    User.objects.filter(pk=theo.pk).update(is_staff=True)
    response = password_login("theo@example.org").get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_verify"))


def test_the_right_code_opens_the_page_asked_for(ada: User) -> None:
    client = password_login("ada@example.org")
    response = client.post(
        reverse("accounts:mfa_verify"),
        {"code": totp_code(persona_device(ada)), "next": "/academy/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/academy/"
    assert client.get("/academy/").status_code == 200


def test_a_wrong_code_re_renders_with_a_field_message(ada: User) -> None:
    client = password_login("ada@example.org")
    response = client.post(reverse("accounts:mfa_verify"), {"code": "000000"})
    assert response.status_code == 400
    assert "That code is not right" in response.content.decode()
    assert client.get("/academy/").status_code == 302


def test_the_next_address_may_not_point_to_another_site(ada: User) -> None:
    client = password_login("ada@example.org")
    response = client.post(
        reverse("accounts:mfa_verify"),
        {"code": totp_code(persona_device(ada)), "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("core:dashboard")


def test_an_admin_without_a_second_factor_sets_one_up_with_a_qr_code_and_gets_recovery_codes(
    ada: User,
) -> None:
    TOTPDevice.objects.filter(user=ada).delete()
    client = password_login("ada@example.org")
    response = client.get("/academy/")
    assert response["Location"].startswith(reverse("accounts:mfa_setup"))

    page = client.get(reverse("accounts:mfa_setup"))
    html = page.content.decode()
    assert "<svg" in html
    assert "QR code for your authenticator app" in html
    secret = re.search(r"data-secret>([A-Z2-7]+)<", html)
    assert secret is not None
    device = TOTPDevice.objects.get(user=ada, confirmed=False)
    done = client.post(reverse("accounts:mfa_setup"), {"code": totp_code(device)})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert "shown only now" in done.content.decode()
    assert client.get("/academy/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed

    # shown once: the overview counts them but never prints them again
    overview = client.get(reverse("accounts:mfa")).content.decode()
    assert "10</strong> unused recovery codes" in overview
    assert not any(code in overview for code in codes)


def test_a_wrong_first_code_leaves_the_authenticator_unconfirmed(ada: User) -> None:
    TOTPDevice.objects.filter(user=ada).delete()
    client = password_login("ada@example.org")
    client.get(reverse("accounts:mfa_setup"))
    device = TOTPDevice.objects.get(user=ada)
    wrong = client.post(reverse("accounts:mfa_setup"), {"code": totp_code(device, offset_steps=5)})
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/academy/").status_code == 302


def test_guessing_codes_is_slowed_down_by_the_library(ada: User, settings: Settings) -> None:
    # django-otp waits OTP_TOTP_THROTTLE_FACTOR seconds (1 by default) after a wrong code: a
    # loaded machine took longer than that between the two posts and the right code went
    # through. The library's own factor, an hour here, takes the clock out of the test.
    settings.OTP_TOTP_THROTTLE_FACTOR = 3600
    client = password_login("ada@example.org")
    client.post(reverse("accounts:mfa_verify"), {"code": "000000"})
    # right after a wrong code even the right one is refused for a moment (django-otp throttling)
    response = client.post(reverse("accounts:mfa_verify"), {"code": totp_code(persona_device(ada))})
    assert response.status_code == 400


def test_a_recovery_code_works_once_in_place_of_the_app(ada: User) -> None:
    client = client_for(ada)
    page = client.post(reverse("accounts:mfa_recovery_codes"))
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", page.content.decode())
    first = password_login("ada@example.org")
    assert first.post(reverse("accounts:mfa_verify"), {"code": codes[0]}).status_code == 302
    assert first.get("/academy/").status_code == 200
    again = password_login("ada@example.org")
    assert again.post(reverse("accounts:mfa_verify"), {"code": codes[0]}).status_code == 400
    assert StaticToken.objects.filter(device__user=ada).count() == 9


def test_new_recovery_codes_replace_the_old_ones(ada: User) -> None:
    client = client_for(ada)
    old = re.findall(
        r"<li><code>([a-z0-9]+)</code></li>",
        client.post(reverse("accounts:mfa_recovery_codes")).content.decode(),
    )
    client.post(reverse("accounts:mfa_recovery_codes"))
    assert not StaticToken.objects.filter(token__in=old).exists()


def test_a_learner_is_not_asked_for_a_second_factor(lena: User) -> None:
    assert password_login("lena@example.org").get("/dashboard/").status_code == 200


def test_a_learner_who_opted_in_is_asked_for_it_at_the_next_log_in(lena: User) -> None:
    client = client_for(lena)
    client.get(reverse("accounts:mfa_setup"))
    device = TOTPDevice.objects.get(user=lena)
    assert (
        client.post(reverse("accounts:mfa_setup"), {"code": totp_code(device)}).status_code == 200
    )
    later = password_login("lena@example.org")
    response = later.get("/dashboard/")
    assert response["Location"].startswith(reverse("accounts:mfa_verify"))


def test_removing_the_second_factor_needs_the_password(lena: User) -> None:
    persona_device(lena)
    client = password_login("lena@example.org")
    client.post(reverse("accounts:mfa_verify"), {"code": totp_code(persona_device(lena))})
    refused = client.post(reverse("accounts:mfa_remove"), {"password": "wrong"})
    assert refused.status_code == 400
    assert "That is not your password." in refused.content.decode()
    assert TOTPDevice.objects.filter(user=lena).exists()
    done = client.post(reverse("accounts:mfa_remove"), {"password": PASSWORD})
    assert done["Location"] == reverse("accounts:mfa")
    assert not TOTPDevice.objects.filter(user=lena).exists()
    assert password_login("lena@example.org").get("/dashboard/").status_code == 200


def test_an_admin_who_removes_it_must_set_up_a_new_one_at_once(ada: User) -> None:
    client = client_for(ada)
    response = client.post(reverse("accounts:mfa_remove"), {"password": PASSWORD})
    assert response["Location"] == reverse("accounts:mfa_setup")
    assert client.get("/academy/")["Location"].startswith(reverse("accounts:mfa_setup"))


@pytest.mark.urls("tests.web.probe_urls")
def test_an_api_call_before_the_code_gets_the_api_error_shape(ada: User) -> None:
    response = password_login("ada@example.org").get("/api/probe")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "second_factor_required"
    assert client_for(ada).get("/api/probe").json() == {"ok": True}


def test_the_personas_of_other_tests_reach_their_pages_without_a_code(
    ada: User, theo: User
) -> None:
    assert client_for(ada).get("/academy/").status_code == 200
    assert client_for(theo).get(reverse("accounts:trainer_profile")).status_code == 200
    staff = make_user("sam@example.org", "Sam Staff", Role.LEARNER)
    User.objects.filter(pk=staff.pk).update(is_staff=True, is_superuser=True)
    staff.refresh_from_db()
    assert client_for(staff).get("/staff/").status_code == 200


def test_the_demo_admin_logs_in_with_the_code_printed_by_demo_otp(capsys: object) -> None:
    from io import StringIO

    call_command("load_demo", force=True, stdout=StringIO())
    out = StringIO()
    call_command("demo_otp", "admin@demo.threadlift.test", stdout=out)
    code = out.getvalue().strip()
    assert re.fullmatch(r"\d{6}", code)
    client = Client()
    client.post(
        reverse("accounts:login"),
        {"username": "admin@demo.threadlift.test", "password": "threadlift-demo"},
    )
    assert client.post(reverse("accounts:mfa_verify"), {"code": code}).status_code == 302
    assert client.get("/academy/").status_code == 200


def test_demo_otp_refuses_accounts_that_are_not_demo_accounts(ada: User) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Only demo accounts"):
        call_command("demo_otp", "ada@example.org")


def test_pages_with_the_secret_key_or_recovery_codes_are_never_cached(ada: User) -> None:
    client = client_for(ada)
    codes = client.post(reverse("accounts:mfa_recovery_codes"))
    assert "no-store" in codes["Cache-Control"]
    TOTPDevice.objects.filter(user=ada).delete()
    assert "no-store" in client.get(reverse("accounts:mfa_setup"))["Cache-Control"]


def test_before_the_code_the_navigation_offers_only_public_pages(ada: User) -> None:
    client = password_login("ada@example.org")
    html = client.get(reverse("accounts:mfa_verify")).content.decode()
    assert "Courses" in html
    assert "My academy" not in html
    assert "My academy" in client_for(ada).get(reverse("core:dashboard")).content.decode()


# --- issue 25: the session key, a bare `next`, and secrets in the staff admin ---------------


def test_the_session_key_changes_at_the_second_factor_step(ada: User) -> None:
    client = password_login("ada@example.org")
    before = client.session.session_key
    response = client.post(reverse("accounts:mfa_verify"), {"code": totp_code(persona_device(ada))})
    assert response.status_code == 302
    after = client.session.session_key
    assert before
    assert after
    assert before != after
    assert client.get("/academy/").status_code == 200  # the new key carries the verified session


def test_the_session_key_changes_when_a_second_factor_is_first_set_up(ada: User) -> None:
    TOTPDevice.objects.filter(user=ada).delete()
    client = password_login("ada@example.org")
    client.get(reverse("accounts:mfa_setup"))
    device = TOTPDevice.objects.get(user=ada, confirmed=False)
    before = client.session.session_key
    response = client.post(reverse("accounts:mfa_setup"), {"code": totp_code(device)})
    assert response.status_code == 200
    assert client.session.session_key != before


@pytest.mark.parametrize("target", ["dashboard", "academy/", "core:dashboard", "//evil.example/"])
def test_a_next_that_is_not_a_path_from_the_root_leads_to_the_dashboard(
    ada: User, target: str
) -> None:
    client = password_login("ada@example.org")
    page = client.get(reverse("accounts:mfa_verify"), {"next": target})
    assert page.status_code == 200
    response = client.post(
        reverse("accounts:mfa_verify"), {"code": totp_code(persona_device(ada)), "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")
    # once verified, the page sends a bare `next` to the dashboard too, instead of failing
    again = client.get(reverse("accounts:mfa_verify"), {"next": target})
    assert again["Location"] == reverse("core:dashboard")


def staff_client() -> Client:
    staff = make_user("sam@example.org", "Sam Staff", Role.LEARNER)
    User.objects.filter(pk=staff.pk).update(is_staff=True, is_superuser=True)
    staff.refresh_from_db()
    return client_for(staff)


def test_staff_never_see_anyones_totp_key_or_qr_code_in_the_admin(theo: User) -> None:
    device = persona_device(theo)
    staff = staff_client()
    page = staff.get(f"/staff/otp_totp/totpdevice/{device.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert device.key not in html
    assert "qrcode" not in html
    assert device.key not in staff.get("/staff/otp_totp/totpdevice/").content.decode()
    assert staff.get(f"/staff/otp_totp/totpdevice/{device.pk}/config/").status_code == 403
    assert staff.get(f"/staff/otp_totp/totpdevice/{device.pk}/qrcode/").status_code == 403


def test_staff_never_see_anyones_recovery_codes_in_the_admin(theo: User) -> None:
    from academy.accounts.second_factor import recovery_codes_regenerate

    codes = recovery_codes_regenerate(user=theo)
    static = StaticToken.objects.filter(token=codes[0]).get().device
    html = staff_client().get(f"/staff/otp_static/staticdevice/{static.pk}/change/")
    assert html.status_code == 200
    assert not [code for code in codes if code in html.content.decode()]
