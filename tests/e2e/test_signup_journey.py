"""A new visitor signs up as a nurse in England, logs in, edits the profile, sees the learner
dashboard and logs out — in Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from academy.accounts.models import User
from tests.web.conftest import run_tasks


@pytest.mark.django_db(transaction=True)
def test_a_nurse_signs_up_edits_her_profile_and_logs_out(
    live_server: Any, page: Page, shot: Any
) -> None:
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Sign up").first.click()
    expect(page.get_by_role("heading", name="Create a practitioner account")).to_be_visible()

    page.get_by_label("Full name").fill("Nurse Ivy Stone")
    page.get_by_label("E-mail").fill("ivy@example.org")
    page.get_by_label("Password", exact=True).fill("a-long-unusual-passphrase")
    page.get_by_label("Password again").fill("a-long-unusual-passphrase")
    page.get_by_label("Profession").select_option("registered_nurse")
    # a select from the platform's jurisdiction list (was free text)
    page.get_by_label("Where you practise").select_option("GB-ENG")
    page.get_by_label("Regulator").fill("NMC")
    shot("signup-form")
    page.get_by_role("button", name="Create account").click()

    # Sign-up now confirms the address first (issue 10): follow the link from the e-mail.
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    run_tasks()
    link = next(word for word in mail.outbox[-1].body.split() if "/confirm-email/" in word)
    page.goto(link.replace("http://testserver", live_server.url))
    expect(page.get_by_text("your e-mail address is confirmed")).to_be_visible()

    page.get_by_label("E-mail").fill("ivy@example.org")
    page.get_by_label("Password").fill("a-long-unusual-passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your dashboard")).to_be_visible()
    expect(page.get_by_text("England, United Kingdom", exact=False)).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("E-mail").fill("ivy@example.org")
    page.get_by_label("Password").fill("a-long-unusual-passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your dashboard")).to_be_visible()

    page.get_by_role("link", name="My profile").click()  # the name in the account box
    page.get_by_label("Registration number").fill("12A3456E")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your practitioner profile was saved.")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_text("12A3456E")).to_be_visible()
    expect(page.get_by_text("Not yet verified")).to_be_visible()
    shot("learner-dashboard")
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in").first).to_be_visible()

    user = User.objects.get(email="ivy@example.org")
    assert user.profile.registration_number == "12A3456E"
    assert user.profile.jurisdiction == "GB-ENG"


@pytest.mark.django_db(transaction=True)
def test_a_signup_with_errors_keeps_the_typed_values(live_server: Any, page: Page) -> None:
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("Full name").fill("Dr Kim")
    page.get_by_label("Where you practise").select_option("")  # nothing chosen
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct")
    expect(page.get_by_label("Full name")).to_have_value("Dr Kim")
