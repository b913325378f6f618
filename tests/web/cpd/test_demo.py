"""The demo learner's portfolio: credits from their certificate and one of everything else."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from academy.cpd.models import CreditEntry, DevelopmentGoal, ExternalActivity, Reflection
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_demo_portfolio_loads_twice_and_shows_its_credit() -> None:
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    from academy.accounts.models import User

    learner = User.objects.get(email="learner@demo.threadlift.test")
    award = CreditEntry.objects.get(learner=learner)
    assert award.total_hours > 0
    assert ExternalActivity.objects.filter(learner=learner).count() == 1
    assert Reflection.objects.get(learner=learner).credit == award
    assert DevelopmentGoal.objects.filter(learner=learner).count() == 1
    nurse = CreditEntry.objects.filter(learner__email="nurse@demo.threadlift.test")
    assert sorted(e.kind for e in nurse) == ["award", "reversal"]
    page = client_for(learner).get("/portfolio/").content.decode()
    assert "(demo, fictional)" in page
    assert award.course_title in page
