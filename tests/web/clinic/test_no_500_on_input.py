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


@SETTINGS
@given(st.dictionaries(st.sampled_from(FIELDS), junk, max_size=6))
def test_the_consultation_form_never_fails_on_junk(clinician: Client, junk_data: Any) -> None:
    response = clinician.post("/toolkit/consultation/", {**SUITABLE, **junk_data})
    assert response.status_code == 200


@SETTINGS
@given(junk, junk, st.lists(junk, max_size=3))
def test_aftercare_and_triage_never_fail_on_junk(
    clinician: Client, day: str, days: str, symptoms: list[str]
) -> None:
    for fmt in ("", "pdf", "ics"):
        data = {"procedure_date": day, "indication": days, "format": fmt, "designs": symptoms}
        response = clinician.post("/toolkit/aftercare/", {**data, "clinic_contact": day})
        assert response.status_code == 200
    response = clinician.post("/toolkit/triage/", {"days": days, "symptoms": symptoms})
    assert response.status_code == 200


@SETTINGS
@given(junk, st.lists(junk, max_size=3), junk, junk, st.sampled_from(["", "pdf", "x"]))
def test_the_consent_form_never_fails_on_junk(
    clinician: Client, indication: str, products: list[str], who: str, contact: str, fmt: str
) -> None:
    data = {"indication": indication, "products": products, "clinician": who, "format": fmt}
    response = clinician.post("/toolkit/consent/", {**data, "clinic_contact": contact})
    assert response.status_code == 200
    data = {**data, "indication": "jowl", "products": ["mint", *products]}
    response = clinician.post("/toolkit/consent/", {**data, "clinic_contact": contact or "C"})
    assert response.status_code == 200
