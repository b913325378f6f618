"""Logging a case: the clinical record, validated field by field, the plan scored and kept."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from academy.accounts.models import User
from academy.logbook.models import Case
from tests.web.catalog import factories
from tests.web.conftest import client_for
from tests.web.logbook.helpers import case_post, hands_on_run, log_case

pytestmark = pytest.mark.django_db


def test_a_learner_logs_a_case_with_products_plan_score_and_follow_ups(
    lena: User, theo: User
) -> None:
    run = hands_on_run(theo, lena)
    response = log_case(client_for(lena), run)
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/logbook/cases/{case.pk}/"
    assert case.learner == lena
    assert case.indication == "jowl"
    assert case.plan_score["passed"] is True
    assert "findings" in case.plan_score
    assert [(p.product, p.batch) for p in case.products.all()] == [("mint", "LOT-12345")]
    assert case.follow_ups
    assert all(f["earliest"] >= case.date.isoformat() for f in case.follow_ups)
    page = client_for(lena).get(f"/logbook/cases/{case.pk}/").content.decode()
    assert "LOT-12345" in page
    assert "Plan passed" in page
    assert "data:image/svg+xml;base64," in page


def test_an_expired_product_is_a_field_error_and_what_was_typed_is_kept(
    lena: User, theo: User
) -> None:
    run = hands_on_run(theo, lena)
    day = dt.date.today() - dt.timedelta(days=1)
    response = log_case(
        client_for(lena), run, **{"products-0-expiry": (day - dt.timedelta(days=1)).isoformat()}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "had expired on the date of the case" in page
    assert "LOT-12345" in page
    assert not Case.objects.exists()


def test_at_least_one_product_with_its_batch_is_required(lena: User, theo: User) -> None:
    run = hands_on_run(theo, lena)
    response = log_case(client_for(lena), run, **{"products-TOTAL_FORMS": "0"})
    assert response.status_code == 400
    assert "at least one product" in response.content.decode()


@pytest.mark.parametrize(
    ("plan_text", "message"),
    [
        ("{not json", "not valid JSON"),
        (
            '{"view": "frontal", "indication": "jowl", "threads": [], "x": 1e999}',
            "x: unknown field",
        ),
        (
            '{"view": "lateral-left", "indication": "jowl", "threads": [{"product": "nope", '
            '"entry": [1e999, 0], "path": [[0, 0]], "plane": "subcutaneous"}]}',
            "threads[0]",
        ),
        ("[]", "must be an object"),
        (
            '{"view": "lateral-left", "indication": "jowl", "threads": [{"product": "mint", '
            '"entry": [-18, 11], "path": [[-49, 42]], "planes": ["smas", "smas"]}]}',
            "threads[0].planes",
        ),
        (
            '{"view": "lateral-left", "indication": "jowl", "threads": [{"product": "mint", '
            '"entry": [-18, 11], "path": [[-49, 42]], "plane": "smas", '
            '"instrument": {"kind": "trocar"}}]}',
            "threads[0].instrument.kind",
        ),
        (
            '{"view": "lateral-left", "indication": "jowl", "threads": [{"product": "mint", '
            '"entry": [-18, 11], "path": [[-49, 42]], "plane": "smas", "entry_skin": "scalp"}]}',
            "threads[0].entry_skin",
        ),
    ],
)
def test_a_malformed_plan_is_a_field_error_naming_the_field(
    lena: User, theo: User, plan_text: str, message: str
) -> None:
    run = hands_on_run(theo, lena)
    response = log_case(client_for(lena), run, plan_text=plan_text)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")


def test_a_reference_plan_fills_an_empty_plan(lena: User, theo: User) -> None:
    run = hands_on_run(theo, lena)
    log_case(client_for(lena), run, plan_text="", reference="jowl")
    assert Case.objects.get().plan["indication"] == "jowl"


def test_a_plan_of_another_indication_is_refused(lena: User, theo: User) -> None:
    run = hands_on_run(theo, lena)
    response = log_case(client_for(lena), run, indication="midface")
    assert response.status_code == 400
    assert "not the case&#x27;s indication" in response.content.decode()


def test_a_case_performed_needs_consent_confirmed(lena: User, theo: User) -> None:
    run = hands_on_run(theo, lena)
    data = case_post(run)
    del data["consent_confirmed"]
    response = client_for(lena).post("/logbook/cases/new/", data)
    assert response.status_code == 400
    assert "only with consent confirmed" in response.content.decode()


def test_a_plan_with_segment_planes_an_instrument_and_entry_skin_is_saved_with_them(
    lena: User, theo: User
) -> None:
    run = hands_on_run(theo, lena)
    thread = {
        "product": "mint",
        "entry": [-18.0, 11.0],
        "path": [[-30.0, 25.0], [-49.4, 42.4]],
        "planes": ["smas", "subcutaneous"],
        "instrument": {"kind": "cannula", "gauge": "23G"},
        "entry_skin": "non_hair_bearing",
    }
    plan = {"view": "lateral-left", "indication": "jowl", "threads": [thread]}
    log_case(client_for(lena), run, plan_text=json.dumps(plan))
    saved = Case.objects.get().plan["threads"][0]
    assert saved["planes"] == ["smas", "subcutaneous"]
    assert saved["plane"] == "subcutaneous"
    assert saved["instrument"] == {"kind": "cannula", "gauge": "23G"}
    assert saved["entry_skin"] == "non_hair_bearing"


def test_a_plan_with_critical_findings_is_saved_and_shown_as_such(lena: User, theo: User) -> None:
    run = hands_on_run(theo, lena)
    from academy.logbook.plans import reference_plan_json

    plan = json.loads(reference_plan_json()["jowl"])
    plan["threads"][0]["plane"] = "sub_smas"
    log_case(client_for(lena), run, plan_text=json.dumps(plan))
    case = Case.objects.get()
    assert case.plan_score["passed"] is False
    assert case.critical_findings
    page = client_for(lena).get(f"/logbook/cases/{case.pk}/").content.decode()
    assert "Plan failed" in page
    assert "critical finding" in page


def test_a_learner_cannot_log_a_case_on_a_run_they_are_not_enrolled_on(
    lena: User, theo: User
) -> None:
    other = factories.run()
    other.trainers.add(theo)
    response = log_case(client_for(lena), other)
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_a_case_dated_in_the_future_is_refused(lena: User, theo: User) -> None:
    run = hands_on_run(theo, lena)
    later = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    response = log_case(client_for(lena), run, date=later)
    assert response.status_code == 400
    assert not Case.objects.exists()
