"""The requirements other apps answer — a module quiz passed, a simulator exercise mastered,
practice competency signed off, sessions attended — block a certificate until met, and meeting
the last one starts the certificate without anybody pressing a button."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from academy.credentials.models import CompletionRule, Credential
from academy.credentials.services import checklist
from academy.learning import quiz
from academy.learning.models import Attempt as QuizAttempt
from academy.learning.models import ItemResponse
from academy.logbook.models import CompetencySignoff
from academy.practice.models import PracticalSession, SessionBooking
from academy.simulator.models import Attempt as SimulatorAttempt
from tests.web.conftest import client_for
from tests.web.credentials.conftest import Setup

pytestmark = pytest.mark.django_db


def only_rule(setup: Setup, kind: str, **params: Any) -> CompletionRule:
    setup.enrolment.run.course.completion_rules.all().delete()
    return CompletionRule.objects.create(
        course=setup.enrolment.run.course, kind=kind, label=kind, params=params
    )


def items(setup: Setup) -> list:  # type: ignore[type-arg]
    """The course's own rules (the run being over is always checked too, as its own item)."""
    return [item for item in checklist(setup.enrolment) if item.rule.pk is not None]


def met(setup: Setup) -> list[bool]:
    return [item.met for item in items(setup)]


def pass_quiz(setup: Setup, lena: User, module_id: str) -> QuizAttempt:
    """An exam of one item, answered right and finished by the quiz service."""
    attempt = QuizAttempt.objects.create(
        learner=lena,
        run=setup.enrolment.run,
        mode="exam",
        seed=1,
        module_id=module_id,
        items=[{"id": "q1", "options": []}],
        pass_mark=70,
    )
    ItemResponse.objects.create(attempt=attempt, position=0, item_id="q1", answer={}, score=1.0)
    quiz.finish(attempt, now=timezone.now())
    assert attempt.passed
    return attempt


def test_a_module_quiz_passed_on_the_run_meets_its_rule_and_starts_the_certificate(
    setup: Setup, lena: User, django_capture_on_commit_callbacks: Any
) -> None:
    only_rule(setup, "module_passed", module="complications")
    assert met(setup) == [False]
    with django_capture_on_commit_callbacks(execute=True):
        pass_quiz(setup, lena, "aftercare")
    assert met(setup) == [False]  # another module's quiz does not count
    assert not Credential.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        pass_quiz(setup, lena, "complications")
    assert met(setup) == [True]
    assert Credential.objects.filter(enrolment=setup.enrolment).count() == 1


def test_practice_competency_counts_only_once_a_trainer_signed_it_off(
    setup: Setup, lena: User, theo: User
) -> None:
    only_rule(setup, "competency_signed_off")
    assert met(setup) == [False]
    CompetencySignoff.objects.create(
        learner=lena,
        course=setup.enrolment.run.course,
        signed_by=theo,
        signed_at=timezone.now(),
        signed_with="totp",
        content_hash="0" * 64,
    )
    assert met(setup) == [True]


def test_attendance_counts_attended_sessions_of_the_run_only(setup: Setup, lena: User) -> None:
    only_rule(setup, "attendance", sessions=2)
    run = setup.enrolment.run
    bookings = []
    for hour in (9, 14):
        session = PracticalSession.objects.create(
            run=run,
            date=run.starts_on,
            starts_at=dt.time(hour),
            ends_at=dt.time(hour + 2),
            venue="Clinic",
            places=4,
            model_slots_per_delegate=1,
        )
        bookings.append(
            SessionBooking.objects.create(session=session, learner=lena, status="booked")
        )
    bookings[0].attendance = "attended"
    bookings[0].save()
    bookings[1].attendance = "no_show"
    bookings[1].save()
    assert met(setup) == [False]
    assert "1 of 2" in items(setup)[0].detail
    bookings[1].attendance = "attended"
    bookings[1].save()
    assert met(setup) == [True]


def test_a_simulator_exercise_counts_once_mastered_in_test_mode_on_two_faces(
    setup: Setup, lena: User
) -> None:
    only_rule(setup, "simulator_mastered", exercise="jowl")
    start = timezone.now() - dt.timedelta(hours=1)

    def attempt(face: str, minutes: int, *, mode: str = "test", critical: bool = False) -> None:
        SimulatorAttempt.objects.create(
            learner=lena,
            exercise_id="jowl",
            face_id=face,
            mode=mode,
            plan={},
            overall=95,
            safety=95,
            efficacy=95,
            passed=not critical,
            critical=critical,
            started_at=start,
            submitted_at=start + dt.timedelta(minutes=minutes),
        )

    attempt("female", 1, mode="learn")
    attempt("male", 2, mode="learn")
    assert met(setup) == [False]  # learn mode never counts
    attempt("female", 3)
    attempt("male", 4, critical=True)
    assert met(setup) == [False]  # a critical finding breaks the streak
    attempt("female", 5)
    attempt("male", 6)
    assert met(setup) == [True]


def test_the_rules_form_refuses_parameters_a_kind_cannot_use(setup: Setup, ada: User) -> None:
    url = reverse("credentials:rules", args=[setup.enrolment.run.course_id])
    client = client_for(ada)
    for kind, field, value in (
        ("module_passed", "module", "knitting"),
        ("simulator_mastered", "exercise", "nope"),
        ("attendance", "sessions", "0"),
        ("dops_level", "level", "7"),
        ("cases_signed", "count", "-1"),
    ):
        response = client.post(
            url, {"rule-kind": kind, "rule-label": "Typed", f"rule-{field}": value}
        )
        assert response.status_code == 400, kind
        assert "Typed" in response.content.decode()
        assert response.context["rule_form"].errors.get(field), kind
    response = client.post(
        url, {"rule-kind": "module_passed", "rule-label": "Quiz", "rule-module": "aftercare"}
    )
    assert response.status_code == 302
    rule = CompletionRule.objects.get(label="Quiz")
    assert rule.params == {"module": "aftercare"}
