"""An academy admin finds the packages page from the academy's content, on a desktop and on a
phone, and downloads a module's SCORM package and the QTI bank."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from academy.accounts.models import Role, User
from academy.catalog.models import Provider
from tests.e2e.helpers import log_in
from tests.web.catalog import factories as f
from tests.web.conftest import make_user

SHOTS = Path(os.environ.get("PACKAGES_SHOTS", "/tmp/packages-shots"))


@pytest.fixture
def admin_and_academy(db: None) -> tuple[User, Provider]:
    ada = make_user("ada@example.org", "Ada Admin", Role.ACADEMY_ADMIN)
    return ada, f.provider(admins=[ada], name="Harbour Academy")


def test_an_admin_downloads_a_scorm_module_and_the_qti_bank(
    page: Page, live_server: Any, admin_and_academy: tuple[User, Provider]
) -> None:
    ada, provider = admin_and_academy
    log_in(page, live_server.url, ada.email)
    page.goto(f"{live_server.url}/academy/content/{provider.pk}/")
    page.get_by_role("link", name="Packages for other systems (SCORM, QTI)").click()
    expect(page.get_by_role("heading", name="Packages for other systems")).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "packages-page.png"), full_page=True)

    with page.expect_download() as scorm:
        page.locator('a[href$="/scorm/aftercare.zip"]').click()
    names = zipfile.ZipFile(io.BytesIO(Path(scorm.value.path()).read_bytes())).namelist()
    assert "imsmanifest.xml" in names
    assert "quiz.html" in names
    with page.expect_download() as qti:
        page.get_by_role("link", name="Download the QTI 3.0 package").click()
    names = zipfile.ZipFile(io.BytesIO(Path(qti.value.path()).read_bytes())).namelist()
    assert "tests/test.xml" in names

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390, f"the page overflows a phone's width ({wide}px)"
    page.screenshot(path=str(SHOTS / "packages-page-phone.png"), full_page=True)
