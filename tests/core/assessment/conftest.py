"""Fixtures for the assessment tests: the packaged knowledge and a patient who is suitable."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from threadlift.assessment import PatientProfile, parse_profile
from threadlift.knowledge import KnowledgeBase, load_knowledge

SUITABLE: dict[str, Any] = {
    "age": 42,
    "sex": "female",
    "fitzpatrick": 2,
    "glogau": 2,
    "bmi": 22.0,
    "smoker": False,
    "areas": {"jowl": {"laxity": 2, "concern": "sagging"}},
    "skin": {"thickness": "normal", "photodamage": "mild"},
    "conditions": [],
    "history": [],
    "screening": {"bddq_as": {"q1": False, "q2": False}, "dcq": [0, 1, 0, 1, 0, 0, 0]},
    "medical": {
        "allergies": {"local_anaesthetic": False, "polymer": False, "other": ""},
        "isotretinoin_last_6_months": False,
        "recent_dental_treatment_or_infection": False,
        "cold_sores_in_area": False,
        "permanent_filler_in_area": False,
    },
    "expectations": {
        "expects": "A softer jawline for about a year",
        "expected_months": 9,
        "realistic": True,
    },
}


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


def patient(**changes: Any) -> dict[str, Any]:
    """A copy of the suitable patient with top-level fields replaced."""
    data = copy.deepcopy(SUITABLE)
    data.update(changes)
    return data


def medical(**yes: Any) -> dict[str, Any]:
    """The suitable patient's medical history with some items changed (allergy_* keys go
    into `allergies`)."""
    data = copy.deepcopy(SUITABLE["medical"])
    for key, value in yes.items():
        if key.startswith("allergy_"):
            data["allergies"][key.removeprefix("allergy_")] = value
        else:
            data[key] = value
    return data


def profile(kb: KnowledgeBase, **changes: Any) -> PatientProfile:
    return parse_profile(patient(**changes), kb)
