"""A certificate is started by the services that record work, never by a row saved elsewhere:
an attempt, an attendance mark, a competency sign-off or a case signature written straight to
the database issues nothing, while the same work recorded through its service starts the
certificate."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from academy.accounts.models import User
from academy.catalog.models import Enrolment
from academy.credentials.models import CertificatePolicy, CompletionRule, Credential
from academy.learning import quiz
from academy.learning.models import Attempt as QuizAttempt
from academy.learning.models import ItemResponse
from academy.logbook.models import Case as LogbookCase
from academy.logbook.models import CompetencySignoff
from academy.logbook.services import case_countersign, competency_sign_off
from academy.practice.models import PracticalSession, SessionBooking
from academy.practice.services import booking_mark_attendance
from tests.web.builders import evaluated
from tests.web.conftest import client_for
from tests.web.credentials.conftest import Setup
from tests.web.logbook.helpers import hands_on_run, log_case

pytestmark = pytest.mark.django_db


def only_rule(setup: Setup, kind: str, **params: Any) -> None:
    setup.enrolment.run.course.completion_rules.all().delete()
    CompletionRule.objects.create(
        course=setup.enrolment.run.course, kind=kind, label=kind, params=params
    )


def an_exam_answered_right(setup: Setup, lena: User) -> QuizAttempt:
    attempt = QuizAttempt.objects.create(
        learner=lena,
        run=setup.enrolment.run,
        mode="exam",
        seed=1,
        module_id="complications",
        items=[{"id": "q1", "options": []}],
        pass_mark=70,
    )
    ItemResponse.objects.create(attempt=attempt, position=0, item_id="q1", answer={}, score=1.0)
    return attempt


def test_a_passed_quiz_saved_outside_the_quiz_service_issues_nothing(
    setup: Setup, lena: User, django_capture_on_commit_callbacks: Any
) -> None:
    only_rule(setup, "module_passed", module="complications")
    attempt = an_exam_answered_right(setup, lena)
    with django_capture_on_commit_callbacks(execute=True):
        attempt.total, attempt.passed, attempt.finished_at = 1.0, True, timezone.now()
        attempt.save()
    assert not Credential.objects.exists()


def test_finishing_the_quiz_through_its_service_starts_the_certificate(
    setup: Setup, lena: User, django_capture_on_commit_callbacks: Any
) -> None:
    only_rule(setup, "module_passed", module="complications")
    attempt = an_exam_answered_right(setup, lena)
    with django_capture_on_commit_callbacks(execute=True):
        quiz.finish(attempt, now=timezone.now())
    assert Credential.objects.filter(enrolment=setup.enrolment).count() == 1


def a_booking(setup: Setup, lena: User) -> SessionBooking:
    run = setup.enrolment.run
    session = PracticalSession.objects.create(
        run=run,
        date=run.starts_on,
        starts_at=dt.time(9),
        ends_at=dt.time(11),
        venue="Clinic",
        places=4,
        model_slots_per_delegate=1,
    )
    return SessionBooking.objects.create(session=session, learner=lena, status="booked")


def test_attendance_saved_outside_the_practice_service_issues_nothing(
    setup: Setup, lena: User, django_capture_on_commit_callbacks: Any
) -> None:
    only_rule(setup, "attendance", sessions=1)
    booking = a_booking(setup, lena)
    with django_capture_on_commit_callbacks(execute=True):
        booking.attendance = "attended"
        booking.save()
    assert not Credential.objects.exists()


def test_attendance_marked_through_the_practice_service_starts_the_certificate(
    setup: Setup, lena: User, django_capture_on_commit_callbacks: Any
) -> None:
    only_rule(setup, "attendance", sessions=1)
    booking = a_booking(setup, lena)
    with django_capture_on_commit_callbacks(execute=True):
        booking_mark_attendance(booking=booking, attendance="attended")
    assert Credential.objects.filter(enrolment=setup.enrolment).count() == 1


def test_a_competency_sign_off_saved_outside_the_logbook_service_issues_nothing(
    setup: Setup, lena: User, theo: User, django_capture_on_commit_callbacks: Any
) -> None:
    only_rule(setup, "competency_signed_off")
    with django_capture_on_commit_callbacks(execute=True):
        CompetencySignoff.objects.create(
            learner=lena,
            course=setup.enrolment.run.course,
            signed_by=theo,
            signed_at=timezone.now(),
            signed_with="totp",
            content_hash="0" * 64,
        )
    assert not Credential.objects.exists()


def test_a_competency_sign_off_through_the_logbook_service_starts_the_certificate(
    setup: Setup, lena: User, theo: User, django_capture_on_commit_callbacks: Any
) -> None:
    only_rule(setup, "competency_signed_off")
    setup.enrolment.run.trainers.add(theo)
    with django_capture_on_commit_callbacks(execute=True):
        competency_sign_off(
            learner=lena,
            course=setup.enrolment.run.course,
            signer=theo,
            method="totp",
            evidence={},
            now=timezone.now(),
        )
    assert Credential.objects.filter(enrolment=setup.enrolment).count() == 1


def a_logged_case(lena: User, theo: User) -> LogbookCase:
    """A case Lena logged on a finished run Theo teaches, whose course asks for one signed case."""
    run = hands_on_run(theo, lena)
    CompletionRule.objects.create(
        course=run.course, kind="cases_signed", label="One signed case", params={"count": 1}
    )
    CertificatePolicy.objects.create(course=run.course, approval_required=False)
    evaluated(Enrolment.objects.get(run=run, learner=lena))
    log_case(client_for(lena), run)
    return LogbookCase.objects.get(learner=lena, run=run)


def test_a_case_marked_signed_outside_the_logbook_service_issues_nothing(
    lena: User, theo: User, django_capture_on_commit_callbacks: Any
) -> None:
    case = a_logged_case(lena, theo)
    with django_capture_on_commit_callbacks(execute=True):
        case.signed_at, case.signed_by = timezone.now(), theo
        case.save()
    assert not Credential.objects.exists()


def test_a_case_countersigned_through_the_logbook_service_starts_the_certificate(
    lena: User, theo: User, django_capture_on_commit_callbacks: Any
) -> None:
    case = a_logged_case(lena, theo)
    with django_capture_on_commit_callbacks(execute=True):
        case_countersign(case=case, signer=theo)
    assert Credential.objects.filter(learner=lena).count() == 1
