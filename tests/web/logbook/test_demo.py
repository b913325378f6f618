"""The demo logbook: two cases of the demo learner on a hands-on run, one with a signed DOPS,
and practice rules on that course; loading twice creates nothing new."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from academy.logbook.models import Case, CompetencyRule, Dops

pytestmark = pytest.mark.django_db


def test_the_demo_learner_has_two_cases_one_with_a_signed_dops() -> None:
    call_command("load_demo", force=True, verbosity=0)
    call_command("load_demo", force=True, verbosity=0)
    cases = Case.objects.filter(learner__email="learner@demo.threadlift.test")
    assert cases.count() == 2
    assert {c.run_id for c in cases} == {cases[0].run_id}
    assert cases[0].run.hands_on
    signed = Dops.objects.get(case__in=cases)
    assert signed.status == "signed"
    assert len(signed.content_hash) == 64
    assert signed.signed_by.email == "trainer@demo.threadlift.test"  # type: ignore[union-attr]
    assert CompetencyRule.objects.filter(course=cases[0].run.course).count() == 3
