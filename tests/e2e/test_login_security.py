"""An academy admin without a second factor is sent to set one up (QR code, first code,
recovery codes); a learner on an admin page sees why it is refused; repeated wrong passwords
pause log-ins — in Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from academy.accounts.models import Role
from tests.e2e.helpers import log_in
from tests.web.conftest import PASSWORD, make_user, totp_code


@pytest.mark.django_db(transaction=True)
def test_an_academy_admin_sets_up_a_second_factor_before_reaching_the_academy_pages(
    live_server: Any, page: Page, shot: Any
) -> None:
    admin = make_user("ada@example.org", "Ada Admin", Role.ACADEMY_ADMIN)
    TOTPDevice.objects.filter(user=admin).delete()
    page.goto(live_server.url + "/accounts/login/?next=/academy/")
    page.get_by_label("E-mail").fill("ada@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", name="Set up two-step log-in")).to_be_visible()
    expect(page.locator("figure.qr svg")).to_be_visible()
    shot("totp-setup")
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    page.get_by_label("Code").fill(totp_code(device))
    page.get_by_role("button", name="Turn on two-step log-in").click()

    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    expect(page.get_by_role("list", name="Recovery codes").locator("li")).to_have_count(10)
    shot("totp-recovery-codes")
    page.get_by_role("link", name="I have saved them, continue").click()
    expect(page).to_have_url(live_server.url + "/academy/")


@pytest.mark.django_db(transaction=True)
def test_a_learner_on_an_admin_page_is_told_who_it_is_for(
    live_server: Any, page: Page, shot: Any
) -> None:
    make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    log_in(page, live_server.url, "lena@example.org")
    page.goto(live_server.url + "/academy/")
    expect(page.get_by_role("heading", name="You cannot open this page")).to_be_visible()
    expect(page.get_by_text("This page is for academy admins.")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    shot("error-403")
    page.goto(live_server.url + "/no-such-page/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    shot("error-404")


@pytest.mark.django_db(transaction=True)
def test_repeated_wrong_passwords_pause_log_ins_with_a_way_out(
    live_server: Any, page: Page, shot: Any
) -> None:
    make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    page.goto(live_server.url + "/accounts/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.get_by_label("E-mail").fill("lena@example.org")
        page.get_by_label("Password").fill("wrong-password")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Log-in paused")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Too many failed log-ins.")
    shot("lockout")
    page.get_by_role("link", name="reset your password").click()
    expect(page.get_by_role("heading", name="Reset your password")).to_be_visible()
