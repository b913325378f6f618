"""Device-incident reports: prefilled from the complication, the product and its batch, for the
clinician to submit; visible only to those who see the case; bad choices are a clear 404."""

from __future__ import annotations

import pytest

from academy.accounts.models import User
from tests.web.conftest import client_for
from tests.web.logbook.helpers import hands_on_run
from tests.web.outcomes.builders import seen, treated_case

pytestmark = pytest.mark.django_db


def report_url(item, **query: object) -> str:
    params = "&".join(f"{k}={v}" for k, v in query.items())
    return f"/outcomes/follow-ups/{item.pk}/device-report/?{params}"


@pytest.mark.parametrize(
    ("form", "expected"),
    [("fda_3500", "E1 Brand name"), ("mhra_yellow_card", "Batch or lot number")],
)
def test_a_report_is_prefilled_with_product_batch_and_event(lena: User, theo: User, form, expected):
    run = hands_on_run(theo, lena)
    item = seen(treated_case(lena, run), complication="granuloma", day=14)
    row = item.complications.get()
    page = client_for(lena).get(report_url(item, complication=row.pk, form=form))
    assert page.status_code == 200
    text = page.content.decode()
    assert expected in text
    assert "LOT-1" in text
    assert "MINT" in text
    assert "never sends it on your behalf" in text
    assert "unconfirmed" in text


def test_the_download_is_plain_text_naming_the_sources(lena: User, theo: User):
    run = hands_on_run(theo, lena)
    item = seen(treated_case(lena, run), complication="granuloma", day=14)
    row = item.complications.get()
    response = client_for(lena).get(
        report_url(item, complication=row.pk, form="fda_3500", download=1)
    )
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sources: R96" in body
    assert "Granuloma" in body or "granuloma" in body
    assert "(complete on the form)" in body  # what only the clinician knows is left to them


@pytest.mark.parametrize(
    "query", [{"complication": 999999}, {"complication": "x"}, {"form": "nope"}]
)
def test_an_unknown_complication_or_form_is_a_404(lena: User, theo: User, query):
    run = hands_on_run(theo, lena)
    item = seen(treated_case(lena, run), complication="granuloma", day=14)
    row = item.complications.get()
    params = {"complication": row.pk, "form": "fda_3500"} | query
    assert client_for(lena).get(report_url(item, **params)).status_code == 404


def test_only_those_who_see_the_case_see_its_report(lena: User, nora: User, theo: User):
    run = hands_on_run(theo, lena)
    item = seen(treated_case(lena, run), complication="granuloma", day=14)
    url = report_url(item, complication=item.complications.get().pk, form="fda_3500")
    assert client_for(theo).get(url).status_code == 200
    assert client_for(nora).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
