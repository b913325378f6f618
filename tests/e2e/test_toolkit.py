"""A clinician fills in the consultation form, corrects a mistake and reads the printable
assessment report; then makes an aftercare schedule and triages a complication — in Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from academy.accounts.models import Role
from tests.web.conftest import PASSWORD, make_user


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your dashboard")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_a_clinician_goes_from_the_consultation_form_to_the_report(
    live_server: Any, page: Page, shot: Any
) -> None:
    make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    base = live_server.url
    log_in(page, base, "lena@example.org")

    page.get_by_role("link", name="Clinical toolkit").first.click()
    shot("toolkit-index")
    page.get_by_role("link", name="Consultation").click()
    expect(page.get_by_role("heading", name="Consultation")).to_be_visible()

    # Nothing clinical is pre-selected: every answer is given on purpose.
    expect(page.get_by_label("Skin thickness")).to_have_value("")
    page.get_by_label("Age (years)").fill("12")
    page.get_by_label("Sex").select_option("female")
    page.get_by_label("BMI (kg/m²)").fill("24.5")
    page.get_by_label("Fitzpatrick type").select_option("3")
    page.get_by_label("Glogau photoaging").select_option("3")
    page.get_by_label("Skin thickness").select_option("normal")
    page.get_by_label("Photodamage").select_option("mild")
    page.get_by_label("Smoker").select_option("no")
    page.get_by_label("Jowl: laxity").select_option("2")
    page.get_by_label("Jowl: concern").select_option("sagging")
    page.get_by_label("Midface / malar: laxity").select_option("3")
    page.get_by_label("Midface / malar: concern").select_option("volume_loss")
    page.get_by_label("Aspirin, other antiplatelets or NSAIDs").check()
    page.get_by_label("Previous threads, filler, surgery or energy-device").select_option("no")
    for question in (
        "Allergy to local anaesthetic",
        "Allergy to a thread polymer",
        "Any other allergy",
        "Isotretinoin in the last 6 months",
        "Recent dental treatment",
        "Cold sores",
        "Permanent filler",
    ):
        page.get_by_label(question).select_option("no")
    page.get_by_label("What the patient expects").fill("Less heavy jowls")
    page.get_by_label("How long they expect it to last").fill("12")
    page.get_by_label("are these expectations realistic").select_option("yes")
    page.get_by_label("BDDQ-AS item 1").select_option("yes")
    page.get_by_label("BDDQ-AS item 2").select_option("no")
    for n, score in enumerate(["1", "0", "1", "2", "0", "1", "0"], start=1):
        page.get_by_label(f"DCQ item {n}").select_option(score)
    page.get_by_role("button", name="Assess").click()

    # The mistake is named next to its field and everything typed is still there.
    expect(page.get_by_text("Please correct the 1 problem below.")).to_be_visible()
    expect(page.locator("#id_age_error")).to_contain_text("greater than or equal to 18")
    expect(page.get_by_label("BMI (kg/m²)")).to_have_value("24.5")
    expect(page.get_by_label("Midface / malar: concern")).to_have_value("volume_loss")
    expect(page.get_by_label("Aspirin, other antiplatelets or NSAIDs")).to_be_checked()
    shot("toolkit-consultation-error")

    shot("toolkit-consultation-form")
    page.get_by_label("Age (years)").fill("56")
    page.get_by_role("button", name="Assess").click()

    expect(page.get_by_role("heading", name="Thread-lift assessment")).to_be_visible()
    expect(page.locator("[data-verdict]")).to_have_text("Caution")
    reasons = page.locator("ol.reasons-list")
    expect(reasons).to_contain_text("Age over 50")
    expect(reasons).to_contain_text("Aspirin, other antiplatelets or NSAIDs")
    expect(reasons).to_contain_text("volume loss")
    expect(page.get_by_role("heading", name="Alternatives to discuss")).to_be_visible()
    expect(page.get_by_text("Dermal fillers (volume replacement)")).to_be_visible()
    expect(page.locator("table.options").last).to_contain_text("21G")  # jowl
    expect(page.get_by_text("largely gone by 6 to 12 months")).to_be_visible()
    expect(page.locator(".cite").first).to_be_visible()
    expect(page.get_by_role("button", name="Print report")).to_be_visible()  # shown by clinic.js
    shot("toolkit-report")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    shot("toolkit-report-print")
    page.emulate_media(media="screen")

    # Several relative contraindications escalate; the notes print; no threads are offered.
    # The pages are no-store (patient data stays out of the browser cache), so the answers come
    # back through "Change the answers", not the Back button.
    page.get_by_role("button", name="Change the answers").click()
    expect(page.get_by_label("BMI (kg/m²)")).to_have_value("24.5")
    page.get_by_label("Tendency to keloid scarring").check()
    page.get_by_label("Autoimmune or connective-tissue disease").check()
    page.get_by_role("button", name="Assess").click()
    expect(page.locator("[data-verdict]")).to_have_text("Not suitable")
    expect(page.locator("ol.reasons-list")).to_contain_text("risk factors together")
    expect(page.locator(".no-options").first).to_contain_text("No thread options or counts")
    expect(page.locator("table.options")).to_have_count(0)
    shot("toolkit-report-not-suitable")

    page.goto(base + "/toolkit/aftercare/")
    page.get_by_label("Procedure date").fill("2026-12-01")
    page.get_by_label("Indication").select_option("jowl")
    page.get_by_role("button", name="Make the schedule").click()
    expect(page.get_by_text("Tue 8 Dec to Fri 11 Dec 2026")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Add to calendar (.ics)").click()  # a POST since issue 10
    assert download.value.suggested_filename == "aftercare-jowl-2026-12-01.ics"
    shot("toolkit-aftercare")

    page.goto(base + "/toolkit/triage/")
    page.get_by_label("Days since the procedure").fill("4")
    page.get_by_label("Pus or fluctuance").check()
    page.get_by_label("Fever").check()
    page.get_by_role("button", name="Triage").click()
    expect(page.locator("[data-urgency]")).to_have_text("Urgent - same day")
    expect(page.get_by_role("heading", name="Red flags")).to_be_visible()
    shot("toolkit-triage")
