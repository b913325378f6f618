"""Getting verified: the learner blocked by a verified-only run uploads their evidence and asks
from that page; verifiers see a queue with the waiting time; the decision comes by e-mail;
every page says who verifies. Evidence is private: only its owner and verifiers open it.

Before: a learner blocked by a verified-only run had no way to ask and no idea how long it
takes; the home and sign-up pages said an academy verifies.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from academy.accounts.models import Role, User, VerificationRequest
from academy.catalog.models import CourseRun
from tests.web.catalog import factories as f
from tests.web.conftest import client_for, make_user, run_tasks

pytestmark = pytest.mark.django_db

REQUEST = reverse("accounts:verification_request")
QUEUE = reverse("accounts:verification_queue")
WHO = "registration verifiers"


@pytest.fixture(autouse=True)
def private_root() -> Iterator[Path]:
    """The evidence storage's directory; files a test adds are removed after it."""
    root = Path(storages["verification_evidence"].location)  # type: ignore[attr-defined]
    before = set(root.rglob("*")) if root.exists() else set()
    yield root
    for path in sorted(set(root.rglob("*")) - before, reverse=True) if root.exists() else ():
        path.unlink() if path.is_file() else path.rmdir()


def png(colour: str = "red") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="PNG")
    return SimpleUploadedFile("certificate.png", out.getvalue(), content_type="image/png")


def pdf() -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile("register.pdf", body, content_type="application/pdf")


def strict_run() -> CourseRun:
    return f.run(f.course(f.provider(allows_unverified=False)))


def ask(user: User, upload: Any | None = None, **extra: str) -> Any:
    data: dict[str, Any] = {"evidence": upload or png(), "message": "", **extra}
    return client_for(user).post(REQUEST, data)


def html(response: Any) -> str:
    return " ".join(response.content.decode().split())


# Asking --------------------------------------------------------------------------------------


def test_the_run_page_that_blocks_an_unverified_learner_offers_the_request_and_says_who_verifies(
    lena: User,
) -> None:
    run = strict_run()
    page = html(client_for(lena).get(reverse("catalog:run", args=[run.pk])))
    assert "requires a verified professional registration" in page
    assert 'id="ask-verification"' in page
    back = reverse("catalog:run", args=[run.pk])
    assert f"{REQUEST}?next={back}" in page
    assert WHO in page
    assert "Academies do not verify" in page


def test_a_learner_uploads_evidence_asks_and_is_sent_back_to_the_run(lena: User) -> None:
    run = strict_run()
    back = reverse("catalog:run", args=[run.pk])
    response = ask(lena, next=back, message="Registered under my maiden name")
    assert response.status_code == 302
    assert response["Location"] == back
    request = VerificationRequest.objects.get()
    assert request.profile == lena.profile
    assert request.evidence_type == "image/jpeg"  # re-encoded without metadata
    assert request.is_open
    page = html(client_for(lena).get(back))
    assert "You asked on" in page
    assert "Upload your evidence" not in page


def test_the_request_page_says_who_verifies_and_how_long_it_takes(
    lena: User, vera: User, nora: User
) -> None:
    ask(nora)
    req = VerificationRequest.objects.get()
    VerificationRequest.objects.filter(pk=req.pk).update(
        requested_at=timezone.now() - dt.timedelta(days=3)
    )
    decided = client_for(vera).post(
        reverse("accounts:verify", args=[nora.profile.pk]),
        {"action": "declined", "evidence": "", "evidence_reference": "", "note": "Blurred scan"},
    )
    assert decided.status_code == 302, html(decided)
    page = html(client_for(lena).get(REQUEST))
    assert WHO in page
    assert "half of the requests were decided within <strong>3 days</strong>" in page
    assert "(1 decision)" in page


def test_a_pdf_is_kept_and_an_unreadable_file_is_refused_with_a_field_message(lena: User) -> None:
    bad = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    response = ask(lena, bad)
    assert response.status_code == 400
    assert "Send a PDF, or a JPEG, PNG or WebP" in html(response)
    assert not VerificationRequest.objects.exists()
    assert ask(lena, pdf()).status_code == 302
    assert VerificationRequest.objects.get().evidence_type == "application/pdf"


def test_one_request_waits_at_a_time_and_a_missing_number_is_named(lena: User) -> None:
    ask(lena)
    again = ask(lena)
    assert again.status_code == 400
    assert "You asked on" in html(again)  # the waiting request is shown, not a second form
    assert VerificationRequest.objects.count() == 1
    other = make_user("x@example.org", "X", Role.LEARNER)
    other.profile.registration_number = ""
    other.profile.save()
    response = ask(other)
    assert response.status_code == 400
    assert "Add your regulator and registration number" in html(response)


def test_an_anonymous_visitor_is_sent_to_log_in(db: None) -> None:
    response = Client().get(REQUEST)
    assert response.status_code == 302
    assert "login" in response["Location"]


# Private evidence ----------------------------------------------------------------------------


def test_evidence_is_stored_privately_and_served_only_to_its_owner_and_verifiers(
    lena: User, nora: User, vera: User, ada: User, private_root: Path
) -> None:
    ask(lena)
    request = VerificationRequest.objects.get()
    stored = Path(request.evidence.path)
    assert stored.is_relative_to(private_root)
    assert "private" in private_root.parts  # beside the case photos, not under static files
    url = reverse("accounts:verification_evidence", args=[request.pk])
    own = client_for(lena).get(url)
    assert own.status_code == 200
    assert own["Cache-Control"] == "private, no-store"
    assert own.content.startswith(b"\xff\xd8")  # a JPEG
    assert client_for(vera).get(url).status_code == 200
    assert client_for(nora).get(url).status_code == 404  # another learner: not even a hint
    assert client_for(ada).get(url).status_code == 404  # an academy admin does not verify
    assert Client().get(url).status_code == 302
    # and no public URL reaches the file
    assert Client().get(f"/media/{request.evidence.name}").status_code == 404
    assert Client().get(f"/private/verification/{request.evidence.name}").status_code == 404


# The queue -----------------------------------------------------------------------------------


def test_verifiers_see_the_queue_oldest_first_with_the_waiting_time(
    lena: User, nora: User, vera: User
) -> None:
    ask(nora)
    ask(lena)
    VerificationRequest.objects.filter(profile=nora.profile).update(
        requested_at=timezone.now() - dt.timedelta(days=4, hours=2)
    )
    page = html(client_for(vera).get(QUEUE))
    assert page.index("Nora Nurse") < page.index("Dr Lena Learner")
    assert "4 days" in page
    assert "under an hour" in page
    assert reverse("accounts:verify", args=[nora.profile.pk]) in page
    detail = html(client_for(vera).get(reverse("accounts:verify", args=[nora.profile.pk])))
    assert "Open the evidence they uploaded" in detail


def test_only_verifiers_see_the_queue(lena: User, ada: User, theo: User) -> None:
    for user in (lena, ada, theo):
        assert client_for(user).get(QUEUE).status_code == 403
    assert Client().get(QUEUE).status_code == 302


def test_the_queue_runs_a_bounded_number_of_queries(
    vera: User, django_assert_max_num_queries: Any
) -> None:
    for n in range(6):
        ask(make_user(f"q{n}@example.org", f"Q {n}", Role.LEARNER))
    client = client_for(vera)
    client.get(QUEUE)
    with django_assert_max_num_queries(14):
        client.get(QUEUE)


# The decision --------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)  # the task worker closes the connection
def test_verifying_closes_the_request_and_the_learner_is_told_by_a_queued_email(
    nora: User, vera: User
) -> None:
    ask(nora)
    response = client_for(vera).post(
        reverse("accounts:verify", args=[nora.profile.pk]),
        {"action": "verified", "evidence": "certificate", "evidence_reference": "", "note": ""},
    )
    assert response.status_code == 302
    request = VerificationRequest.objects.get()
    assert not request.is_open
    assert request.decision is not None
    assert request.decision.action == "verified"
    assert mail.outbox == []  # never sent inside the request
    run_tasks()
    assert [m.to for m in mail.outbox] == [["nora@example.org"]]
    assert "verified" in mail.outbox[0].subject


@pytest.mark.django_db(transaction=True)
def test_declining_needs_a_note_keeps_the_registration_unverified_and_emails_the_reason(
    nora: User, vera: User
) -> None:
    ask(nora)
    url = reverse("accounts:verify", args=[nora.profile.pk])
    decline = {"action": "declined", "evidence": "", "evidence_reference": "", "note": ""}
    refused = client_for(vera).post(url, decline)
    assert refused.status_code == 400
    assert "Say in the note what is missing" in html(refused)
    client_for(vera).post(url, {**decline, "note": "The scan is unreadable; send a PDF."})
    nora.profile.refresh_from_db()
    assert not nora.profile.verified
    assert not VerificationRequest.objects.get().is_open
    run_tasks()
    assert "The scan is unreadable" in mail.outbox[0].body
    assert "new request" in mail.outbox[0].body
    assert ask(nora, pdf()).status_code == 302  # they may ask again


# Who verifies, said the same everywhere -------------------------------------------------------


@pytest.mark.parametrize("url", ["/", reverse("accounts:signup"), reverse("core:about"), REQUEST])
def test_every_page_says_platform_verifiers_verify_and_none_says_an_academy_does(
    url: str, lena: User
) -> None:
    client = client_for(lena) if url == REQUEST else Client()
    page = html(client.get(url)).lower()
    assert "registration verifiers" in page
    assert "verified by an academy" not in page
    assert "academy administrator verifies" not in page


def test_the_readme_says_platform_verifiers_verify() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert "Academies do not verify" in readme
    assert "/accounts/verification/request/" in readme


def test_about_the_platform_is_a_real_about_page(db: None) -> None:
    """Before: the footer's "About the platform" went to the home page."""
    home = html(Client().get("/"))
    assert f'href="{reverse("core:about")}">About the platform' in home
    page = html(Client().get(reverse("core:about")))
    assert "<h1>About Threadlift Academy</h1>" in page
    assert "does not replace clinical judgement" in page
    assert "registration verifiers" in page
    assert "open-source" in page.lower()
    assert "AGPL-3.0-or-later" in page
