"""A certificate states the supervised cases and DOPS level the learner's logbook shows for the
course — signed by a trainer — and claims nothing the logbook does not show."""

from __future__ import annotations

import pytest

from academy.accounts.models import User
from academy.credentials.issue import _logbook_record
from academy.credentials.models import Credential
from academy.learning import content as learning_content
from academy.logbook.models import Dops
from tests.web.catalog import factories
from tests.web.logbook.test_queries_and_downloads import signed_logbook
from threadlift.credentials import credential as cred

pytestmark = pytest.mark.django_db


def test_the_learners_signed_cases_and_best_dops_are_what_the_certificate_claims(
    lena: User, theo: User
) -> None:
    case = signed_logbook(lena, theo)
    dops = Dops.objects.get()
    assert dops.overall is not None
    claimed = _logbook_record(Credential(learner=lena, course=case.run.course))
    assert claimed == {"achieved_cases": 1, "achieved_dops_level": dops.overall}


def test_nothing_is_claimed_for_a_course_the_logbook_has_no_signed_case_of(
    lena: User, theo: User
) -> None:
    case = signed_logbook(lena, theo)
    other = factories.course(case.run.course.provider, title="Another course")
    claimed = _logbook_record(Credential(learner=lena, course=other))
    assert claimed == {"achieved_cases": None, "achieved_dops_level": None}


def test_the_course_target_is_described_but_only_the_achieved_values_are_results() -> None:
    facts = cred.AchievementFacts(
        id="https://academy.example/courses/pdo/",
        name="PDO",
        description="PDO",
        criteria="Met the rules.",
        supervised_cases=10,
        dops_level=3,
    )
    names = [d["name"] for d in cred._achievement(facts)["resultDescription"]]
    assert names[0] == "Supervised cases performed, signed by a trainer (the course asks for 10)"
    assert cred._results(facts) == []
    achieved = cred.AchievementFacts(**{**facts.__dict__, "achieved_cases": 12})
    assert cred._results(achieved) == [
        {
            "type": ["Result"],
            "resultDescription": "https://academy.example/courses/pdo/#supervised-cases",
            "value": "12",
        }
    ]


def test_without_its_own_list_a_course_aligns_to_the_outcomes_of_its_modules(
    lena: User,
) -> None:
    from academy.credentials.issue import _alignments
    from academy.learning.models import CourseModule

    course = factories.course(factories.provider())
    CourseModule.objects.create(course=course, module_id="complications", position=1)
    alignments = _alignments(course, [])
    assert alignments
    assert {a.code for a in alignments} == {
        o.id for o in learning_content.curriculum().module("complications").outcomes
    }
    assert all(a.url.startswith("http://testserver/knowledge/curriculum/#") for a in alignments)
    own = [{"name": "Our outcome", "url": "https://academy.example/x", "code": "X-1"}]
    assert [a.code for a in _alignments(course, own)] == ["X-1"]


def test_the_framework_page_publishes_every_outcome_with_its_code() -> None:
    from django.test import Client

    page = Client().get("/knowledge/curriculum/").content.decode()
    for module in learning_content.curriculum().modules:
        for outcome in module.outcomes:
            assert f'id="{outcome.id}"' in page
