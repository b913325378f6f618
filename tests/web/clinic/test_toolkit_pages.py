"""The clinical toolkit pages: signed-in clinicians only, forms that keep what was typed, and
reports that cite their sources. Nothing is stored."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from academy.accounts.models import User
from tests.web.builders import SUITABLE
from tests.web.conftest import client_for

PAGES = [
    "clinic:index", "clinic:consultation", "clinic:aftercare", "clinic:triage", "clinic:consent",
]  # fmt: skip


def post(client: Client, **changes: Any) -> Any:
    return client.post("/toolkit/consultation/", {**SUITABLE, **changes})


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client: Client, name: str) -> None:
    from django.urls import reverse

    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_anonymous_cannot_post_a_consultation(client: Client) -> None:
    response = post(client)
    assert response.status_code == 302


@pytest.mark.parametrize("name", PAGES)
def test_any_signed_in_clinician_can_open_the_pages(lena: User, theo: User, name: str) -> None:
    from django.urls import reverse

    for user in (lena, theo):
        response = client_for(user).get(reverse(name))
        assert response.status_code == 200
        html = response.content.decode()
        assert "style=" not in html  # CSP: no inline style attributes
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # CSP: no inline scripts


def test_the_toolkit_is_in_the_navigation_for_signed_in_users_only(
    client: Client, lena: User
) -> None:
    assert "Clinical toolkit" in client_for(lena).get("/").content.decode()
    assert 'href="/toolkit/"' not in client.get("/").content.decode()


def test_a_suitable_patient_gets_a_cited_report(lena: User) -> None:
    response = post(client_for(lena))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-verdict="suitable"' in html
    assert "Thread options" in html
    assert "21G" in html  # jowl: Bertossi 2-4 x 21G PDO per side
    assert "6 to 12 months" in html  # honest PDO longevity
    assert 'class="cite"' in html
    assert "Unconfirmed" in html  # the BMI gap is shown as unconfirmed


def test_an_absolute_contraindication_is_not_suitable(lena: User) -> None:
    html = post(client_for(lena), conditions=["pregnancy"], no_conditions="").content.decode()
    assert 'data-verdict="not_suitable"' in html
    assert "Pregnancy" in html


def test_a_positive_screen_shows_referral_advice(lena: User) -> None:
    answers = {"bddq_q1": "yes", "bddq_q2": "yes", "bddq_q3": "4"}
    html = post(client_for(lena), **answers).content.decode()
    assert 'data-verdict="not_suitable"' in html
    assert "Referral:" in html
    assert "mental-health" in html


def test_severe_laxity_names_surgery(lena: User) -> None:
    html = post(client_for(lena), laxity_jowl="4").content.decode()
    assert 'data-verdict="not_suitable"' in html
    assert "Surgical lift" in html


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"age": "12"}, "age", "greater than or equal to 18"),
        ({"bmi": ""}, "bmi", "This field is required"),
        ({"age": "forty"}, "age", "Enter a whole number"),
        ({"laxity_jowl": "", "concern_jowl": ""}, "laxity_jowl", "at least one area"),
        ({"laxity_jowl": ""}, "laxity_jowl", "Grade the laxity, or leave the concern blank"),
        ({"dcq_1": "2", "dcq_2": "1"}, "dcq_1", "all seven DCQ items"),
        ({"bddq_q1": "", "bddq_q3": "3"}, "bddq_q1", "items 1 and 2"),
        (
            {"had_treatment": "yes", "history_area": "jowl"},
            "history_treatment",  # each missing part is named on its own field
            "Give the area, the treatment and when",
        ),
        ({"laxity_jowl": "9"}, "laxity_jowl", "Select a valid choice"),
        ({"conditions": ["vampirism"], "no_conditions": ""}, "conditions", "Select a valid"),
    ],
)
def test_bad_input_re_renders_the_form_with_field_messages_and_keeps_what_was_typed(
    lena: User, changes: dict[str, Any], field: str, message: str
) -> None:
    response = post(client_for(lena), **changes)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert "Consultation" in html
    assert 'value="22.5"' in html or changes.get("bmi") == ""


def test_the_aftercare_page_dates_the_schedule_and_offers_downloads(lena: User) -> None:
    # Inputs are POSTed since issue 10 (clinical details never sit in a URL).
    client = client_for(lena)
    data = {"procedure_date": "2026-12-01", "indication": "jowl"}
    html = client.post("/toolkit/aftercare/", data).content.decode()
    assert "Tue 8 Dec to Fri 11 Dec 2026" in html  # 7-10 day visit
    assert "Friday 1 January 2027" in html  # 1-month visit
    until = 'Tue 1 Dec 2026<p class="small muted">14 days before the procedure'
    assert until in html  # a single end date is shown, not left blank
    assert 'name="format" value="pdf"' in html
    assert 'name="format" value="ics"' in html
    pdf = client.post("/toolkit/aftercare/", {**data, "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert "attachment" in pdf["Content-Disposition"]
    ics = client.post("/toolkit/aftercare/", {**data, "format": "ics"})
    assert ics["Content-Type"].startswith("text/calendar")
    assert ics.content.startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    "data",
    [
        {"procedure_date": "2026-02-30", "indication": "jowl"},
        {"procedure_date": "yesterday", "indication": "jowl"},
        {"procedure_date": "2026-12-01", "indication": "knee"},
        {"procedure_date": "0001-01-01", "indication": "jowl"},
        {"procedure_date": "", "indication": ""},
        {"procedure_date": "2026-12-01", "indication": "jowl", "designs": ["zigzag"]},
    ],
)
def test_bad_aftercare_input_shows_messages_not_errors(lena: User, data: dict[str, Any]) -> None:
    response = client_for(lena).post("/toolkit/aftercare/", {**data, "format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response.context["form"].errors


def test_triage_shows_urgency_red_flags_and_management(lena: User) -> None:
    data = {"days": "3", "symptoms": ["fever", "pus_or_fluctuance"]}
    html = client_for(lena).post("/toolkit/triage/", data).content.decode()
    assert 'data-urgency="urgent"' in html
    assert "Red flags" in html
    assert "Infection or abscess" in html
    assert "Incision and drainage" in html


def test_visual_change_is_an_emergency_marked_unconfirmed(lena: User) -> None:
    data = {"days": "0", "symptoms": ["visual_change"]}
    html = client_for(lena).post("/toolkit/triage/", data).content.decode()
    assert 'data-urgency="emergency"' in html
    assert "Unconfirmed" in html


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"days": "3"}, "symptoms"),
        ({"days": "-1", "symptoms": "pain"}, "days"),
        ({"days": "x", "symptoms": "pain"}, "days"),
        ({"days": "3", "symptoms": "hiccups"}, "symptoms"),
        ({"days": "99999", "symptoms": "pain"}, "days"),
    ],
)
def test_bad_triage_input_shows_field_messages(
    lena: User, data: dict[str, Any], field: str
) -> None:
    response = client_for(lena).post("/toolkit/triage/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert response.context["result"] is None
