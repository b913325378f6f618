"""From the learner's last requirement to the verification page opened at the URL decoded from
the QR code in the certificate PDF (zxing-cpp reads the pdftoppm render)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from academy.accounts.models import Role
from tests.e2e.helpers import log_in
from tests.web.builders import decode_qr, render_png
from tests.web.conftest import client_for, make_user, run_tasks
from tests.web.credentials.conftest import make_setup


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_an_admin_marks_the_last_requirement_and_the_qr_code_opens_a_valid_certificate(
    live_server: Any, page: Page, shot: Any, settings: Any, tmp_path: Path
) -> None:
    settings.CREDENTIAL_BASE_URL = live_server.url
    settings.CREDENTIAL_KEY_SECRET = "e2e-credential-key-secret-0123456789"
    ada = make_user("ada@example.org", "Ada Admin", Role.ACADEMY_ADMIN)
    lena = make_user("lena@example.org", "Zoë Ångström-Núñez ✓", Role.LEARNER)
    setup = make_setup(ada, lena)
    base = live_server.url

    log_in(page, base, ada.email)
    page.goto(f"{base}/certificates/enrolments/{setup.enrolment.pk}/")
    expect(page.get_by_text("Not yet marked met by the academy.")).to_be_visible()
    page.get_by_role("button", name="Mark met").click()
    expect(page.get_by_text("Marked met: Attended the final assessment day.")).to_be_visible()
    run_tasks()  # the worker signs the certificate
    page.reload()
    expect(page.get_by_role("link", name="Issued")).to_be_visible()
    shot("certs-admin-checklist")
    page.goto(f"{base}/certificates/courses/{setup.enrolment.run.course_id}/rules/")
    shot("certs-rules")
    # A rule that can never be met on this course (its run has no practical sessions) is refused.
    page.get_by_label("Kind of requirement").select_option("attendance")
    page.get_by_label("Number of practical sessions").fill("1")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("No run of this course has 1 practical session")).to_be_visible()
    shot("certs-rules-refused")
    page.goto(f"{base}/certificates/")
    shot("certs-register")
    page.get_by_role("link", name=lena.full_name, exact=True).click()
    expect(page.get_by_role("heading", name="Audit trail")).to_be_visible()
    shot("certs-admin-detail")

    page.context.clear_cookies()
    session = client_for(lena).cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": base}])
    page.goto(f"{base}/credentials/mine/")
    expect(page.get_by_role("heading", name="My certificates")).to_be_visible()
    shot("certs-wallet")
    pdf_url = page.get_by_role("link", name="Certificate (PDF)").get_attribute("href")
    pdf = page.request.get(base + str(pdf_url)).body()

    url = decode_qr(render_png(pdf, tmp_path))
    assert url.startswith(base + "/credentials/")
    page.context.clear_cookies()
    page.goto(url)
    expect(page.locator(".verdict-label")).to_have_text("Valid")
    expect(page.get_by_text("Zoë Ångström-Núñez ✓")).to_be_visible()
    shot("certs-verify-valid")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_newcomer_checks_the_demo_certificates_valid_and_revoked(
    live_server: Any, page: Page, shot: Any, settings: Any
) -> None:
    from django.core.management import call_command

    from academy.credentials.demo import REVOKED_ID, VALID_ID

    settings.CREDENTIAL_BASE_URL = live_server.url
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    page.goto(f"{live_server.url}/credentials/{VALID_ID}/")
    expect(page.locator(".verdict-label")).to_have_text("Valid")
    shot("certs-demo-valid")
    page.goto(f"{live_server.url}/credentials/{REVOKED_ID}/")
    expect(page.locator(".verdict-label")).to_have_text("Revoked")
    expect(page.get_by_text("Demo: revoked to show what a verifier sees")).to_be_visible()
    expect(page.get_by_text("Valid until")).to_have_count(0)
    shot("certs-demo-revoked")
