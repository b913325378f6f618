"""Builders shared by test modules: request data, scenario set-ups and readers of what the
site produces. A helper that a second test module needs moves here (never import a test_ module)."""

from __future__ import annotations

import datetime as dt
import html
import io
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from PIL import Image

from academy.accounts.models import User
from academy.logbook.models import Case, CompetencyRule, Dops
from academy.logbook.vocab import DOPS_DOMAINS
from academy.simulator import content
from tests.web.conftest import client_for, persona_device, totp_code
from tests.web.logbook.helpers import hands_on_run, log_case
from tests.web.simulator.conftest import good_plan

SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/threadlift-shots"))


# from simulator/test_test_mode_verdict.py
def one_short_thread(face_id: str = "female") -> dict:
    """One barbed thread from the pre-auricular area that stops short of the jowl: about a
    fifth of the target (once "Passed" and counted towards mastery)."""
    from threadlift.anatomy import resolve_point
    from threadlift.anatomy.models import AnchoredPoint

    face = content.face(face_id, "lateral-left")
    entry = AnchoredPoint(landmark="intertragic_notch_left", anterior_mm=18, superior_mm=-2)
    end = AnchoredPoint(landmark="antegonial_notch_left", anterior_mm=-5, superior_mm=10)
    plan = good_plan(face_id)
    first = plan["threads"][0]
    points = [list(resolve_point(p, face)) for p in (entry, end)]
    return {**plan, "threads": [{**first, "entry": points[0], "path": [points[1]]}]}


# from test_url_guard.py
PUBLIC = {
    "core:home",
    "core:about",
    "core:healthz",
    "accounts:signup",
    "accounts:signup_done",
    "accounts:confirm_email",  # the signed link is the credential
    "accounts:login",
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:email_confirm",  # the signed link is the authority (like a password reset link)
    "catalog:list",
    "catalog:compare",
    "catalog:run",
    "catalog:course",
    "catalog:provider",
    "catalog:trainer",
    "practice:volunteer",  # volunteer models apply without an account (CSRF, rate-limited)
    "logbook:wba_external",  # the single-use signed link is the credential (rate-limited)
    # the JSON API (academy.api): the public catalog, knowledge, plan scoring, zones and docs
    "api:api-root",
    "api:openapi-json",
    "api:openapi-view",
    "api:run_list",
    "api:run_detail",
    "api:compare",
    "api:provider_detail",
    "api:course_detail",
    "api:index",
    "api:search",
    "api:collection_list",
    "api:record_detail",
    "api:score",
    "api:zones",
    # the simulator (issue 13): learn mode without saving, its face drawings and scoring
    "simulator:index",
    "simulator:exercise",
    "simulator:face_svg",
    "api:sim_score",
    "api:sim_exercises",
    "api:sim_face",
    "api:credential_verification",
    # verifiable certificates (issue 15): what third parties must read to check a credential
    "credentials:did",
    "credentials:status_list",
    "credentials:verify",
    "credentials:json",
    # the LTI tool (issue 23): an LMS calls these; the signed launch is the credential
    "lti:jwks",
    "lti:login",
    "lti:launch",
}


# from test_url_guard.py
def named_urls(
    resolver: URLResolver | None = None, ns: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{ns}{entry.namespace}:" if entry.namespace else ns
            yield from named_urls(entry, inner)
        elif entry.name:
            yield f"{ns}{entry.name}", entry


# from test_accounts.py
SIGNUP = {
    "full_name": "Nurse Ivy Stone",
    "email": "Ivy@Example.org",
    "password1": "a-long-unusual-passphrase",
    "password2": "a-long-unusual-passphrase",
    "profession": "registered_nurse",
    "jurisdiction": "gb-eng",
    "regulator": "NMC",
    "registration_number": "12A3456E",
}


# from clinic/test_toolkit_pages.py
SUITABLE: dict[str, Any] = {
    "age": "42",
    "sex": "female",
    "bmi": "22.5",
    "fitzpatrick": "2",
    "glogau": "2",
    "thickness": "normal",
    "photodamage": "mild",
    "smoker": "no",
    "laxity_jowl": "2",
    "concern_jowl": "sagging",
    "no_conditions": "on",
    "had_treatment": "no",
    "allergy_local_anaesthetic": "no",
    "allergy_polymer": "no",
    "allergy_other_any": "no",
    "isotretinoin_last_6_months": "no",
    "recent_dental_treatment_or_infection": "no",
    "cold_sores_in_area": "no",
    "permanent_filler_in_area": "no",
    "expects": "A softer jawline for about a year",
    "expected_months": "9",
    "realistic": "yes",
    "bddq_q1": "no",
    "bddq_q2": "no",
}


# from logbook/test_queries_and_downloads.py
def signed_logbook(lena: User, theo: User) -> Case:
    run = hands_on_run(theo, lena)
    CompetencyRule.objects.create(
        course=run.course, kind="cases", count=1, supervision="supervised"
    )
    log_case(client_for(lena), run)
    case = Case.objects.get()
    client_for(lena).post(f"/logbook/cases/{case.pk}/dops/", {"trainer": theo.pk})
    dops = Dops.objects.get()
    client_for(theo).post(f"/logbook/dops/{dops.pk}/", dops_post(totp_code(persona_device(theo))))
    case.refresh_from_db()
    return case


# from logbook/test_signing.py
def dops_post(code: str, **overrides: str) -> dict[str, Any]:
    data = {f"dops-domain_{key}": "4" for key, _ in DOPS_DOMAINS}
    data.update(
        {
            "dops-domain_complications": "n",
            "dops-overall": "3",
            "dops-strengths": "Clear marking.",
            "dops-development": "Keep one plane.",
            "sign-secret": code,
        }
    )
    data.update(overrides)
    return data


# from credentials/test_certificate_pdf.py
def render_png(pdf: bytes, tmp_path: Path) -> Path:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    source = tmp_path / "certificate.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "110", "-singlefile", str(source), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    return tmp_path / "page.png"


# from credentials/test_certificate_pdf.py
def decode_qr(png: Path) -> str:
    import zxingcpp
    from PIL import Image

    results = zxingcpp.read_barcodes(Image.open(png))
    assert results, "no QR code found on the rendered certificate"
    return str(results[0].text)


# from credentials/test_what_it_says.py
def png_bytes(colour: tuple[int, int, int, int], size: tuple[int, int] = (300, 100)) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((5, 5, size[0] - 5, size[1] - 5), outline=colour, width=6)
    draw.line((20, size[1] - 20, size[0] - 20, 20), fill=colour, width=5)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


# from credentials/test_what_it_says.py
def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    source = tmp_path / "certificate.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-layout", str(source), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    pages = subprocess.run(
        ["pdfinfo", str(source)], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    assert re.search(r"^Pages:\s+1$", pages, re.M), "the certificate is one page"
    if shutil.which("pdftoppm"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-singlefile", str(source), str(SHOTS / "cert")],
            check=True,
            timeout=60,
        )
    return " ".join(out.split())


# from credentials/test_what_it_says.py
def page_text(content: bytes) -> str:
    text = re.sub(r"<[^>]+>", " ", content.decode())
    return " ".join(html.unescape(text).split())


# from catalog/test_seat_races.py
def race(*jobs: Callable[[], object]) -> list[BaseException]:
    """Run the jobs in threads released together; return what they raised."""
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def go(job: Callable[[], object]) -> None:
        try:
            barrier.wait()
            job()
        except BaseException as exc:  # collected for the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=go, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


# from catalog/test_provider_admin.py
def run_form(**changes: str) -> dict[str, str]:
    start = timezone.localdate() + dt.timedelta(days=40)
    data = {
        "starts_on": start.isoformat(),
        "ends_on": start.isoformat(),
        "mode": "in_person",
        "city": "Leeds",
        "country": "gb",
        "language": "English",
        "seats": "12",
        "price": "1200",
        "currency": "gbp",
        "theory_hours": "4",
        "hands_on": "on",
        "hands_on_hours": "4",
        "delegates_per_trainer": "3",
        "live_models_note": "",
        "enrolment_opens": (timezone.now() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "enrolment_closes": (timezone.now() + dt.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(changes)
    return data


def run_body(**changes: Any) -> dict[str, Any]:
    start = timezone.localdate() + dt.timedelta(days=40)
    body: dict[str, Any] = {
        "starts_on": start.isoformat(),
        "ends_on": start.isoformat(),
        "mode": "in_person",
        "city": "Leeds",
        "country": "gb",
        "seats": 12,
        "price": "1200",
        "currency": "gbp",
        "theory_hours": 4,
        "hands_on": True,
        "hands_on_hours": 4,
        "delegates_per_trainer": 3,
        "enrolment_opens": (timezone.now() - dt.timedelta(days=1)).isoformat(),
        "enrolment_closes": (timezone.now() + dt.timedelta(days=30)).isoformat(),
    }
    body.update(changes)
    return body


def session_post(run_trainer: User, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "date": "", "starts_at": "09:00", "ends_at": "12:00", "venue": "Room 1",
        "trainers": [run_trainer.pk], "places": "4", "model_slots_per_delegate": "1", "notes": "",
    }  # fmt: skip
    data.update(changes)
    return data


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 150, 120))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0131] = "Secret software"  # Software
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    assert Image.open(io.BytesIO(out.getvalue())).getexif()
    return out.getvalue()


# from catalog/test_declarations.py: a conflict-of-interest declaration made `days_ago` days ago.
def declared(person: User, *relationships: dict[str, Any], days_ago: int = 0) -> Any:
    from academy.catalog.declarations import declaration_save

    return declaration_save(
        person=person,
        nothing_to_declare=not relationships,
        relationships=list(relationships),
        now=timezone.now() - dt.timedelta(days=days_ago),
    )


# from credentials/conftest.py: the learner's evaluation of the course, which every certificate
# now waits for (academy.evaluations), answered with the default questions.
def evaluated(enrolment: Any) -> Any:
    from academy.evaluations.models import EvaluationSubmission

    questions = _default_questions(enrolment)
    return EvaluationSubmission.objects.filter(enrolment=enrolment).first() or _submit(
        enrolment,
        {
            q.pk: ("4" if q.kind == "scale" else "no" if q.kind == "yes_no" else "")
            for q in questions
        },
    )


def _default_questions(enrolment: Any) -> Any:
    from academy.evaluations.services import questions_ensure

    return questions_ensure(course=enrolment.run.course)


def _submit(enrolment: Any, answers: dict[int, str]) -> Any:
    from academy.evaluations.models import EvaluationSubmission
    from academy.evaluations.services import EvaluationAnswer

    # Written directly (not through the service) so that no certificate is issued as a side
    # effect before the test asks for one.
    submission = EvaluationSubmission.objects.create(
        enrolment=enrolment, submitted_at=timezone.now()
    )
    EvaluationAnswer.objects.bulk_create(
        EvaluationAnswer(submission=submission, question_id=pk, question_text="", kind="", value=v)
        for pk, v in answers.items()
    )
    return submission
