"""The learner's portfolio pages: what they show, what they record, what they refuse."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from academy.cpd.models import (
    REFLECTION_LIMIT,
    DevelopmentGoal,
    ExternalActivity,
    FeedbackNote,
    Reflection,
)
from tests.web.conftest import client_for

from .helpers import academy_run, credit, pdf_words

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def external_post(**changes: object) -> dict[str, object]:
    return {
        "title": "Vascular anatomy webinar",
        "provider_name": "A society (fictional)",
        "date": (TODAY() - dt.timedelta(days=10)).isoformat(),
        "hours": "2.5",
        "credit_type": "participatory",
        "notes": "",
        **changes,
    }


def reflection_post(**changes: object) -> dict[str, object]:
    return {
        "nature": "A hands-on thread-lift course.",
        "learned": "How to keep the cannula in the right plane.",
        "changed": "I now mark the danger zones before every case.",
        "code_themes": ["safety"],
        "code_relation": "Preserve safety: I work within my competence.",
        **changes,
    }


def test_the_portfolio_shows_the_nmc_progress(lena: User, ada: User) -> None:
    credit(lena, academy_run(ada))
    Reflection.objects.create(
        learner=lena,
        written_on=TODAY(),
        nature="n",
        learned="l",
        changed="c",
        code_relation="r",
        created_at=timezone.now(),
    )
    page = client_for(lena).get(reverse("cpd:portfolio")).content.decode()
    assert "7 of 35 hours of CPD" in page
    assert "7 of 20 participatory hours" in page
    assert "1 of 5 written reflective accounts" in page


def test_the_dashboard_links_to_the_portfolio(lena: User) -> None:
    page = client_for(lena).get("/dashboard/").content.decode()
    assert reverse("cpd:portfolio") in page


def test_external_cpd_with_evidence_is_kept_private(lena: User, nora: User) -> None:
    upload = SimpleUploadedFile("cert.pdf", b"%PDF-1.4 fictional", content_type="application/pdf")
    response = client_for(lena).post(
        reverse("cpd:external_new"), {**external_post(), "evidence": upload}
    )
    assert response.status_code == 302
    item = ExternalActivity.objects.get(learner=lena)
    url = reverse("cpd:external_evidence", args=[item.pk])
    mine = client_for(lena).get(url)
    assert mine.status_code == 200
    assert mine.content == b"%PDF-1.4 fictional"
    assert mine["Cache-Control"] == "private, no-store"
    assert client_for(nora).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_bad_external_cpd_is_refused_with_field_messages_and_nothing_lost(lena: User) -> None:
    upload = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    response = client_for(lena).post(
        reverse("cpd:external_new"), {**external_post(hours="-1"), "evidence": upload}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vascular anatomy webinar" in page
    assert "greater than or equal to 0.1" in page
    upload = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    response = client_for(lena).post(
        reverse("cpd:external_new"), {**external_post(), "evidence": upload}
    )
    assert response.status_code == 400
    assert "Upload a PDF, PNG or JPEG file." in response.content.decode()
    assert not ExternalActivity.objects.exists()


def test_a_reflection_attached_to_a_credit(lena: User, ada: User) -> None:
    entry = credit(lena, academy_run(ada))
    response = client_for(lena).post(
        reverse("cpd:reflection_new"), reflection_post(credit=str(entry.pk))
    )
    assert response.status_code == 302
    reflection = Reflection.objects.get(learner=lena)
    assert reflection.credit == entry
    assert reflection.code_themes == ["safety"]


def test_a_reflection_cannot_be_attached_to_someone_elses_credit(
    lena: User, nora: User, ada: User
) -> None:
    entry = credit(nora, academy_run(ada))
    response = client_for(lena).post(
        reverse("cpd:reflection_new"), reflection_post(credit=str(entry.pk))
    )
    assert response.status_code == 400
    assert not Reflection.objects.exists()


def test_a_reflection_too_long_is_refused_with_a_field_message(lena: User) -> None:
    response = client_for(lena).post(
        reverse("cpd:reflection_new"), reflection_post(learned="x" * (REFLECTION_LIMIT + 1))
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f"at most {REFLECTION_LIMIT} characters" in page
    assert "I now mark the danger zones" in page


def test_feedback_and_a_goal_are_recorded(lena: User) -> None:
    client = client_for(lena)
    assert (
        client.post(
            reverse("cpd:feedback_new"),
            {
                "source": "patient",
                "received_on": TODAY().isoformat(),
                "summary": "Clear aftercare.",
            },
        ).status_code
        == 302
    )
    assert FeedbackNote.objects.filter(learner=lena).count() == 1
    response = client.post(
        reverse("cpd:goal_new"),
        {
            "title": "Manage complications",
            "outcome_id": "",
            "development_outcomes": ["C", "D"],
            "target_date": (TODAY() + dt.timedelta(days=90)).isoformat(),
            "status": "planned",
            "evidence_url": "",
            "notes": "",
        },
    )
    assert response.status_code == 302
    goal = DevelopmentGoal.objects.get(learner=lena)
    assert goal.development_outcomes == ["C", "D"]
    assert (
        client.post(reverse("cpd:goal_status", args=[goal.pk]), {"status": "done"}).status_code
        == 302
    )
    goal.refresh_from_db()
    assert goal.status == "done"


def test_a_goal_with_an_unknown_outcome_is_refused(lena: User) -> None:
    response = client_for(lena).post(
        reverse("cpd:goal_new"),
        {
            "title": "X",
            "outcome_id": "no-such-outcome",
            "development_outcomes": ["Z"],
            "target_date": "not a date",
            "status": "planned",
        },
    )
    assert response.status_code == 400
    assert not DevelopmentGoal.objects.exists()
    assert "Select a valid choice" in response.content.decode()


def test_another_learners_goal_cannot_be_changed(lena: User, nora: User) -> None:
    goal = DevelopmentGoal.objects.create(
        learner=nora, title="Nora's", target_date=TODAY(), created_at=timezone.now()
    )
    response = client_for(lena).post(reverse("cpd:goal_status", args=[goal.pk]), {"status": "done"})
    assert response.status_code == 404


def test_the_nmc_statement_pdf_shows_the_figures_and_the_marks(
    lena: User, ada: User, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    credit(lena, academy_run(ada))
    response = client_for(lena).get(
        reverse("cpd:statement"),
        {"regulator": "nmc", "start": "2024-01-01", "end": TODAY().isoformat()},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_words(response.content, tmp_path)
    assert "7 of 35 hours of CPD" in text
    assert "0 of 5 written reflective accounts" in text
    assert "(U)" in text


def test_a_gdc_statement_shows_the_plan_reading_marked(lena: User, tmp_path) -> None:  # type: ignore[no-untyped-def]
    response = client_for(lena).get(
        reverse("cpd:statement"),
        {"regulator": "gdc", "role": "dentist", "start": "2023-01-01", "end": TODAY().isoformat()},
    )
    text = pdf_words(response.content, tmp_path)
    assert "0 of 100 hours of verifiable CPD" in text
    assert "personal development plan goals (U)" in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            {"regulator": "hcpc", "start": "2024-01-01", "end": "2025-01-01"},
            "Select a valid choice",
        ),
        ({"regulator": "nmc", "start": "2025-01-01", "end": "2024-01-01"}, "must end on or after"),
        ({"regulator": "nmc", "start": "1900-01-01", "end": "1901-01-01"}, "out of range"),
        ({"regulator": "nmc", "start": "2010-01-01", "end": "2025-01-01"}, "lasts 3 year"),
        ({"regulator": "nmc", "start": "yesterday", "end": "2025-01-01"}, "Enter a valid date"),
    ],
)
def test_a_statement_it_cannot_make_is_a_field_message(lena: User, query, message) -> None:  # type: ignore[no-untyped-def]
    response = client_for(lena).get(reverse("cpd:statement"), query)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'value="{query["end"]}"' in page  # nothing lost


def test_the_learner_ledger_downloads(lena: User, ada: User) -> None:
    credit(lena, academy_run(ada))
    client = client_for(lena)
    csv = client.get(reverse("cpd:ledger_csv"))
    assert csv.status_code == 200
    assert "PDO thread lift (northern)" in csv.content.decode()
    pdf = client.get(reverse("cpd:ledger_pdf"))
    assert pdf.content.startswith(b"%PDF")


def test_the_portfolio_needs_a_login() -> None:
    response = client_for(None).get(reverse("cpd:portfolio"))
    assert response.status_code == 302
