"""Completion rules: one field per parameter (no JSON), and a duplicate or a rule that cannot be
met on the course is refused with a field message."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from academy.accounts.models import User
from academy.credentials.models import CompletionRule
from academy.learning.models import CourseModule
from academy.practice.models import PracticalSession
from tests.web.conftest import client_for

from .conftest import Setup

pytestmark = pytest.mark.django_db


def post_rule(setup: Setup, ada: User, **fields: str):  # type: ignore[no-untyped-def]
    url = reverse("credentials:rules", args=[setup.enrolment.run.course_id])
    return client_for(ada).post(url, {f"rule-{k}": v for k, v in fields.items()})


def field_errors(response, field: str) -> list[str]:  # type: ignore[no-untyped-def]
    return list(response.context["rule_form"].errors.get(field, []))


def test_the_form_has_a_field_per_parameter_and_no_json(setup: Setup, ada: User) -> None:
    page = client_for(ada).get(reverse("credentials:rules", args=[setup.enrolment.run.course_id]))
    html = page.content.decode()
    for name in (
        "rule-kind",
        "rule-module",
        "rule-exercise",
        "rule-count",
        "rule-level",
        "rule-sessions",
    ):
        assert f'name="{name}"' in html
    assert "JSON" not in html
    assert "rule-params" not in html


def test_a_rule_made_of_fields_is_saved_with_a_label_in_words(setup: Setup, ada: User) -> None:
    response = post_rule(setup, ada, kind="dops_level", level="3")
    assert response.status_code == 302
    rule = CompletionRule.objects.get(kind="dops_level")
    assert rule.params == {"level": 3}
    assert rule.label == "A DOPS signed at level 3 or above"


def test_it_refuses_a_duplicate_rule(setup: Setup, ada: User) -> None:
    assert post_rule(setup, ada, kind="cases_signed", count="5").status_code == 302
    response = post_rule(setup, ada, kind="cases_signed", count="5", label="Five cases again")
    assert response.status_code == 400
    assert "already has this requirement" in field_errors(response, "count")[0]
    response = post_rule(
        setup, ada, kind="academy_requirement", label="attended the final assessment day "
    )
    assert response.status_code == 400
    assert "already has this requirement" in field_errors(response, "label")[0]
    response = post_rule(setup, ada, kind="run_completed")
    assert response.status_code == 400
    assert CompletionRule.objects.filter(kind="cases_signed").count() == 1


def test_it_refuses_sessions_attended_for_a_course_whose_runs_have_no_sessions(
    setup: Setup, ada: User
) -> None:
    response = post_rule(setup, ada, kind="attendance", sessions="1")
    assert response.status_code == 400
    assert "No run of this course has 1 practical session" in field_errors(response, "sessions")[0]
    run = setup.enrolment.run
    PracticalSession.objects.create(
        run=run, date=run.starts_on, starts_at=dt.time(9), ends_at=dt.time(12), venue="Clinic",
        places=4, model_slots_per_delegate=1,
    )  # fmt: skip
    assert post_rule(setup, ada, kind="attendance", sessions="2").status_code == 400
    assert post_rule(setup, ada, kind="attendance", sessions="1").status_code == 302


def test_it_refuses_a_module_the_course_does_not_teach(setup: Setup, ada: User) -> None:
    course = setup.enrolment.run.course
    CourseModule.objects.create(course=course, module_id="complications", position=1)
    response = post_rule(setup, ada, kind="module_passed", module="aftercare")
    assert response.status_code == 400
    assert field_errors(response, "module")
    assert post_rule(setup, ada, kind="module_passed", module="complications").status_code == 302


def test_it_refuses_an_exercise_that_does_not_exist_and_a_missing_parameter(
    setup: Setup, ada: User
) -> None:
    response = post_rule(setup, ada, kind="simulator_mastered", exercise="no-such-exercise")
    assert response.status_code == 400
    assert field_errors(response, "exercise")
    response = post_rule(setup, ada, kind="cases_signed")
    assert response.status_code == 400
    assert "needs this" in field_errors(response, "count")[0]


def test_another_academys_admin_and_a_learner_cannot_add_rules(setup: Setup, lena: User) -> None:
    from academy.accounts.models import Role
    from tests.web.catalog import factories
    from tests.web.conftest import make_user

    otto = make_user("otto@example.org", "Otto Other", Role.ACADEMY_ADMIN)
    factories.provider(admins=[otto], name="Other Academy")
    assert post_rule(setup, otto, kind="cases_signed", count="1").status_code == 404
    assert post_rule(setup, lena, kind="cases_signed", count="1").status_code == 403
    assert not CompletionRule.objects.filter(kind="cases_signed").exists()
