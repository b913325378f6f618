"""A learner with a certificate writes a reflection on its credit and downloads the NMC
statement, in Chromium; the statement PDF is rendered to PNG (poppler) for people to look at."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from academy.accounts.models import Role
from tests.web.conftest import make_user
from tests.web.cpd.helpers import academy_run, credit

from .helpers import log_in

SHOTS = Path("/tmp/cpd-shots")


@pytest.mark.django_db(transaction=True)
def test_a_learner_reflects_on_a_credit_and_downloads_the_nmc_statement(
    live_server: Any, page: Page, shot: Any
) -> None:
    nora = make_user("nora@example.org", "Nora Nurse", Role.LEARNER, "registered_nurse")
    ada = make_user("ada@example.org", "Ada Admin", Role.ACADEMY_ADMIN)
    credit(nora, academy_run(ada))
    base = live_server.url

    log_in(page, base, nora.email)
    page.goto(base + "/dashboard/")
    page.get_by_role("link", name="Portfolio: CPD and revalidation").click()
    expect(page.get_by_role("heading", name="Portfolio", exact=True)).to_be_visible()
    expect(page.get_by_text("7 of 35 hours of CPD")).to_be_visible()
    shot("portfolio")
    page.get_by_role("link", name="Reflect").first.click()
    page.get_by_label("What was the activity, feedback or experience?").fill(
        "A hands-on PDO thread-lift course."
    )
    page.get_by_label("What did you learn from it?").fill("Marking the danger zones first.")
    page.get_by_label("How did you change or improve your practice as a result?").fill(
        "I mark and photograph the plan before every case."
    )
    page.get_by_label("Preserve safety").check()
    page.get_by_label("How is this relevant to the Code?").fill("Preserve safety.")
    shot("reflection-form")
    page.get_by_role("button", name="Save reflection").click()
    expect(page.get_by_text("Reflection saved.")).to_be_visible()
    expect(page.get_by_text("1 of 5 written reflective accounts")).to_be_visible()

    with page.expect_download() as caught:
        page.get_by_role("link", name="Download this NMC statement (PDF)").click()
    SHOTS.mkdir(parents=True, exist_ok=True)
    pdf = SHOTS / "statement.pdf"
    caught.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "1",
                str(pdf),
                str(SHOTS / "statement"),
            ],
            check=True,
            timeout=60,
        )
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=60
        ).stdout
        assert "7 of 35 hours of CPD" in text
        assert "1 of 5 written reflective accounts" in text
        assert "Marking the danger zones first." in text


@pytest.mark.django_db(transaction=True)
def test_an_academy_admin_finds_the_cpd_ledger_and_its_pars_file(
    live_server: Any, page: Page, shot: Any
) -> None:
    nora = make_user("nora@example.org", "Nora Nurse", Role.LEARNER, "registered_nurse")
    ada = make_user("ada@example.org", "Ada Admin", Role.ACADEMY_ADMIN)
    run = academy_run(ada)
    credit(nora, run)
    base = live_server.url

    log_in(page, base, ada.email)
    page.goto(base + "/academy/")
    page.get_by_role("link", name="CPD ledger and exports").click()
    expect(page.get_by_role("heading", name="CPD ledger: Academy northern")).to_be_visible()
    expect(page.get_by_role("cell", name="Nora Nurse")).to_be_visible()
    shot("academy-ledger")
    with page.expect_download() as caught:
        page.get_by_role("link", name="PARS learners (CSV)").click()
    SHOTS.mkdir(parents=True, exist_ok=True)
    caught.value.save_as(SHOTS / "pars.csv")
    assert (SHOTS / "pars.csv").read_text().startswith("Activity ID (U),First Name")
