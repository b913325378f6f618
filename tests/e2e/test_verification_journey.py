"""A learner blocked by a verified-only run asks for verification from that page, uploading
their evidence; a registration verifier sees the request in the queue with its waiting time
and verifies it. Screenshots of the request page and the queue, in Chromium."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import storages
from django.urls import reverse
from PIL import Image
from playwright.sync_api import Page, expect

from academy.accounts.models import Role, VerificationRequest
from tests.web.catalog import factories as f
from tests.web.conftest import make_user

from .helpers import log_in


@pytest.fixture(autouse=True)
def _remove_new_evidence() -> Iterator[None]:
    root = Path(storages["verification_evidence"].location)  # type: ignore[attr-defined]
    before = set(root.rglob("*")) if root.exists() else set()
    yield
    for path in sorted(set(root.rglob("*")) - before, reverse=True) if root.exists() else ():
        path.unlink() if path.is_file() else path.rmdir()


@pytest.mark.django_db(transaction=True)
def test_a_blocked_learner_asks_and_a_verifier_decides_from_the_queue(
    live_server: Any, page: Page, shot: Any, tmp_path: Path
) -> None:
    lena = make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    make_user("vera@example.org", "Vera Verifier", Role.VERIFIER)
    run = f.run(f.course(f.provider(allows_unverified=False)))
    evidence = tmp_path / "gmc-register-entry.png"
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "white").save(buffer, format="PNG")
    evidence.write_bytes(buffer.getvalue())
    base = live_server.url

    log_in(page, base, lena.email)
    run_path = reverse("catalog:run", args=[run.pk])
    page.goto(base + run_path)
    expect(page.locator("#ask-verification")).to_contain_text("registration verifiers")
    page.get_by_role("link", name="Upload your evidence and ask for verification").click()
    expect(
        page.get_by_role("heading", name="Ask for your registration to be verified")
    ).to_be_visible()
    expect(page.locator(".who-verifies")).to_contain_text("Academies do not verify")
    shot("verification-request")
    page.get_by_label("Your registration evidence").set_input_files(str(evidence))
    page.get_by_label("Anything the verifier should know").fill("Registered in 2012.")
    page.get_by_role("button", name="Ask for verification").click()
    expect(page.locator("#ask-verification")).to_contain_text("You asked on")
    assert page.url.endswith(run_path)
    page.context.clear_cookies()  # log out
    log_in(page, base, "vera@example.org")
    page.goto(f"{base}/accounts/verification/queue/")
    expect(page.get_by_role("heading", name="Verification requests")).to_be_visible()
    row = page.locator("table.queue tbody tr").first
    expect(row).to_contain_text("Dr Lena Learner")
    expect(row).to_contain_text("under an hour")
    shot("verification-queue")
    row.get_by_role("link", name="Check and decide").click()
    expect(page.locator("#open-request")).to_contain_text("Open the evidence they uploaded")
    page.get_by_label("Verify this registration").check()
    page.get_by_label("Evidence checked").select_option("certificate")
    # the personas share GMC 1234567, so the duplicate needs a note
    page.get_by_role("textbox", name="Note").fill("Certificate matches the register entry.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".messages")).to_contain_text("They will be told by e-mail")
    assert not VerificationRequest.objects.get().is_open
