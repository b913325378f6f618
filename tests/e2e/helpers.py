"""Shared browser steps (the one module browser tests share; data builders are in
tests/web/builders.py). `log_in` passes the second factor for the roles that need one (the
personas' authenticator key is known to the tests: tests.web.conftest.PERSONA_TOTP_KEY)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from academy.accounts.models import User
from academy.learning.models import Attempt
from tests.web.conftest import PASSWORD, persona_device, totp_code
from tests.web.learning import helpers as h


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


def answer_page(page: Page, right: bool, shot: Any = None) -> None:
    """Answer the item on the page, right or wrong, as a learner with the keyboard would."""
    legend = page.locator("legend .item-number").inner_text()  # "Item 2 of 3"
    position = int(legend.split()[1]) - 1
    attempt = Attempt.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
    item = h.pool()[attempt.items[position]["id"]]
    data = h.right_answer(item) if right else h.wrong_answer(item)
    if item.kind == "hotspot":
        if shot is not None:
            shot("learning-quiz-hotspot")
        page.locator("svg[data-hotspot]").click()  # the click fills the coordinates (JS)
        expect(page.get_by_label("x (mm)")).not_to_have_value("")
        page.get_by_label("x (mm)").fill(data["x"])
        page.get_by_label("y (mm)").fill(data["y"])
    else:
        for option in data["option"]:
            page.locator(f'input[name=option][value="{option}"]').check()
    page.get_by_role("button", name="Answer").click()
