"""Aftercare, triage and consent pages (issue 9 part C) and toolkit privacy (issue 10):
filtered aftercare with red flags, day-aware triage that never contradicts itself, the consent
document as a page and a PDF, inputs POSTed and responses never cached."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from academy.accounts.models import User
from tests.web.builders import SUITABLE
from tests.web.conftest import client_for

CONSENT = {
    "indication": "jowl",
    "products": ["contour_thread_pdo"],
    "clinician": "Dr Lena Example",
    "clinic_contact": "Demo Clinic, 020 7946 0000 (24 h)",
    "patient_name": "Jane Doe",
}
AFTERCARE = {"procedure_date": "2026-12-01", "indication": "jowl"}
TRIAGE = {"days": "3", "symptoms": ["fever"]}


def text(response: Any) -> str:
    return " ".join(response.content.decode().split())


# Privacy: POST, never cached -------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/toolkit/", None),
        ("/toolkit/consultation/", SUITABLE),
        ("/toolkit/aftercare/", AFTERCARE),
        ("/toolkit/aftercare/", {**AFTERCARE, "format": "pdf"}),
        ("/toolkit/aftercare/", {**AFTERCARE, "format": "ics"}),
        ("/toolkit/triage/", TRIAGE),
        ("/toolkit/consent/", CONSENT),
        ("/toolkit/consent/", {**CONSENT, "format": "pdf"}),
    ],
)
def test_every_toolkit_response_is_private_and_not_stored(
    lena: User, url: str, data: dict[str, Any] | None
) -> None:
    client = client_for(lena)
    responses = [client.get(url)] + ([client.post(url, data)] if data else [])
    for response in responses:
        assert response.status_code == 200
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/toolkit/aftercare/", "?procedure_date=2026-12-01&indication=jowl&format=pdf"),
        ("/toolkit/triage/", "?days=3&symptoms=fever"),
        ("/toolkit/consent/", "?indication=jowl&products=mint&clinician=A&clinic_contact=B"),
    ],
)
def test_inputs_in_a_query_string_are_ignored(lena: User, url: str, query: str) -> None:
    response = client_for(lena).get(url + query)
    assert response["Content-Type"].startswith("text/html")
    assert not response.context["form"].is_bound
    assert 'method="post"' in response.content.decode()


@pytest.mark.parametrize("url", ["/toolkit/consent/", "/toolkit/aftercare/", "/toolkit/triage/"])
def test_anonymous_visitors_cannot_get_or_post_the_care_pages(client: Client, url: str) -> None:
    for response in (client.get(url), client.post(url, {**CONSENT, **AFTERCARE, **TRIAGE})):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert b"%PDF" not in response.content


# Aftercare -------------------------------------------------------------------------------


def test_the_nose_schedule_has_no_dental_items_and_the_jowl_does(lena: User) -> None:
    client = client_for(lena)
    nose = text(client.post("/toolkit/aftercare/", {**AFTERCARE, "indication": "nose"}))
    jowl = text(client.post("/toolkit/aftercare/", AFTERCARE))
    assert "Avoid dental treatment." not in nose
    assert "Avoid dental treatment." in jowl
    assert "cone sutures usually settles" not in jowl


def test_cone_items_appear_when_cones_are_ticked(lena: User) -> None:
    data = {**AFTERCARE, "indication": "midface", "designs": ["cone"]}
    assert "cone sutures usually settles" in text(
        client_for(lena).post("/toolkit/aftercare/", data)
    )


def test_the_schedule_ends_with_red_flags_and_the_clinic_contact(lena: User) -> None:
    data = {**AFTERCARE, "clinic_contact": "Demo <Clinic> 020 7946 0000"}
    html = text(client_for(lena).post("/toolkit/aftercare/", data))
    assert "Contact us at once if" in html
    assert "Any change in your vision" in html
    assert "Contact: Demo &lt;Clinic&gt; 020 7946 0000" in html  # escaped
    assert html.rindex("Contact us at once if") > html.rindex("Follow-up visits")


def test_calendar_event_ids_differ_between_patients_and_repeat_for_one(lena: User) -> None:
    client = client_for(lena)

    def uids(ref: str) -> set[str]:
        data = {**AFTERCARE, "format": "ics", "patient_ref": ref}
        body = client.post("/toolkit/aftercare/", data).content.decode().replace("\r\n ", "")
        return set(re.findall(r"^UID:(.+)$", body, re.M))

    assert uids("A-1") == uids("A-1")
    assert not uids("A-1") & uids("B-2")
    page = client.post("/toolkit/aftercare/", AFTERCARE).content.decode()
    assert re.search(r'name="patient_ref" value="[0-9a-f]{12}"', page)  # kept for downloads


# Triage ----------------------------------------------------------------------------------


def test_triage_is_day_aware_on_the_page(lena: User) -> None:
    client = client_for(lena)
    early = client.post("/toolkit/triage/", {"days": "2", "symptoms": ["pain"]}).content.decode()
    late = client.post("/toolkit/triage/", {"days": "21", "symptoms": ["pain"]}).content.decode()
    assert 'data-urgency="routine"' in early
    assert 'data-urgency="review_days"' in late


def test_no_rule_label_on_the_page_contradicts_the_overall_urgency(lena: User) -> None:
    data = {"days": "3", "symptoms": ["swelling", "fever", "asymmetry"]}
    html = text(client_for(lena).post("/toolkit/triage/", data))
    assert 'data-urgency="urgent"' in html
    assert "Expected in the first days" not in html  # superseded by the fever rules
    assert "On its own: Routine" in html  # asymmetry, shown, says it is on its own
    assert re.search(r'data-rule-urgency="routine">Routine<', html) is None


def test_the_new_dangerous_symptoms_are_on_the_form(lena: User) -> None:
    html = client_for(lena).get("/toolkit/triage/").content.decode()
    for symptom in ("expanding_swelling", "anaphylaxis", "local_anaesthetic_toxicity", "trismus"):
        assert f'value="{symptom}"' in html
    data = {"days": "0", "symptoms": ["local_anaesthetic_toxicity"]}
    page = client_for(lena).post("/toolkit/triage/", data).content.decode()
    assert 'data-urgency="emergency"' in page


# Consent ---------------------------------------------------------------------------------


def test_the_consent_page_names_off_label_use_and_every_section(lena: User) -> None:
    response = client_for(lena).post("/toolkit/consent/", CONSENT)
    assert response.status_code == 200
    html = text(response)
    assert 'data-off-label="true"' in html
    assert "Off-label use for the jowl" in html
    assert "K053380" in html
    for section in (
        "What the procedure is", "How long the result lasts", "No treatment",
        "Possible complications", "Aftercare", "Photographs", "If something goes wrong",
        "Time to decide", "Signatures",
    ):  # fmt: skip
        assert section in html, section
    assert "No thread case found; known after fillers." in html
    assert "Granuloma" in html
    assert "Hyperpigmentation" in html
    assert "preprint" in html
    assert "Dr Lena Example" in html
    assert "Demo Clinic, 020 7946 0000 (24 h)" in html
    assert "48 hours" in html
    assert "style=" not in response.content.decode()


def test_the_consent_pdf_downloads(lena: User) -> None:
    response = client_for(lena).post("/toolkit/consent/", {**CONSENT, "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert 'filename="consent-jowl.pdf"' in response["Content-Disposition"]


def test_the_consent_form_is_prefilled_with_the_clinician_s_name(lena: User) -> None:
    html = client_for(lena).get("/toolkit/consent/").content.decode()
    assert f'value="{lena.full_name}"' in html


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"products": []}, "products"),
        ({"products": ["gold"]}, "products"),
        ({"indication": "knee"}, "indication"),
        ({"clinician": ""}, "clinician"),
        ({"clinic_contact": "   "}, "clinic_contact"),
        ({"patient_name": "x" * 400}, "patient_name"),
    ],
)
def test_bad_consent_input_re_renders_with_field_messages(
    lena: User, changes: dict[str, Any], field: str
) -> None:
    response = client_for(lena).post("/toolkit/consent/", {**CONSENT, **changes, "format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert field in response.context["form"].errors
    assert "doc" not in response.context


# The consultation report's consent risks ------------------------------------------------


def test_the_report_shows_each_complication_s_own_frequency_wording(lena: User) -> None:
    html = text(client_for(lena).post("/toolkit/consultation/", SUITABLE))
    assert "No thread case found; known after fillers." in html
    assert "Reported; frequency not known." not in html
    assert "Granuloma or induration" in html
    assert "Hyperpigmentation" in html
    assert '<span class="badge warn">preprint</span>' in html


def test_the_care_pages_run_a_bounded_number_of_queries(
    lena: User, django_assert_max_num_queries: Any
) -> None:
    client = client_for(lena)
    client.get("/toolkit/")  # warm the session
    for url, data in (
        ("/toolkit/consent/", CONSENT),
        ("/toolkit/aftercare/", AFTERCARE),
        ("/toolkit/triage/", TRIAGE),
    ):
        with django_assert_max_num_queries(8):
            assert client.post(url, data).status_code == 200
