"""List pages run a bounded number of queries; the PDF and CSV carry the evidence."""

from __future__ import annotations

import csv
import io
import os
import subprocess
from pathlib import Path

import pytest

from academy.accounts.models import Role, User
from academy.catalog.models import Enrolment
from academy.logbook.models import Case, CompetencyRule, Dops
from academy.logbook.services import case_countersign
from academy.logbook.workspace import run_sections
from tests.web.builders import signed_logbook
from tests.web.conftest import client_for, make_user
from tests.web.logbook.helpers import hands_on_run, log_case

pytestmark = pytest.mark.django_db


def busy_run(theo: User, lena: User, learners: int, cases_each: int) -> object:
    run = hands_on_run(theo, lena)
    CompetencyRule.objects.create(
        course=run.course, kind="cases", count=2, supervision="supervised"
    )
    CompetencyRule.objects.create(course=run.course, kind="dops", count=1, min_level=2)
    people = [lena] + [
        make_user(f"l{i}@example.org", f"Learner {i}", Role.LEARNER) for i in range(learners - 1)
    ]
    for person in people[1:]:
        Enrolment.objects.create(run=run, learner=person, status="enrolled")
    for person in people:
        for _ in range(cases_each):
            log_case(client_for(person), run)
    for case in Case.objects.all()[::2]:
        Dops.objects.create(case=case, trainer=theo, status="requested")
    return run


@pytest.mark.parametrize("size", [1, 4])
def test_the_queue_learner_page_and_workspace_run_bounded_queries(
    django_assert_max_num_queries: object, lena: User, theo: User, size: int
) -> None:
    run = busy_run(theo, lena, learners=size, cases_each=size)
    trainer, learner = client_for(theo), client_for(lena)
    with django_assert_max_num_queries(14):  # type: ignore[operator]
        assert trainer.get("/logbook/queue/").status_code == 200
    with django_assert_max_num_queries(20):  # type: ignore[operator]
        assert learner.get("/logbook/").status_code == 200
    with django_assert_max_num_queries(22):  # type: ignore[operator]
        assert trainer.get(f"/logbook/learners/{lena.pk}/").status_code == 200
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        sections = run_sections(theo, run)  # type: ignore[arg-type]
    assert len(sections["logbook_learners"]) == size


def test_the_csv_lists_cases_batches_dops_signatures_and_competency(lena: User, theo: User) -> None:
    case = signed_logbook(lena, theo)
    response = client_for(lena).get(f"/logbook/learners/{lena.pk}/logbook.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] == "private, no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header, first = rows[0], rows[1]
    record = dict(zip(header, first, strict=True))
    assert record["case"] == str(case.pk)
    assert record["supervision"] == "Performed under supervision"
    assert "LOT-12345" in record["products"]
    assert record["dops_sha256"] == Dops.objects.get().content_hash
    assert record["dops_signed_by"] == str(theo)
    assert any(r[:1] == ["competency"] for r in rows)
    assert any("True" in r for r in rows)


def test_the_pdf_shows_cases_dops_hashes_and_competency(
    lena: User, theo: User, tmp_path: Path
) -> None:
    signed_logbook(lena, theo)
    response = client_for(lena).get(f"/logbook/learners/{lena.pk}/logbook.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pdf = tmp_path / "logbook.pdf"
    pdf.write_bytes(response.content)
    keep = (
        Path(os.environ.get("LOGBOOK_PDF_COPY", "")) if os.environ.get("LOGBOOK_PDF_COPY") else None
    )
    if keep:
        keep.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    dops = Dops.objects.get()
    assert "Supervised-case logbook" in text
    assert "LOT-12345" in text
    assert dops.content_hash in text.replace("\n", "")
    assert "Performed" in text
    assert "O-SCORE" in text
    assert "academy's policy" in text
    assert "signed off" in text or "awaiting sign-off" in text


def test_case_signed_once_stays_signed_by_the_first_signer(lena: User, theo: User) -> None:
    case = signed_logbook(lena, theo)
    before = case.signed_hash
    case_countersign(case=case, signer=theo)
    case.refresh_from_db()
    assert case.signed_hash == before


def test_a_cell_that_looks_like_a_formula_is_not_a_formula_in_the_csv(
    lena: User, theo: User
) -> None:
    run = hands_on_run(theo, lena)
    run.course.title = "=HYPERLINK(1)"
    run.course.save()
    log_case(client_for(lena), run)
    text = client_for(lena).get(f"/logbook/learners/{lena.pk}/logbook.csv").content.decode()
    assert ",'=HYPERLINK(1)," in text
    assert ",=HYPERLINK" not in text
