"""Results feed the rules and the portfolio: the `wba_completed` requirement kind counts
completed assessments (by form, lowest result, verified only), the competency view shows the
counts, `feedback_received` lists them as practice-related feedback; the lists make bounded
queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from academy.accounts.models import User
from academy.catalog.models import CourseRun, Enrolment
from academy.credentials.models import CompletionRule
from academy.credentials.requirements import params_problems
from academy.credentials.services import checklist
from academy.logbook.selectors import feedback_received
from academy.logbook.wba_models import WbaAssessment
from academy.logbook.wba_services import External, wba_confirm, wba_external_complete, wba_request
from tests.web.conftest import client_for
from tests.web.logbook.helpers import hands_on_run
from tests.web.logbook.wba_helpers import a_case

pytestmark = pytest.mark.django_db


def external_done(
    learner: User, run: CourseRun, kind: str = "mini_cex", value: str = "6"
) -> WbaAssessment:
    """A request by link, completed by the external assessor (no page involved)."""
    now = timezone.now()
    case = a_case(learner, run) if kind in ("cbd", "mini_cex") else None
    _assessment, token = wba_request(
        learner=learner,
        requested_by=learner,
        kind=kind,
        run=run,
        case=case,
        now=now,
        external=External(name="Dr Sam Supervisor", email="sam@clinic.example"),
    )
    assert token is not None
    from threadlift.wba import load_forms

    ratings = {d.id: value for d in load_forms().form(kind).domains}
    data = {
        "assessor_name": "Dr Sam Supervisor",
        "registration_body": "GMC",
        "registration_number": "7000001",
        "relationship": "Supervisor",
        "strengths": "Good.",
    }
    return wba_external_complete(token=token, ratings=ratings, data=data, now=now)


def rule(run: CourseRun, **params: Any) -> CompletionRule:
    return CompletionRule.objects.create(
        course=run.course, kind="wba_completed", label="Mini-CEX", params=params
    )


def item(learner: User, run: CourseRun) -> Any:
    enrolment = Enrolment.objects.get(learner=learner, run=run)
    (found,) = [i for i in checklist(enrolment) if i.rule.kind == "wba_completed"]
    return found


def test_the_requirement_counts_completed_assessments_at_the_lowest_result(
    lena: User, theo: User
) -> None:
    run = hands_on_run(theo, lena)
    rule(run, wba_form="mini_cex", count=2, wba_min_overall=5, wba_confirmed_only=False)
    external_done(lena, run, value="6")
    assert not item(lena, run).met
    external_done(lena, run, value="3")  # below the lowest result: does not count
    assert "1 Mini clinical" in item(lena, run).detail
    external_done(lena, run, value="7")
    found = item(lena, run)
    assert found.met
    assert found.evidence.value == "2"


def test_confirmed_only_counts_an_external_assessor_once_the_academy_confirmed(
    lena: User, theo: User, ada: User
) -> None:
    run = hands_on_run(theo, lena, admins=[ada])
    rule(run, wba_form="mini_cex", count=1, wba_min_overall=0, wba_confirmed_only=True)
    done = external_done(lena, run)
    assert not item(lena, run).met
    wba_confirm(assessment=done, admin=ada, now=timezone.now())
    assert item(lena, run).met


def test_the_rule_parameters_are_checked_against_the_forms_scale(lena: User, theo: User) -> None:
    course = hands_on_run(theo, lena).course
    good = {"wba_form": "patient", "count": 3, "wba_min_overall": 35, "wba_confirmed_only": False}
    assert params_problems(course, "wba_completed", good) == {}
    assert "wba_min_overall" in params_problems(
        course, "wba_completed", {**good, "wba_form": "mini_cex"}
    )
    assert "wba_form" in params_problems(course, "wba_completed", {**good, "wba_form": "x"})


def test_the_competency_view_shows_the_counts(lena: User, theo: User, ada: User) -> None:
    run = hands_on_run(theo, lena, admins=[ada])
    done = external_done(lena, run)
    external_done(lena, run, kind="msf", value="5")
    wba_confirm(assessment=done, admin=ada, now=timezone.now())
    page = client_for(lena).get("/logbook/").content.decode()
    assert "Workplace-based assessments completed" in page
    assert "Multi-source feedback (colleague) 1 (0 verified)" in page


def test_feedback_received_lists_completed_feedback_in_the_period(
    lena: User, nora: User, theo: User, ada: User
) -> None:
    run = hands_on_run(theo, lena, nora, admins=[ada])
    first = external_done(lena, run, kind="msf", value="5")
    wba_confirm(assessment=first, admin=ada, now=timezone.now())
    external_done(lena, run, kind="patient", value="4")
    external_done(nora, run, kind="msf")  # another learner's
    wba_request(
        learner=lena,
        requested_by=lena,
        kind="msf",
        run=run,
        case=None,
        now=timezone.now(),
        external=External(name="Pending", email="p@example.org"),
    )  # not completed: not feedback
    today = timezone.localdate()
    items = feedback_received(learner=lena, start=today - dt.timedelta(days=1), end=today)
    assert [(i.kind, i.verified) for i in items] == [("msf", True), ("patient", False)]
    assert items[0].assessor == "Dr Sam Supervisor"
    assert items[0].url == f"/logbook/wba/{first.pk}/"
    assert items[0].date == today
    before = feedback_received(
        learner=lena, start=today - dt.timedelta(days=30), end=today - dt.timedelta(days=2)
    )
    assert before == []


def _count(client: Client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as counted:
        assert client.get(url).status_code == 200
    return len(counted.captured_queries)


def test_the_lists_make_no_more_queries_with_more_assessments(
    lena: User, theo: User, ada: User
) -> None:
    run = hands_on_run(theo, lena, admins=[ada])
    external_done(lena, run)
    learner, admin = client_for(lena), client_for(ada)
    pages = {"/logbook/wba/": learner, "/logbook/wba/confirm/": admin, "/logbook/": learner}
    for url, client in pages.items():
        client.get(url)
    small = {url: _count(client, url) for url, client in pages.items()}
    for kind in ("msf", "patient", "cbd", "mini_cex"):
        external_done(lena, run, kind=kind)
    for url, client in pages.items():
        assert _count(client, url) <= small[url], url
    today = timezone.localdate()
    with CaptureQueriesContext(connection) as counted:
        assert len(feedback_received(learner=lena, start=today, end=today)) == 5
    assert len(counted.captured_queries) == 1
