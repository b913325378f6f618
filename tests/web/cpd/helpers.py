"""Shared steps of the CPD tests: an academy with a run a learner finished, and credits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from academy.accounts.models import User
from academy.catalog.models import CourseRun, Provider
from academy.cpd import services
from academy.cpd.models import CreditEntry
from tests.web.catalog import factories


def academy_run(admin: User, *, slug: str = "northern", mode: str = "in_person") -> CourseRun:
    provider = factories.provider(admins=[admin], name=f"Academy {slug}", slug=slug)
    course = factories.course(provider, title=f"PDO thread lift ({slug})")
    ended = timezone.localdate() - dt.timedelta(days=2)
    return factories.run(
        course,
        starts_on=ended,
        ends_on=ended,
        mode=mode,
        theory_hours=Decimal("4"),
        hands_on_hours=Decimal("3"),
        enrolment_opens=timezone.now() - dt.timedelta(days=30),
        enrolment_closes=timezone.now() - dt.timedelta(days=10),
    )


def credit(learner: User, run: CourseRun, ref: str = "c-1", **kw: object) -> CreditEntry:
    entry = services.credit_award(
        learner=learner,
        run=run,
        hours=kw.pop("hours", run.total_hours),  # type: ignore[arg-type]
        awarded_on=kw.pop("awarded_on", timezone.localdate()),  # type: ignore[arg-type]
        evidence_url=f"http://testserver/credentials/{ref}/",
        source_ref=ref,
        now=timezone.now(),
    )
    assert entry is not None
    return entry


def provider_of(run: CourseRun) -> Provider:
    return run.course.provider


def pdf_words(pdf: bytes, tmp_path: object) -> str:
    """The PDF's text on one line (poppler's pdftotext)."""
    import shutil
    import subprocess
    from pathlib import Path

    import pytest

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    source = Path(str(tmp_path)) / "statement.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-layout", str(source), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    return " ".join(out.split())
