"""A clinician makes a consent document for an off-label product, corrects a missing field,
reads the printable page and downloads the PDF; the aftercare schedule ends with the red flags
and the clinic's contact - in Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from academy.accounts.models import Role
from tests.e2e.helpers import log_in
from tests.web.conftest import make_user


@pytest.mark.django_db(transaction=True)
def test_a_clinician_makes_a_consent_document_and_its_pdf(
    live_server: Any, page: Page, shot: Any
) -> None:
    make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    base = live_server.url
    log_in(page, base, "lena@example.org")

    page.goto(base + "/toolkit/")
    page.get_by_role("link", name="Consent document").click()
    expect(page.get_by_label("Clinician performing the procedure")).to_have_value("Dr Lena Learner")
    page.get_by_label("Indication").select_option("jowl")
    page.get_by_label("Contour Thread PDO - Surgical Specialties").check()
    page.get_by_role("button", name="Make the document").click()
    expect(page.locator("#id_clinic_contact_error")).to_be_visible()  # required, named
    expect(page.get_by_label("Contour Thread PDO - Surgical Specialties")).to_be_checked()

    page.get_by_label("Clinic emergency contact").fill("Demo Clinic, 020 7946 0000 (24 h)")
    page.get_by_role("button", name="Make the document").click()
    doc = page.locator("article.consent-doc")
    expect(doc).to_contain_text("Off-label use for the jowl")
    expect(doc).to_contain_text("No thread case found; known after fillers.")
    expect(doc.get_by_role("heading", name="Signatures")).to_be_visible()
    shot("toolkit-consent")
    page.emulate_media(media="print")
    expect(page.locator("form.clinic-form")).to_be_hidden()
    shot("toolkit-consent-print")
    page.emulate_media(media="screen")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download PDF").click()
    assert download.value.suggested_filename == "consent-jowl.pdf"

    page.goto(base + "/toolkit/aftercare/")
    page.get_by_label("Procedure date").fill("2026-12-01")
    page.get_by_label("Indication").select_option("nose")
    page.get_by_label("Clinic contact details").fill("Demo Clinic, 020 7946 0000")
    page.get_by_role("button", name="Make the schedule").click()
    block = page.locator(".contact-block")
    expect(block).to_contain_text("Contact us at once if")
    expect(block).to_contain_text("Contact: Demo Clinic, 020 7946 0000")
    expect(page.locator("table.schedule-table")).not_to_contain_text("Avoid dental treatment")
    shot("toolkit-aftercare-nose")
