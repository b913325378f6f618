"""Shared browser steps. `log_in` passes the second factor for the roles that need one (the
personas' authenticator key is known to the tests: tests.web.conftest.PERSONA_TOTP_KEY)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from academy.accounts.models import User
from tests.web.conftest import PASSWORD, persona_device, totp_code


def log_in(page: Page, base: str, email: str, password: str = PASSWORD) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    if "/accounts/second-factor/" in page.url:
        user = User.objects.get(email=email)
        if "/set-up/" in page.url:  # a test made this user staff or gave a role after creation
            raise AssertionError(f"{email} has no authenticator: create users with make_user")
        page.get_by_label("Code").fill(totp_code(persona_device(user)))
        page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("heading", name="Your dashboard")).to_be_visible()
