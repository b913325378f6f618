"""The learner's own records through the API (issue 20): learning (my runs, progress, attempts),
logbook (my cases and their sign-off), practice (sessions, my bookings). Same selectors and
access helpers as the pages: another learner, a trainer or an admin is refused, and every list
runs a bounded number of queries whatever its length."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from academy.catalog.models import CourseRun, Enrolment
from academy.learning.models import Attempt
from academy.logbook.models import Case, Dops
from academy.practice.models import PracticalSession, SessionBooking
from tests.web.api.conftest import ApiClient, assert_error, token_client
from tests.web.catalog import factories as f
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def enrolled_run(learner: User, trainer: User | None = None, **kw: Any) -> CourseRun:
    run = f.run(f.course(f.provider(allows_unverified=True)), **kw)
    if trainer is not None:
        run.trainers.add(trainer)
    Enrolment.objects.create(run=run, learner=learner, status="enrolled")
    return run


def attempt(run: CourseRun, learner: User, *, total: float, passed: bool) -> Attempt:
    return Attempt.objects.create(
        learner=learner,
        run=run,
        module_id="anatomy_ageing",
        mode="exam",
        seed=1,
        items=[{"id": f"q{i}", "options": []} for i in range(4)],
        pass_mark=70,
        finished_at=timezone.now(),
        total=total,
        passed=passed,
    )


def case(run: CourseRun, learner: User, *, signed_by: User | None = None) -> Case:
    return Case.objects.create(
        learner=learner,
        run=run,
        date=timezone.localdate() - dt.timedelta(days=1),
        setting="model",
        supervision="supervised",
        indication="jowl",
        anaesthesia="local_infiltration",
        plan={},
        plan_score={"findings": []},
        signed_at=timezone.now() if signed_by else None,
        signed_by=signed_by,
    )


def session(run: CourseRun, *, days: int = 5) -> PracticalSession:
    return PracticalSession.objects.create(
        run=run,
        date=timezone.localdate() + dt.timedelta(days=days),
        starts_at=dt.time(9, 0),
        ends_at=dt.time(12, 0),
        venue="Skills room",
        places=4,
        model_slots_per_delegate=1,
    )


# Learning


def test_my_runs_are_the_runs_whose_learning_pages_i_may_open(lena: User, nora: User) -> None:
    mine = enrolled_run(lena)
    enrolled_run(nora)
    Enrolment.objects.create(run=f.run(), learner=lena, status="waitlisted")
    runs = token_client(lena, "read").get("/me/runs").json()
    assert [r["run"]["id"] for r in runs] == [mine.pk]
    page = client_for(lena).get(reverse("learning:index"))
    assert [e.run_id for e in page.context["enrolments"]] == [mine.pk]


def test_my_progress_and_attempts_in_a_run(lena: User) -> None:
    run = enrolled_run(lena)
    attempt(run, lena, total=3.0, passed=True)
    client = token_client(lena, "read")
    progress = client.get(f"/me/runs/{run.pk}/progress").json()
    anatomy = next(m for m in progress["modules"] if m["module_id"] == "anatomy_ageing")
    assert anatomy["attempts"] == 1
    assert anatomy["best_percent"] == 75
    assert anatomy["passed"] is True
    assert progress["modules_passed"] == 1
    attempts = client.get(f"/me/runs/{run.pk}/attempts").json()
    assert [(a["percent"], a["passed"]) for a in attempts] == [(75, True)]


def test_another_learners_run_progress_and_attempts_are_a_404(lena: User, nora: User) -> None:
    run = enrolled_run(lena)
    attempt(run, lena, total=3.0, passed=True)
    other = token_client(nora, "read")
    assert_error(other.get(f"/me/runs/{run.pk}/progress"), 404)
    assert_error(other.get(f"/me/runs/{run.pk}/attempts"), 404)
    assert client_for(nora).get(reverse("learning:run", args=[run.pk])).status_code == 404


def test_the_learners_records_are_refused_to_other_roles_and_to_anonymous(
    lena: User, theo: User, ada: User
) -> None:
    run = enrolled_run(lena, trainer=theo)
    paths = [
        "/me/runs",
        f"/me/runs/{run.pk}/progress",
        f"/me/runs/{run.pk}/attempts",
        "/me/cases",
        "/me/sessions",
        "/me/bookings",
    ]
    for path in paths:
        assert_error(ApiClient().get(path), 401)
        assert_error(token_client(theo, "read").get(path), 403)  # the run's own trainer
        assert_error(token_client(ada, "read").get(path), 403)


# Logbook


def test_my_cases_give_each_cases_sign_off_state(lena: User, theo: User) -> None:
    run = enrolled_run(lena, trainer=theo)
    signed = case(run, lena, signed_by=theo)
    waiting = case(run, lena)
    Dops.objects.create(case=waiting, trainer=theo, status="requested")
    cases = {c["id"]: c for c in token_client(lena, "read").get("/me/cases").json()}
    assert cases[signed.pk]["sign_off"] == {
        "signed": True,
        "signed_at": cases[signed.pk]["sign_off"]["signed_at"],
        "signed_by": theo.full_name,
    }
    assert cases[waiting.pk]["sign_off"]["signed"] is False
    assert [d["status"] for d in cases[waiting.pk]["dops"]] == ["requested"]


def test_a_case_of_another_learner_is_a_404_even_for_its_trainer(
    lena: User, nora: User, theo: User
) -> None:
    run = enrolled_run(lena, trainer=theo)
    mine = case(run, lena)
    assert token_client(lena, "read").get(f"/me/cases/{mine.pk}").json()["id"] == mine.pk
    assert_error(token_client(nora, "read").get(f"/me/cases/{mine.pk}"), 404)
    assert token_client(nora, "read").get("/me/cases").json() == []


# Practice


def test_my_sessions_and_bookings(lena: User, nora: User) -> None:
    run = enrolled_run(lena)
    booked = session(run)
    other = session(run, days=6)
    session(run, days=-2)  # past: not listed
    SessionBooking.objects.create(session=booked, learner=lena, status="booked")
    SessionBooking.objects.create(session=booked, learner=nora, status="booked")
    client = token_client(lena, "read")
    sessions = client.get("/me/sessions").json()
    assert [(s["id"], s["my_booking_status"]) for s in sessions] == [
        (booked.pk, "booked"),
        (other.pk, None),
    ]
    page = client_for(lena).get(reverse("practice:my_sessions"))
    assert [s.pk for s, _ in page.context["rows"]] == [s["id"] for s in sessions]
    bookings = client.get("/me/bookings").json()
    assert [b["session_id"] for b in bookings] == [booked.pk]
    assert token_client(nora, "read").get("/me/sessions").json() == []


# Bounded queries: the same number for a short and a long list.


@pytest.mark.parametrize("size", [1, 12])
def test_my_lists_run_a_bounded_number_of_queries(
    lena: User, theo: User, size: int, django_assert_max_num_queries: Any
) -> None:
    for _ in range(size):
        run = enrolled_run(lena, trainer=theo)
        attempt(run, lena, total=2.0, passed=False)
        Dops.objects.create(case=case(run, lena, signed_by=theo), trainer=theo, status="signed")
        SessionBooking.objects.create(session=session(run), learner=lena, status="booked")
    client = token_client(lena, "read")
    budgets = {
        "/me/runs": 4,
        f"/me/runs/{run.pk}/progress": 10,
        f"/me/runs/{run.pk}/attempts": 4,
        "/me/cases": 4,
        "/me/sessions": 5,
        "/me/bookings": 3,
    }
    for path, budget in budgets.items():
        with django_assert_max_num_queries(budget):
            response = client.get(path)
        assert response.status_code == 200, (path, response.content[:300])
    assert len(client.get("/me/cases").json()) == size
    assert len(client.get("/me/sessions").json()) == size
