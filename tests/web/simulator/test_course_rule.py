"""A course's simulator settings decide mastery for its learners: the strictest of the courses a
learner is enrolled on, on their own pages and for the certificate of that course."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from academy.accounts.models import User
from academy.catalog.models import Enrolment
from academy.simulator.models import Attempt, SimulatorSettings
from academy.simulator.selectors import exercise_rows, rule_for
from tests.web.catalog import factories

pytestmark = pytest.mark.django_db


def two_good_test_attempts(learner: User) -> None:
    start = timezone.now() - dt.timedelta(hours=1)
    for minute, face in ((1, "female"), (2, "male")):
        Attempt.objects.create(
            learner=learner,
            exercise_id="jowl",
            face_id=face,
            mode="test",
            plan={},
            overall=95,
            safety=95,
            efficacy=95,
            passed=True,
            critical=False,
            started_at=start,
            submitted_at=start + dt.timedelta(minutes=minute),
        )


def jowl_status(learner: User) -> str:
    return next(r.status for r in exercise_rows(learner) if r.exercise.id == "jowl")


def test_two_good_attempts_on_two_faces_master_an_exercise_under_the_default_policy(
    lena: User,
) -> None:
    two_good_test_attempts(lena)
    assert rule_for(lena).consecutive == 2
    assert jowl_status(lena) == "mastered"


def test_a_course_asking_for_three_in_a_row_holds_its_learner_to_three(lena: User) -> None:
    strict = factories.run(factories.course(factories.provider()))
    lenient = factories.run(factories.course(factories.provider(name="Lenient Academy")))
    SimulatorSettings.objects.create(course=strict.course, consecutive=3)
    SimulatorSettings.objects.create(course=lenient.course, consecutive=1)
    for run in (strict, lenient):
        Enrolment.objects.create(run=run, learner=lena, status="enrolled")
    two_good_test_attempts(lena)
    assert rule_for(lena).consecutive == 3  # the stricter course decides
    assert jowl_status(lena) == "tried"


def test_a_course_a_learner_left_no_longer_decides(lena: User) -> None:
    strict = factories.run(factories.course(factories.provider()))
    SimulatorSettings.objects.create(course=strict.course, consecutive=3)
    Enrolment.objects.create(run=strict, learner=lena, status="cancelled")
    two_good_test_attempts(lena)
    assert jowl_status(lena) == "mastered"


def test_a_lenient_course_does_not_lower_what_another_course_without_settings_asks(
    lena: User,
) -> None:
    lenient = factories.run(factories.course(factories.provider(name="Lenient Academy")))
    plain = factories.run(factories.course(factories.provider(name="Plain Academy")))
    SimulatorSettings.objects.create(course=lenient.course, consecutive=1, min_faces=1)
    for run in (lenient, plain):
        Enrolment.objects.create(run=run, learner=lena, status="enrolled")
    assert rule_for(lena).consecutive == 2  # the policy, which the plain course asks for
    assert rule_for(lena).min_faces == 2
