"""Each service that records learning says so: a signed case, an issued certificate, simulator
mastery (once) and an LTI launch become statements, sent to the LRS."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from academy.accounts.models import User
from academy.catalog.models import Enrolment
from academy.core import events
from academy.credentials.models import CertificatePolicy, CompletionRule, Credential
from academy.simulator import content as simulator
from academy.xapi import vocab
from academy.xapi.models import Actor, Statement, StatementState
from tests.web.builders import evaluated, signed_logbook
from tests.web.catalog import factories
from tests.web.conftest import client_for, run_tasks
from tests.web.xapi import lrs, steps

pytestmark = pytest.mark.django_db(transaction=True)


def _sent(ralph: lrs.Ralph, learner: User, verb: str) -> list[dict]:
    name = str(Actor.objects.get(learner=learner).name)
    agent = {"objectType": "Agent", "account": {"homePage": steps.HOME, "name": name}}
    found = ralph.statements(agent=json.dumps(agent))
    return [s for s in found if s["verb"]["id"] == vocab.VERBS[verb].iri]


def test_a_case_signed_by_the_trainer_is_a_completed_supervised_case(
    ralph: lrs.Ralph, settings: Settings, lena: User, theo: User
) -> None:
    steps.switch_on(settings, ralph.url)
    case = signed_logbook(lena, theo)
    assert case.signed_at is not None
    run_tasks()
    (completed,) = _sent(ralph, lena, "completed")
    assert completed["object"]["definition"]["type"] == vocab.KINDS["case"].iri
    assert completed["object"]["id"].endswith(f"/case/{case.pk}")
    assert completed["result"] == {"success": True, "completion": True}
    assert not Actor.objects.filter(learner=theo).exists()  # the trainer did nothing to record


def test_an_issued_certificate_is_earned(
    ralph: lrs.Ralph, settings: Settings, ada: User, lena: User, tmp_path: Path
) -> None:
    steps.switch_on(settings, ralph.url)
    settings.CREDENTIAL_BASE_URL = "http://testserver"
    settings.CREDENTIAL_KEY_SECRET = "test-credential-key-secret-0123456789"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    provider = factories.provider(admins=[ada], name="Northern Thread Academy", slug="northern")
    course = factories.course(provider, title="PDO thread lift: foundation")
    factories.accreditation(course)
    ended = timezone.localdate() - dt.timedelta(days=2)
    run = factories.run(
        course,
        starts_on=ended,
        ends_on=ended,
        enrolment_opens=timezone.now() - dt.timedelta(days=30),
        enrolment_closes=timezone.now() - dt.timedelta(days=10),
    )
    enrolment = Enrolment.objects.create(run=run, learner=lena, status="enrolled")
    evaluated(enrolment)  # every certificate waits for the learner's evaluation
    attended = CompletionRule.objects.create(
        course=course, kind="academy_requirement", label="Attended the final assessment day"
    )
    CertificatePolicy.objects.create(course=course, approval_required=False)
    response = client_for(ada).post(reverse("credentials:mark", args=[enrolment.pk, attended.pk]))
    assert response.status_code == 302
    run_tasks()
    credential = Credential.objects.get(enrolment=enrolment)
    (earned,) = _sent(ralph, lena, "earned")
    assert earned["object"]["id"].endswith(f"/credential/{credential.pk}")
    assert earned["object"]["definition"]["name"] == {"en": "PDO thread lift: foundation"}
    assert earned["context"]["contextActivities"]["parent"][0]["id"].endswith(f"/run/{run.pk}")


def test_simulator_mastery_is_said_once(ralph: lrs.Ralph, settings: Settings, lena: User) -> None:
    steps.switch_on(settings, ralph.url)
    ex = simulator.exercise("jowl")
    assert ex is not None
    client = client_for(lena)
    steps.attempt_simulator(client, face=ex.faces[0])
    run_tasks()
    assert not _sent(ralph, lena, "mastered")  # one face is not mastery yet
    steps.attempt_simulator(client, face=ex.faces[1])
    steps.attempt_simulator(client, face=ex.faces[0])
    run_tasks()
    (mastered,) = _sent(ralph, lena, "mastered")
    assert mastered["object"]["id"].endswith("/exercise/jowl")
    assert len(_sent(ralph, lena, "attempted")) == 3
    assert not Statement.objects.exclude(state=StatementState.SENT).exists()


def test_an_lti_launch_is_launched_on_the_run(
    ralph: lrs.Ralph, settings: Settings, lena: User
) -> None:
    steps.switch_on(settings, ralph.url)
    run = factories.run(factories.course(factories.provider()))
    events.launched(
        learner_id=lena.pk,
        run_id=run.pk,
        name=run.course.title,
        launch_id="n-1",
        now=timezone.now(),
    )
    run_tasks()
    (launched,) = _sent(ralph, lena, "launched")
    assert launched["object"]["definition"]["type"] == vocab.KINDS["run"].iri
    assert "contextActivities" not in launched["context"]
