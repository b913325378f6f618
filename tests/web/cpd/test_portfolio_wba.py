"""Workplace-based assessments in the portfolio: a completed CBD, mini-CEX, MSF or patient
feedback counts as practice-related feedback, and a reflection can be written about one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from academy.catalog.models import CourseRun
from academy.cpd import selectors
from academy.cpd.models import Reflection
from academy.logbook.wba_models import Identity, WbaAssessment, WbaKind, WbaStatus
from tests.web.conftest import client_for

from .helpers import academy_run

pytestmark = pytest.mark.django_db


def _assessment(learner: User, run: CourseRun, *, status: str, identity: str) -> WbaAssessment:
    now = timezone.now()
    return WbaAssessment.objects.create(
        kind=WbaKind.MSF,
        learner=learner,
        run=run,
        status=status,
        identity=identity,
        assessor_name="Dr Sam Supervisor",
        requested_at=now - dt.timedelta(days=3),
        requested_by=learner,
        overall=5,
        completed_at=now if status == WbaStatus.COMPLETED else None,
    )


def _reflection_post(**attach: str) -> dict[str, str]:
    return {
        "nature": "Colleague feedback on my consultations.",
        "learned": "I rush the expectations talk.",
        "changed": "I now book longer first consultations.",
        "code_themes": "safety",
        "code_relation": "Preserve safety: honest expectations.",
        **attach,
    }


def test_completed_assessments_count_as_feedback_and_unconfirmed_assessors_say_so(
    lena: User, ada: User
) -> None:
    run = academy_run(ada)
    _assessment(lena, run, status=WbaStatus.COMPLETED, identity=Identity.UNVERIFIED)
    _assessment(lena, run, status=WbaStatus.REQUESTED, identity=Identity.UNVERIFIED)
    today = timezone.localdate()
    items = selectors.feedback_items(learner=lena, start=today - dt.timedelta(days=1), end=today)
    (item,) = items
    assert item.kind == WbaKind.MSF
    assert item.source == "Dr Sam Supervisor (assessor not yet confirmed)"
    assert item.url.startswith("/logbook/")
    page = client_for(lena).get(reverse("cpd:portfolio"))
    assert "Dr Sam Supervisor (assessor not yet confirmed)" in page.content.decode()


def test_a_reflection_written_about_a_completed_assessment(lena: User, ada: User) -> None:
    wba = _assessment(
        lena, academy_run(ada), status=WbaStatus.COMPLETED, identity=Identity.PLATFORM
    )
    response = client_for(lena).post(
        reverse("cpd:reflection_new"), _reflection_post(assessment=str(wba.pk))
    )
    assert response.status_code == 302
    reflection = Reflection.objects.get(learner=lena)
    assert reflection.assessment == wba
    assert reflection.about.startswith("Multi-source feedback")


def test_a_reflection_cannot_name_someone_elses_assessment(
    lena: User, nora: User, ada: User
) -> None:
    wba = _assessment(
        nora, academy_run(ada), status=WbaStatus.COMPLETED, identity=Identity.PLATFORM
    )
    response = client_for(lena).post(
        reverse("cpd:reflection_new"), _reflection_post(assessment=str(wba.pk))
    )
    assert response.status_code == 400
    assert not Reflection.objects.exists()
