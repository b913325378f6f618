"""Whatever is typed or crafted into the toolkit forms, the answer is a page, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from academy.accounts.models import User
from tests.web.builders import SUITABLE
from tests.web.conftest import client_for

junk = st.one_of(
    st.text(max_size=12),
    st.integers(-(10**12), 10**12).map(str),
    st.sampled_from(["", "yes", "no", "nan", "inf", "-1", "1e309", "0", "4", "3.5"]),
)
FIELDS = [
    *SUITABLE, "smoker", "conditions", "history_area", "history_treatment",
    "history_months_ago", "laxity_midface", "concern_midface", "bddq_q3", "bddq_q7", "dcq_1",
]  # fmt: skip

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def clinician(lena: User) -> Client:
    return client_for(lena)


def answered(response: Any, sent: dict[str, Any]) -> bool:
    """The form's own page (200), or, when a NUL byte was typed, the clear 400 page that says
    what to check (the input guard refuses it before any form sees it). Never a 500."""
    values = [v for value in sent.values() for v in (value if isinstance(value, list) else [value])]
    if any("\x00" in str(v) for v in values):
        refused = response.status_code == 400
        return refused and b"Go back and check what you sent" in response.content
    return response.status_code == 200


def test_a_nul_byte_typed_into_a_form_gets_the_clear_bad_request_page(clinician: Client) -> None:
    sent = {**SUITABLE, "age": "\x00"}
    response = clinician.post("/toolkit/consultation/", sent)
    assert response.status_code == 400
    assert answered(response, sent)


@SETTINGS
@given(st.dictionaries(st.sampled_from(FIELDS), junk, max_size=6))
def test_the_consultation_form_never_fails_on_junk(clinician: Client, junk_data: Any) -> None:
    sent = {**SUITABLE, **junk_data}
    assert answered(clinician.post("/toolkit/consultation/", sent), sent)


@SETTINGS
@given(junk, junk, st.lists(junk, max_size=3))
def test_aftercare_and_triage_never_fail_on_junk(
    clinician: Client, day: str, days: str, symptoms: list[str]
) -> None:
    for fmt in ("", "pdf", "ics"):
        data = {"procedure_date": day, "indication": days, "format": fmt, "designs": symptoms}
        sent = {**data, "clinic_contact": day}
        assert answered(clinician.post("/toolkit/aftercare/", sent), sent)
    sent = {"days": days, "symptoms": symptoms}
    assert answered(clinician.post("/toolkit/triage/", sent), sent)


@SETTINGS
@given(junk, st.lists(junk, max_size=3), junk, junk, st.sampled_from(["", "pdf", "x"]))
def test_the_consent_form_never_fails_on_junk(
    clinician: Client, indication: str, products: list[str], who: str, contact: str, fmt: str
) -> None:
    data = {"indication": indication, "products": products, "clinician": who, "format": fmt}
    sent = {**data, "clinic_contact": contact}
    assert answered(clinician.post("/toolkit/consent/", sent), sent)
    data = {**data, "indication": "jowl", "products": ["mint", *products]}
    sent = {**data, "clinic_contact": contact or "C"}
    assert answered(clinician.post("/toolkit/consent/", sent), sent)
