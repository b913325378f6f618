"""A learner requests a CBD or mini-CEX of a trainer of the run; that trainer completes and signs
it with a fresh second factor; nobody else can (another learner, a trainer not on the run), and
the learner never edits a completed assessment. Bad input keeps what was typed."""

from __future__ import annotations

import pytest
from django.test import Client

from academy.accounts.models import User
from academy.logbook.wba_models import WbaAssessment
from tests.web.conftest import client_for, persona_device, totp_code
from tests.web.logbook.helpers import hands_on_run
from tests.web.logbook.wba_helpers import (
    a_case,
    assessor_post,
    link_from_outbox,
    only,
    queued_emails,
    ratings_post,
    request_external,
    request_trainer,
)

pytestmark = pytest.mark.django_db


def completed_by_trainer(lena: User, theo: User) -> WbaAssessment:
    run = hands_on_run(theo, lena)
    case = a_case(lena, run)
    assert request_trainer(client_for(lena), case, theo).status_code == 302
    assessment = only()
    response = client_for(theo).post(
        f"/logbook/wba/{assessment.pk}/complete/",
        {**ratings_post("cbd", "4"), "sign-secret": totp_code(persona_device(theo))},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assessment.refresh_from_db()
    return assessment


def test_the_named_trainer_completes_and_signs_a_cbd(lena: User, theo: User) -> None:
    assessment = completed_by_trainer(lena, theo)
    assert (assessment.status, assessment.overall, assessment.identity) == (
        "completed",
        4,
        "platform",
    )
    assert assessment.signed_with
    page = client_for(lena).get(f"/logbook/wba/{assessment.pk}/").content.decode()
    assert "Case-based discussion" in page
    assert "(U)" in page  # the six-point wording is unconfirmed and says so


def test_a_wrong_second_factor_signs_nothing_and_keeps_the_ratings(lena: User, theo: User) -> None:
    run = hands_on_run(theo, lena)
    request_trainer(client_for(lena), a_case(lena, run), theo)
    assessment = only()
    response = client_for(theo).post(
        f"/logbook/wba/{assessment.pk}/complete/",
        {**ratings_post("cbd", "4", strengths="Kept text"), "sign-secret": "000000"},
    )
    assert response.status_code == 400
    assert "Kept text" in response.content.decode()
    assert only().status == "requested"


def test_the_learner_cannot_edit_a_signed_assessment(lena: User, theo: User) -> None:
    assessment = completed_by_trainer(lena, theo)
    learner = client_for(lena)
    url = f"/logbook/wba/{assessment.pk}/complete/"
    assert learner.post(url, ratings_post("cbd", "6")).status_code == 403
    assert client_for(theo).post(url, ratings_post("cbd", "6")).status_code == 404  # done
    assessment.refresh_from_db()
    assert assessment.overall == 4


def test_the_learner_cannot_edit_an_externally_completed_assessment(lena: User, theo: User) -> None:
    run = hands_on_run(theo, lena)
    request_external(client_for(lena), a_case(lena, run))
    link = link_from_outbox(queued_emails()[0]["body"])
    Client().post(link, {**assessor_post(), **ratings_post("mini_cex", "6")})
    assessment = only()
    learner = client_for(lena)
    assert learner.post(f"/logbook/wba/{assessment.pk}/complete/", {}).status_code == 403
    assert (
        learner.post(link, {**assessor_post(), **ratings_post("mini_cex", "9")}).status_code == 410
    )
    assert only().overall == 6


def test_a_trainer_not_on_the_run_and_another_learner_are_refused(
    lena: User, theo: User, nora: User, otto: User
) -> None:
    run = hands_on_run(theo, lena, nora)
    case = a_case(lena, run)
    request_trainer(client_for(lena), case, theo)
    assessment = only()
    assert client_for(otto).get(f"/logbook/wba/{assessment.pk}/complete/").status_code == 404
    assert client_for(otto).get(f"/logbook/wba/{assessment.pk}/").status_code == 404
    assert client_for(nora).get(f"/logbook/wba/{assessment.pk}/").status_code == 404
    assert client_for(nora).get(f"/logbook/wba/{assessment.pk}/complete/").status_code == 403
    assert client_for(lena).get(f"/logbook/wba/{assessment.pk}/").status_code == 200
    assert client_for(theo).get(f"/logbook/wba/{assessment.pk}/").status_code == 200
    assert Client().get(f"/logbook/wba/{assessment.pk}/").status_code == 302
    # a learner cannot request on another's case, nor of a trainer not on the run
    assert request_trainer(client_for(nora), case, theo).status_code == 400
    assert request_trainer(client_for(lena), case, otto).status_code == 400
    assert WbaAssessment.objects.count() == 1


def test_a_trainer_named_on_the_request_of_another_run_cannot_complete(
    lena: User, theo: User, tara: User
) -> None:
    run = hands_on_run(theo, lena)
    run.trainers.add(tara)
    request_trainer(client_for(lena), a_case(lena, run), theo)
    assessment = only()
    # tara teaches the run but is not the assessor named
    assert client_for(tara).get(f"/logbook/wba/{assessment.pk}/complete/").status_code == 404


def test_bad_request_input_gets_field_messages_and_keeps_it(lena: User, theo: User) -> None:
    run = hands_on_run(theo, lena)
    response = client_for(lena).post(
        "/logbook/wba/request/",
        {
            "kind": "cbd",
            "case": "",
            "who": "external",
            "assessor_name": "Dr Kept",
            "assessor_email": "nope",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "concerns one of your logbook cases" in text
    assert "Enter a valid email address" in text
    assert "Dr Kept" in text
    assert WbaAssessment.objects.count() == 0
    assert run.pk  # the run exists; nothing was requested


def test_colleague_feedback_is_asked_by_email_only(lena: User, theo: User) -> None:
    run = hands_on_run(theo, lena)
    response = client_for(lena).post(
        "/logbook/wba/request/",
        {"kind": "msf", "run": run.pk, "who": "trainer", "trainer": theo.pk},
    )
    assert response.status_code == 400
    assert "asked for by e-mail" in response.content.decode()


def test_the_pages_are_linked_from_the_logbook_and_the_case(lena: User, theo: User) -> None:
    run = hands_on_run(theo, lena)
    case = a_case(lena, run)
    learner = client_for(lena)
    assert "/logbook/wba/" in learner.get("/logbook/").content.decode()
    assert (
        f"/logbook/wba/request/?case={case.pk}"
        in learner.get(f"/logbook/cases/{case.pk}/").content.decode()
    )
    assert learner.get(f"/logbook/wba/request/?case={case.pk}&kind=cbd").status_code == 200
    assert learner.get("/logbook/wba/").status_code == 200
    assert client_for(theo).get("/logbook/wba/").status_code == 403
    assert client_for(theo).get("/logbook/wba/request/").status_code == 403
