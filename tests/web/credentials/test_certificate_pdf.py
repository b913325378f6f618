"""The certificate PDF: A4 landscape, rendered to PNG (pdftoppm) and its QR code decoded."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from academy.accounts.models import User
from academy.credentials.models import Credential
from tests.web.builders import decode_qr, render_png
from tests.web.conftest import client_for, run_tasks

from .conftest import Setup

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/threadlift-shots"))


def test_the_certificate_is_a4_landscape_with_a_qr_code_to_the_verification_page(
    setup: Setup, ada: User, lena: User, tmp_path: Path
) -> None:
    lena.full_name = "Zoë Ångström-Núñez ✓"
    lena.save()
    client_for(ada).post(reverse("credentials:mark", args=[setup.enrolment.pk, setup.attended.pk]))
    run_tasks()
    credential = Credential.objects.get()
    pdf = client_for(lena).get(reverse("credentials:pdf", args=[credential.pk])).content
    assert pdf.startswith(b"%PDF")
    png = render_png(pdf, tmp_path)
    from PIL import Image

    width, height = Image.open(png).size
    assert abs(width / height - 297 / 210) < 0.01  # A4 landscape
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(png, SHOTS / "certificate.png")
    url = decode_qr(png)
    assert url == f"http://testserver/credentials/{credential.pk}/"
    page = client_for(None).get(url.removeprefix("http://testserver"))
    assert page.status_code == 200
    assert "Valid" in page.content.decode()


def test_the_certificate_names_what_was_covered_in_words_not_codes(
    setup: Setup, ada: User, lena: User, tmp_path: Path
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    course = setup.enrolment.run.course
    course.materials, course.designs = "pdo", "cog_bidirectional"
    course.save()
    client_for(ada).post(reverse("credentials:mark", args=[setup.enrolment.pk, setup.attended.pk]))
    run_tasks()
    credential = Credential.objects.get()
    source = tmp_path / "certificate.pdf"
    source.write_bytes(
        client_for(lena).get(reverse("credentials:pdf", args=[credential.pk])).content
    )
    text = subprocess.run(
        ["pdftotext", str(source), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    assert "PDO (polydioxanone)" in text
    assert "Bidirectional cog" in text
    assert "cog_bidirectional" not in text
    assert "Supervised cases" not in text  # the learner's logbook has no signed case
