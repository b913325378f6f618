"""xAPI statements of what learners do, sent through the task queue to a real LRS (Ralph)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import Counter
from pathlib import Path

import pytest
import time_machine
from django.core.checks import run_checks
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from pytest_django.fixtures import Settings

from academy.accounts.models import User
from academy.core import events
from academy.simulator.models import Attempt as SimulatorAttempt
from academy.xapi import client as lrs_client
from academy.xapi import config, vocab
from academy.xapi.models import Actor, Statement, StatementState
from tests.web.conftest import client_for, run_tasks
from tests.web.learning import helpers as h
from tests.web.xapi import lrs, steps

DOC = Path(__file__).resolve().parents[3] / "docs" / "xapi.md"


def _agent(learner: User) -> str:
    name = str(Actor.objects.get(learner=learner).name)
    return json.dumps({"objectType": "Agent", "account": {"homePage": steps.HOME, "name": name}})


def _verb(statement: dict) -> str:
    return str(statement["verb"]["id"]).rsplit("/", 1)[1]


def _event(learner: User, key: str = "lesson-read:1") -> dict:
    return {
        "learner_id": learner.pk,
        "verb": "experienced",
        "object": events.Thing("lesson", "ageing-face", "The ageing face", None),
        "at": timezone.now(),
        "key": key,
    }


@pytest.mark.django_db(transaction=True)
def test_a_lesson_read_an_exam_passed_and_a_simulator_attempt_reach_the_lrs(
    ralph: lrs.Ralph, settings: Settings, lena: User, theo: User, ada: User
) -> None:
    steps.switch_on(settings, ralph.url)
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    lesson_id = steps.read_lesson(client, w)
    exam = steps.pass_exam(client, w)
    steps.attempt_simulator(client)
    sim = SimulatorAttempt.objects.get(learner=lena)

    run_tasks()

    assert set(Statement.objects.values_list("state", flat=True)) == {StatementState.SENT}
    # queried by agent: Ralph 5.1.0's file-system backend matches no `verb` or `activity` filter
    # (it compares the stored string with the parsed IRI), so verbs are counted here
    got = ralph.statements(agent=_agent(lena))
    verbs = Counter(_verb(s) for s in got)
    assert verbs["experienced"] == 1
    assert verbs["answered"] == exam.size
    assert verbs["attempted"] == 1
    assert verbs["passed"] == 1 + int(sim.passed)  # the exam, and the attempt if it passed
    by_verb = {_verb(s): s for s in got}
    read = by_verb["experienced"]
    assert read["object"]["id"] == f"{steps.HOME}/xapi/activities/lesson/{lesson_id}"
    assert read["object"]["definition"]["type"] == vocab.KINDS["lesson"].iri
    assert read["context"]["contextActivities"]["parent"][0]["id"].endswith(f"/run/{w.run.pk}")
    passed_exam = next(s for s in got if _verb(s) == "passed" and "/exam/" in s["object"]["id"])
    assert passed_exam["result"]["success"] is True
    assert passed_exam["result"]["score"] == {
        "scaled": 1.0,
        "raw": exam.size,
        "min": 0,
        "max": exam.size,
    }
    attempted = by_verb["attempted"]["result"]
    extensions = attempted["extensions"]
    assert extensions[f"{steps.HOME}/xapi/extensions/safety"] == sim.safety
    assert extensions[f"{steps.HOME}/xapi/extensions/efficacy"] == sim.efficacy
    assert attempted["success"] is sim.passed
    assert attempted["duration"].startswith("PT")
    # the learner is an opaque account: no e-mail, no name, no mailbox anywhere
    text = json.dumps(got)
    assert lena.email not in text
    assert lena.full_name not in text
    assert "mbox" not in text
    assert {s["actor"]["account"]["homePage"] for s in got} == {steps.HOME}


@pytest.mark.django_db(transaction=True)
def test_nothing_is_recorded_or_sent_when_no_lrs_is_configured(
    lena: User, theo: User, ada: User
) -> None:
    assert config.lrs() is None  # off by default
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    steps.read_lesson(client, w)
    steps.pass_exam(client, w)
    steps.attempt_simulator(client)
    run_tasks()
    assert not Statement.objects.exists()
    assert not Actor.objects.exists()
    assert not DBTaskResult.objects.filter(task_path__contains="xapi").exists()


@pytest.mark.django_db(transaction=True)
def test_an_lrs_that_is_down_gets_the_statement_later_and_nothing_is_lost(
    settings: Settings, lena: User, theo: User, ada: User, tmp_path: Path
) -> None:
    if reason := lrs.unavailable_reason():
        pytest.skip(reason)
    port = lrs.free_port()  # nothing listens there yet
    steps.switch_on(settings, f"http://127.0.0.1:{port}/xAPI/", XAPI_RETRY_SECONDS=30)
    w = h.world(lena, theo, ada)
    steps.read_lesson(client_for(lena), w)
    run_tasks()

    statement = Statement.objects.get()
    assert statement.state == StatementState.QUEUED
    assert statement.attempts == 1
    assert "unreachable" in statement.last_error
    assert statement.next_attempt_at is not None
    assert statement.next_attempt_at > timezone.now() + dt.timedelta(seconds=20)
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY, task_path__contains="xapi")
    assert retry.run_after == statement.next_attempt_at

    with lrs.running_ralph(tmp_path, port=port) as ralph:
        run_tasks()  # too early: the retry waits for its time
        statement.refresh_from_db()
        assert statement.attempts == 1
        with time_machine.travel(statement.next_attempt_at + dt.timedelta(seconds=1), tick=True):
            run_tasks()
        statement.refresh_from_db()
        assert statement.state == StatementState.SENT
        assert statement.attempts == 2
        assert [s["id"] for s in ralph.statements(agent=_agent(lena))] == [str(statement.pk)]


@pytest.mark.django_db(transaction=True)
def test_xapi_resend_sends_what_waits_at_once_and_xapi_status_counts_it(
    settings: Settings, lena: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if reason := lrs.unavailable_reason():
        pytest.skip(reason)
    port = lrs.free_port()
    steps.switch_on(settings, f"http://127.0.0.1:{port}/xAPI/", XAPI_RETRY_SECONDS=3600)
    events.emit(**_event(lena))
    run_tasks()
    call_command("xapi_status")
    out = capsys.readouterr().out
    assert "queued: 1" in out
    assert "LRS unreachable" in out
    assert "lrs-test-password-not-a-secret" not in out
    with lrs.running_ralph(tmp_path, port=port) as ralph:
        call_command("xapi_resend")
        run_tasks()
        assert len(ralph.statements(agent=_agent(lena))) == 1
    assert Statement.objects.get().state == StatementState.SENT
    call_command("xapi_status")
    assert "sent: 1" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_a_backend_that_cannot_wait_keeps_the_statement_queued_without_an_error(
    settings: Settings, lena: User
) -> None:
    steps.switch_on(settings, f"http://127.0.0.1:{lrs.free_port()}/xAPI/")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    events.emit(**_event(lena))  # sent at once, in this process: the LRS is down
    statement = Statement.objects.get()
    assert (statement.state, statement.attempts) == (StatementState.QUEUED, 1)


@pytest.mark.django_db(transaction=True)
def test_it_gives_up_after_the_last_attempt_and_logs_no_secret(
    settings: Settings, lena: User, caplog: pytest.LogCaptureFixture
) -> None:
    port = lrs.free_port()
    steps.switch_on(
        settings, f"http://127.0.0.1:{port}/xAPI/", XAPI_MAX_ATTEMPTS=2, XAPI_RETRY_SECONDS=1
    )
    events.emit(**_event(lena))
    with caplog.at_level(logging.WARNING, logger="academy.xapi"):
        run_tasks()
        with time_machine.travel(timezone.now() + dt.timedelta(seconds=5), tick=True):
            run_tasks()
    statement = Statement.objects.get()
    assert statement.state == StatementState.FAILED
    assert statement.attempts == 2
    assert "given up after 2 attempt(s)" in caplog.text
    assert "lrs-test-password-not-a-secret" not in caplog.text + statement.last_error
    assert lena.email not in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_statement_the_lrs_rejects_is_given_up_at_once(
    ralph: lrs.Ralph, settings: Settings, lena: User
) -> None:
    steps.switch_on(settings, ralph.url)
    events.emit(**_event(lena))
    Statement.objects.update(payload={"id": str(Statement.objects.get().pk), "verb": "nonsense"})
    run_tasks()
    statement = Statement.objects.get()
    assert statement.state == StatementState.FAILED
    assert statement.attempts == 1
    assert statement.last_error.startswith("HTTP 4")


@pytest.mark.django_db(transaction=True)
def test_the_same_event_twice_is_one_statement_here_and_in_the_lrs(
    ralph: lrs.Ralph, settings: Settings, lena: User
) -> None:
    steps.switch_on(settings, ralph.url)
    event = _event(lena, key="lesson-read:twice")
    events.emit(**event)
    events.emit(**event)
    run_tasks()
    statement = Statement.objects.get()
    lrs_config = config.lrs()
    assert lrs_config is not None
    assert lrs_client.put_statement(lrs_config, statement.payload).ok  # a retry after success
    assert [s["id"] for s in ralph.statements(agent=_agent(lena))] == [str(statement.pk)]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_announces_nothing(settings: Settings, lena: User) -> None:
    steps.switch_on(settings, "http://127.0.0.1:9/xAPI/")

    def write_that_fails() -> None:
        with transaction.atomic():
            events.emit(**_event(lena))
            raise RuntimeError("the write failed")

    with pytest.raises(RuntimeError):
        write_that_fails()
    assert not Statement.objects.exists()


def test_the_vocabulary_doc_is_generated_from_the_vocabulary() -> None:
    """docs/xapi.md's tables are vocab.markdown(); regenerate them when the vocabulary changes."""
    marker = "<!-- generated from academy.xapi.vocab: do not edit below -->\n"
    assert DOC.read_text().split(marker, 1)[1] == vocab.markdown()
    assert set(vocab.VERBS) == set(events.VERBS)
    assert set(vocab.KINDS) == set(events.KINDS)


def test_an_lrs_without_the_sites_address_stops_start_up(settings: Settings) -> None:
    steps.switch_on(settings, "http://127.0.0.1:9/xAPI/", XAPI_HOMEPAGE="")
    settings.CREDENTIAL_BASE_URL = ""
    assert "xapi.E001" in [message.id for message in run_checks()]
