"""A learner logs a case with a plan drawn on the face and batch numbers and requests a DOPS;
the trainer signs it with a fresh second-factor code; the learner's competency progress moves and
the logbook PDF shows the signed DOPS with its hash (rendered to PNG), in Chromium."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from academy.accounts.models import Role
from academy.logbook.models import Case, CompetencyRule, Dops
from tests.web.conftest import make_user, persona_device, totp_code
from tests.web.logbook.helpers import hands_on_run

from .helpers import log_in


@pytest.mark.django_db(transaction=True)
def test_a_case_is_logged_assessed_signed_and_shown_in_the_pdf(
    live_server: Any, page: Page, shot: Any, tmp_path: Path
) -> None:
    lena = make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    theo = make_user("theo@example.org", "Dr Theo Trainer", Role.TRAINER)
    run = hands_on_run(theo, lena)
    CompetencyRule.objects.create(
        course=run.course, kind="cases", count=2, supervision="supervised"
    )
    CompetencyRule.objects.create(course=run.course, kind="dops", count=1, min_level=2)
    base = live_server.url
    day = timezone.localdate() - dt.timedelta(days=1)

    log_in(page, base, lena.email)
    page.get_by_role("link", name="Logbook").first.click()
    expect(page.get_by_role("heading", name="Your logbook")).to_be_visible()
    expect(page.locator(".competency")).to_contain_text("0/2")
    page.get_by_role("link", name="Log a case").click()
    page.get_by_label("Date", exact=True).fill(day.isoformat())
    page.get_by_label("Setting").select_option("model")
    page.get_by_label("Supervision").select_option("supervised")
    page.get_by_label("Indication").select_option("jowl")
    page.get_by_label("Anaesthesia").select_option("local_infiltration")
    # the plan is drawn on the face with the simulator's canvas (keyboard route: typed points)
    expect(page.locator("[data-sim=stage] svg")).to_be_visible()
    page.get_by_label("Plane").select_option("subcutaneous")
    page.get_by_role("button", name="New thread").click()
    for x, y in ((-18.0, 11.0), (-49.4, 42.4)):
        page.get_by_label("x", exact=True).fill(str(x))
        page.get_by_label("y", exact=True).fill(str(y))
        page.get_by_role("button", name="Add point").click()
    page.get_by_role("button", name="Finish thread").click()
    page.locator("select[name='products-0-product']").select_option("mint")
    page.locator("input[name='products-0-batch']").fill("LOT-E2E-777")
    page.locator("input[name='products-0-expiry']").fill((day + dt.timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Save case").click()
    # consent is required for a case performed under supervision: the form says so, keeps input
    expect(page.locator("#id_consent_confirmed_error")).to_be_visible()
    expect(page.locator("input[name='products-0-batch']")).to_have_value("LOT-E2E-777")
    expect(page.locator("[data-sim=stage] svg")).to_be_visible()
    expect(page.locator("[data-sim=threads] li")).to_have_count(1)  # the drawn thread is kept
    shot("logbook-case-form-error")
    page.get_by_label("Written consent was confirmed before the procedure").check()
    page.get_by_role("button", name="Save case").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jowl")
    expect(page.get_by_role("heading", name="Thread plan")).to_be_visible()
    case = Case.objects.get()
    assert len(case.plan["threads"]) == 1
    assert case.plan["indication"] == "jowl"
    assert case.plan["threads"][0]["entry"] == [-18.0, 11.0]
    expect(page.locator("body")).to_contain_text("LOT-E2E-777")
    page.get_by_label("Trainer to assess").select_option(str(theo.pk))
    page.get_by_role("button", name="Request a DOPS").click()
    expect(page.locator(".messages")).to_contain_text("DOPS requested")
    shot("logbook-case")

    page.context.clear_cookies()
    log_in(page, base, theo.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Practice").click()
    page.get_by_role("link", name="Sign-off queue").click()
    shot("logbook-queue")
    page.get_by_role("link", name="Assess case").first.click()
    for domain in page.locator("fieldset.dops-domain").all():
        domain.locator("input[value='4']").check()
    page.get_by_label("Overall (ISCP DOPS global level)").select_option("3")
    page.get_by_label("Strengths").fill("Careful marking of the danger zones.")
    page.get_by_label("Points to develop").fill("Keep one plane along the vector.")
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Sign the DOPS").click()
    expect(page.locator("#id_sign-secret_error")).to_be_visible()  # a wrong code is refused
    persona_device(theo).throttle_reset()  # django-otp slows retries after a wrong code
    page.get_by_label("Code from your authenticator app").fill(
        totp_code(persona_device(theo), offset_steps=1)  # the log-in used this period's code
    )
    shot("logbook-dops-form")
    page.get_by_role("button", name="Sign the DOPS").click()
    expect(page.get_by_text("SHA-256 of the signed content")).to_be_visible()
    dops = Dops.objects.get()
    assert dops.status == "signed"
    assert dops.signed_by_id == theo.pk
    shot("logbook-dops-signed")

    page.context.clear_cookies()
    log_in(page, base, lena.email)
    page.goto(base + "/logbook/")
    progress = page.locator(".competency")
    expect(progress).to_contain_text("1/2")
    expect(progress).to_contain_text("1/1")
    shot("logbook-learner")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    pdf = tmp_path / "logbook.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "LOT-E2E-777" in text
    assert dops.content_hash in text.replace("\n", "")
    shots = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", str(pdf), str(shots / "logbook-pdf")], check=True
    )
