"""The signed-in learner's operations: eligibility, enrol, cancel, my enrolments."""

from __future__ import annotations

from typing import Any

import pytest

from academy.accounts.models import User
from academy.catalog.models import CourseRun, Enrolment
from tests.web.api.conftest import ApiClient, assert_error, session_client, token_client
from tests.web.catalog import factories as f

pytestmark = pytest.mark.django_db


def open_run(**kw: Any) -> CourseRun:
    """A run Lena (a physician whose registration is not yet verified) may join."""
    return f.run(f.course(f.provider(allows_unverified=True)), **kw)


def test_eligibility_gives_the_deciding_rules_with_sources(lena: User, nora: User) -> None:
    run = open_run()
    mine = session_client(lena).get(f"/catalog/runs/{run.pk}/eligibility").json()
    assert mine["has_profile"] is True
    assert mine["decision"]["allowed"] is True
    nurse = session_client(nora).get(f"/catalog/runs/{run.pk}/eligibility").json()
    assert nurse["decision"]["allowed"] is False
    blocking = [r for r in nurse["decision"]["reasons"] if r["severity"] == "blocks"]
    assert blocking
    assert nurse["decision"]["regulation"]["sources"]


def test_a_learner_enrols_then_sees_and_cancels_the_enrolment(lena: User) -> None:
    run = open_run()
    client = token_client(lena, "write")
    response = client.post(f"/catalog/runs/{run.pk}/enrol")
    assert response.status_code == 201
    enrolment = response.json()
    assert enrolment["status"] == "enrolled"
    assert [e["id"] for e in client.get("/me/enrolments").json()] == [enrolment["id"]]
    cancelled = client.post(f"/me/enrolments/{enrolment['id']}/cancel")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    run.refresh_from_db()
    assert run.seats_taken == 0


def test_a_full_run_puts_the_learner_on_the_waitlist(lena: User, nora: User) -> None:
    run = f.run(f.course(f.provider(allows_unverified=True)), seats=1)
    Enrolment.objects.create(run=run, learner=nora, status="enrolled")
    run.seats_taken = 1
    run.save()
    response = session_client(lena).post(f"/catalog/runs/{run.pk}/enrol")
    assert response.json()["status"] == "waitlisted"


def test_enrolling_twice_or_when_not_eligible_is_a_409_with_the_reason(
    lena: User, nora: User
) -> None:
    run = open_run()
    client = session_client(lena)
    client.post(f"/catalog/runs/{run.pk}/enrol")
    assert_error(client.post(f"/catalog/runs/{run.pk}/enrol"), 409, "already_enrolled")
    assert_error(session_client(nora).post(f"/catalog/runs/{run.pk}/enrol"), 409, "not_eligible")


def test_nobody_cancels_another_learners_enrolment(lena: User, nora: User) -> None:
    run = open_run()
    enrolment = session_client(lena).post(f"/catalog/runs/{run.pk}/enrol").json()
    assert_error(session_client(nora).post(f"/me/enrolments/{enrolment['id']}/cancel"), 404)
    assert_error(ApiClient().post(f"/me/enrolments/{enrolment['id']}/cancel"), 401)
    assert Enrolment.objects.get(pk=enrolment["id"]).status == "enrolled"


def test_my_enrolments_are_only_mine(lena: User, nora: User) -> None:
    Enrolment.objects.create(run=f.run(), learner=nora, status="enrolled")
    assert session_client(lena).get("/me/enrolments").json() == []


def test_my_enrolments_run_a_bounded_number_of_queries(
    lena: User, django_assert_max_num_queries: Any
) -> None:
    for _ in range(8):
        Enrolment.objects.create(run=f.run(), learner=lena, status="enrolled")
    client = session_client(lena)
    with django_assert_max_num_queries(6):
        assert len(client.get("/me/enrolments").json()) == 8


def test_an_unconfirmed_address_cannot_enrol_or_use_the_toolkit_through_the_api(
    lena: User,
) -> None:
    """The API keeps the pages' gate: enrolling and the toolkit need a confirmed address."""
    lena.email_confirmed_at = None
    lena.save(update_fields=["email_confirmed_at"])
    client = token_client(lena, "write")
    run = open_run()
    assert_error(client.post(f"/catalog/runs/{run.pk}/enrol"), 403, "email_unconfirmed")
    assert not Enrolment.objects.filter(run=run).exists()
    triage = client.post("/engines/triage", {"days": 3, "symptoms": ["fever"]})
    assert_error(triage, 403, "email_unconfirmed")
