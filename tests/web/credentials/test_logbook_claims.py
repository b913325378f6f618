"""A certificate states the signed cases and the highest DOPS rating the learner's logbook shows
for the run — signed by a trainer — and claims nothing the logbook does not show."""

from __future__ import annotations

import pytest

from academy.accounts.models import User
from academy.catalog.models import Enrolment
from academy.credentials.issue import _alignments
from academy.credentials.models import CompletionRule
from academy.credentials.requirements import CheckItem
from academy.credentials.services import checklist
from academy.learning import content as learning_content
from academy.logbook.models import Dops
from tests.web.builders import signed_logbook
from tests.web.catalog import factories
from threadlift.credentials import credential as cred

pytestmark = pytest.mark.django_db


def rule_items(enrolment: Enrolment) -> dict[str, CheckItem]:
    return {i.rule.kind: i for i in checklist(enrolment) if i.rule.pk is not None}


def test_the_learners_signed_cases_and_best_dops_are_the_evidence_stated(
    lena: User, theo: User
) -> None:
    case = signed_logbook(lena, theo)
    dops = Dops.objects.get()
    assert dops.overall is not None
    course = case.run.course
    CompletionRule.objects.create(
        course=course, kind="cases_signed", label="Cases", params={"count": 1}
    )
    CompletionRule.objects.create(
        course=course, kind="dops_level", label="DOPS", params={"level": dops.overall}
    )
    enrolment = Enrolment.objects.get(learner=lena, run=case.run)
    items = rule_items(enrolment)
    cases, best = items["cases_signed"], items["dops_level"]
    assert cases.met
    assert cases.evidence is not None
    assert cases.evidence.value == "1"
    assert best.met
    assert best.evidence is not None
    assert best.evidence.level == dops.overall


def test_a_target_above_the_record_is_not_met_and_not_stated(lena: User, theo: User) -> None:
    case = signed_logbook(lena, theo)
    dops = Dops.objects.get()
    course = case.run.course
    CompletionRule.objects.create(
        course=course, kind="cases_signed", label="Ten cases", params={"count": 10}
    )
    CompletionRule.objects.create(
        course=course, kind="dops_level", label="DOPS 4", params={"level": 4}
    )
    enrolment = Enrolment.objects.get(learner=lena, run=case.run)
    items = rule_items(enrolment)
    assert not items["cases_signed"].met
    assert items["cases_signed"].evidence is None
    assert "10 needed" in items["cases_signed"].detail
    if dops.overall is not None and dops.overall < 4:
        assert not items["dops_level"].met


def test_cases_of_another_run_of_the_course_do_not_count(lena: User, theo: User) -> None:
    case = signed_logbook(lena, theo)
    other_run = factories.run(case.run.course)
    enrolment = Enrolment.objects.create(run=other_run, learner=lena, status="enrolled")
    CompletionRule.objects.create(
        course=case.run.course, kind="cases_signed", label="Cases", params={"count": 1}
    )
    assert not rule_items(enrolment)["cases_signed"].met


def test_only_the_achieved_values_are_results_never_a_target() -> None:
    facts = cred.AchievementFacts(
        id="https://academy.example/courses/pdo/",
        name="PDO",
        description="PDO",
        evidence=(
            cred.Evidence(
                "Ten signed cases",
                "12 cases signed by a trainer on this run.",
                key="cases",
                result_name="Cases signed by a trainer",
                result_type="RawScore",
                value="12",
            ),
        ),
    )
    assert cred._results(facts) == [
        {
            "type": ["Result"],
            "resultDescription": "https://academy.example/courses/pdo/#cases",
            "value": "12",
        }
    ]
    with pytest.raises(ValueError, match="DOPS level"):
        cred._check_evidence(
            cred.AchievementFacts(
                id="x",
                name="x",
                description="x",
                evidence=(cred.Evidence("DOPS", key="dops", result_type="RubricCriterionLevel"),),
            )
        )


def test_a_course_aligns_to_the_outcomes_of_its_modules_named_in_words(lena: User) -> None:
    from academy.learning.models import CourseModule

    course = factories.course(factories.provider())
    CourseModule.objects.create(course=course, module_id="complications", position=1)
    alignments = _alignments(course)
    module = learning_content.curriculum().module("complications")
    assert {a.code for a in alignments} == {o.id for o in module.outcomes}
    assert all(a.name.startswith(f"{module.title}: ") for a in alignments)
    assert all(a.url.startswith("http://testserver/knowledge/curriculum/#") for a in alignments)


def test_the_framework_page_publishes_every_outcome_with_its_code() -> None:
    from django.test import Client

    page = Client().get("/knowledge/curriculum/").content.decode()
    for module in learning_content.curriculum().modules:
        for outcome in module.outcomes:
            assert f'id="{outcome.id}"' in page
