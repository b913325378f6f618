"""A certificate follows the run's last day (its end or its last practical session, whichever is
later) and recorded attendance; its CPD hours are the run's."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from academy.credentials import services
from academy.credentials.models import CompletionRule, Credential
from academy.practice.models import PracticalSession, SessionBooking
from academy.practice.services import booking_mark_attendance
from tests.web.conftest import client_for, run_tasks

from .conftest import Setup

pytestmark = pytest.mark.django_db(transaction=True)


def session_on(setup: Setup, day: dt.date) -> PracticalSession:
    return PracticalSession.objects.create(
        run=setup.enrolment.run,
        date=day,
        starts_at=dt.time(9),
        ends_at=dt.time(12),
        venue="Clinic",
        places=4,
        model_slots_per_delegate=1,
    )


def mark_attended(setup: Setup, ada: User) -> None:
    client_for(ada).post(reverse("credentials:mark", args=[setup.enrolment.pk, setup.attended.pk]))
    run_tasks()


def test_it_refuses_a_certificate_before_the_runs_last_practical_session(
    setup: Setup, ada: User
) -> None:
    setup.finished.delete()  # even without a "run completed" rule, the run must be over
    session_on(setup, timezone.localdate() + dt.timedelta(days=14))
    mark_attended(setup, ada)
    assert not Credential.objects.exists()
    item = next(i for i in services.checklist(setup.enrolment) if i.rule.kind == "run_completed")
    assert not item.met
    assert "last day is" in item.detail
    with pytest.raises(services.CannotIssue):
        services.request_issue(setup.enrolment, by=ada)


def test_it_refuses_a_certificate_on_the_day_of_the_last_session(setup: Setup, ada: User) -> None:
    session_on(setup, timezone.localdate())
    mark_attended(setup, ada)
    assert not Credential.objects.exists()


def test_it_refuses_a_certificate_while_attendance_is_not_recorded(
    setup: Setup, ada: User, lena: User
) -> None:
    CompletionRule.objects.create(
        course=setup.enrolment.run.course,
        kind="attendance",
        label="Practical session attended",
        params={"sessions": 1},
        position=3,
    )
    first = session_on(setup, setup.enrolment.run.starts_on)
    second = session_on(setup, setup.enrolment.run.starts_on)
    SessionBooking.objects.create(
        session=first, learner=lena, status="booked", attendance="attended"
    )
    unrecorded = SessionBooking.objects.create(session=second, learner=lena, status="booked")
    mark_attended(setup, ada)
    assert not Credential.objects.exists()
    item = next(i for i in services.checklist(setup.enrolment) if i.rule.kind == "attendance")
    assert "not recorded" in item.detail
    # recording the last session (through the service) starts the certificate by itself
    booking_mark_attendance(booking=unrecorded, attendance="no_show")
    run_tasks()
    credential = Credential.objects.get()
    assert credential.document["credentialSubject"]["result"][0]["value"] == "1"


def test_the_cpd_hours_are_the_hours_of_the_run_the_learner_attended(
    setup: Setup, ada: User
) -> None:
    run = setup.enrolment.run
    run.theory_hours, run.hands_on_hours = 3, 5.5
    run.save()
    mark_attended(setup, ada)
    credential = Credential.objects.get()
    assert credential.document["credentialSubject"]["achievement"]["creditsAvailable"] == 8.5
    assert float(credential.cpd_hours) == 8.5
    issued = dt.datetime.fromisoformat(credential.document["validFrom"].replace("Z", "+00:00"))
    assert issued.date() > run.ends_on


def test_a_learner_who_met_every_rule_before_the_last_day_is_issued_after_it(
    setup: Setup, ada: User
) -> None:
    import time_machine
    from django.core.management import call_command

    run = setup.enrolment.run
    run.starts_on = run.ends_on = timezone.localdate() + dt.timedelta(days=1)
    run.save()
    mark_attended(setup, ada)
    call_command("issue_due_certificates", stdout=open(os.devnull, "w"))  # noqa: SIM115
    run_tasks()
    assert not Credential.objects.exists()
    with time_machine.travel(timezone.now() + dt.timedelta(days=3), tick=False):
        call_command("issue_due_certificates", stdout=open(os.devnull, "w"))  # noqa: SIM115
        call_command("issue_due_certificates", stdout=open(os.devnull, "w"))  # noqa: SIM115
        run_tasks()
    assert Credential.objects.filter(state="issued").count() == 1
