"""The demo learner has a CBD completed by the demo trainer, a mini-CEX awaiting the trainer
and one awaiting an external supervisor; loading twice creates nothing new."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from academy.logbook.wba_models import WbaAssessment

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_completed_cbd_and_pending_requests() -> None:
    call_command("load_demo", force=True, verbosity=0)
    call_command("load_demo", force=True, verbosity=0)
    rows = WbaAssessment.objects.filter(learner__email="learner@demo.threadlift.test")
    assert rows.count() == 3
    cbd = rows.get(kind="cbd")
    assert (cbd.status, cbd.overall, cbd.identity) == ("completed", 4, "platform")
    assert cbd.assessor.email == "trainer@demo.threadlift.test"  # type: ignore[union-attr]
    pending = rows.filter(status="requested")
    assert {(a.kind, a.identity) for a in pending} == {
        ("mini_cex", "platform"),
        ("mini_cex", "unverified"),
    }
    assert "(fictional)" in pending.get(identity="unverified").assessor_name
