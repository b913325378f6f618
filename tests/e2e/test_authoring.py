"""An academy admin writes a question in Chromium: an error, its field message, the fix, the
preview, publishing; the item then belongs to the academy's pool."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from academy.accounts.models import Role, User
from academy.authoring.models import AuthoredQuestion, StatedReference, Status
from academy.authoring.pool import questions_for
from academy.catalog.models import Provider
from tests.e2e.helpers import log_in
from tests.web.catalog import factories as f
from tests.web.conftest import make_user
from threadlift.content import load_content
from threadlift.knowledge import load_knowledge


@pytest.fixture
def admin_and_academy(db: None) -> tuple[User, Provider]:
    ada = make_user("ada@example.org", "Ada Admin", Role.ACADEMY_ADMIN)
    provider = f.provider(admins=[ada], name="Harbour Academy")
    StatedReference.objects.create(
        provider=provider, number=1, citation="Harbour Academy aftercare handbook, 2025"
    )
    return ada, provider


@pytest.mark.e2e
def test_an_admin_writes_a_question_fixes_an_error_previews_and_publishes(
    page: Page, live_server: Any, shot: Any, admin_and_academy: tuple[User, Provider]
) -> None:
    ada, provider = admin_and_academy
    base = live_server.url
    log_in(page, base, ada.email)
    page.get_by_role("link", name="Your academy's own questions, lessons and cases").click()
    page.get_by_role("link", name="Harbour Academy").click()
    page.get_by_role("link", name="New question").click()

    page.get_by_label("Short name").fill("day3_call")
    page.get_by_label("Module").select_option("aftercare")
    kb = load_knowledge()
    page.get_by_label("Outcome").select_option(load_content(kb).module("aftercare").outcomes[0].id)
    page.get_by_label("Question (stem)").fill("When does our protocol call the patient first?")
    rows = [
        ("On day 2 or 3", True, "Our handbook schedules it then. [ACAD-1]"),
        ("Only at 3 months", False, "Too late to catch early problems. [ACAD-1]"),
        ("Never", False, ""),  # the error: a wrong option without its why
        ("On the day only", False, "One call is not enough. [ACAD-1]"),
    ]
    for i, (text, correct, why) in enumerate(rows):
        page.locator(f"#id_option_{i}_text").fill(text)
        if correct:
            page.locator(f"#id_option_{i}_correct").check()
        page.locator(f"#id_option_{i}_why").fill(why)
    page.get_by_label("Explanation").fill("An early call is our own protocol. [ACAD-1]")
    page.get_by_label("Sources").fill("ACAD-1")
    page.get_by_role("button", name="Publish").click()

    expect(page.locator("#id_option_2_why_error")).to_have_text("Field required")
    expect(page.locator("#id_option_1_text")).to_have_value("Only at 3 months")  # nothing lost
    shot("authoring-question-error")
    assert not AuthoredQuestion.objects.exists()

    page.locator("#id_option_2_why").fill("Our protocol calls every patient. [ACAD-1]")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".authoring-preview")
    expect(preview).to_contain_text("No problems: ready to publish")
    expect(preview).to_contain_text("Our protocol calls every patient.")
    expect(preview).to_contain_text("Reference given by the academy, not checked by Threadlift")
    shot("authoring-question-preview")

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published: it now appears in your academy's courses.")).to_be_visible()
    item = AuthoredQuestion.objects.get()
    assert item.status == Status.PUBLISHED
    assert [q.id for q in questions_for(provider.pk)] == [item.item_id]
    page.get_by_role("link", name="← Content of Harbour Academy").click()
    expect(page.get_by_text("Published").first).to_be_visible()
    shot("authoring-content-list")


@pytest.mark.e2e
def test_a_trainer_previews_a_lesson_a_case_and_a_hotspot(
    page: Page, live_server: Any, shot: Any, admin_and_academy: tuple[User, Provider]
) -> None:
    _, provider = admin_and_academy
    theo = make_user("theo@example.org", "Dr Theo Trainer", Role.TRAINER)
    f.run(f.course(provider)).trainers.set([theo])
    base = live_server.url
    log_in(page, base, theo.email)

    page.goto(f"{base}/academy/content/{provider.pk}/lesson/new/")
    page.get_by_label("Short name").fill("our_day3_call")
    page.get_by_label("Module").select_option("complications")
    page.get_by_label("Title").fill("Our day-3 call")
    page.get_by_label("Outcomes").select_option("comp_common")
    page.get_by_label("Sources").fill("R1, ACAD-1")
    page.get_by_label("Reading time (minutes)").fill("5")
    page.get_by_label("Lesson (Markdown)").fill(
        "## Why we call on day 3\n\nSwelling and bruising are the commonest effects. [R1]\n\n"
        "We call every patient on day 2 or 3. [ACAD-1]\n\n"
        "{{figure zones view=frontal highlight=facial_artery}}\n"
    )
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".authoring-preview")).to_contain_text("No problems: ready to publish")
    expect(page.locator(".authoring-preview svg").first).to_be_visible()
    shot("authoring-lesson-preview")

    page.goto(f"{base}/academy/content/{provider.pk}/case/new/")
    page.get_by_label("Short name").fill("anticoagulant")
    page.get_by_label("Module").select_option("patient_selection")
    page.get_by_role("button", name="Preview").click()  # the example case, as given
    expect(page.locator(".authoring-preview")).to_contain_text("No problems: ready to publish")
    shot("authoring-case-preview")

    page.goto(f"{base}/academy/content/{provider.pk}/question/new/")
    page.get_by_label("Short name").fill("jowl_entry")
    page.get_by_label("Module").select_option("safe_technique")
    page.get_by_label("Outcome").select_option("tech_entry_path")
    page.get_by_label("Kind").select_option("hotspot")
    page.get_by_label("Question (stem)").fill("Click a safe entry point for a jowl thread.")
    page.get_by_label("Hotspot view").select_option("lateral-left")
    page.get_by_label("Correct region(s)").select_option(["preauricular"])
    page.get_by_label("The click must also be outside every danger zone").check()
    page.get_by_label("Explanation").fill("Enter at the fixing point, clear of the zones. [R29]")
    page.get_by_label("Sources").fill("R29")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".authoring-preview")).to_contain_text("No problems: ready to publish")
    shot("authoring-hotspot-preview")
