"""The patients and triage a senior trainer tried (engine issue, "Patients" and "Triage"): each
case as it was reported, so that a regression shows the wrong answer again.

A patient who should not be treated is not suitable; a dangerous symptom is urgent on any day.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threadlift.assessment import assess, parse_symptoms, triage
from threadlift.assessment.suitability import VERDICTS
from threadlift.knowledge import KnowledgeBase, load_knowledge
from threadlift.knowledge.vocab import SYMPTOMS, URGENCIES

from .conftest import profile

KB = load_knowledge()


def codes(result: Any) -> set[str]:
    return {r.code for r in result.reasons}


def reason(result: Any, code: str) -> Any:
    return next(r for r in result.reasons if r.code == code)


# Expectations ------------------------------------------------------------------------------


def test_it_refuses_a_patient_whose_expectations_stay_unrealistic_after_discussion(
    kb: KnowledgeBase,
) -> None:
    """Was "caution": the rule's own note and the curriculum say do not treat."""
    expectations = {"expects": "A facelift for good", "expected_months": 12, "realistic": False}
    result = assess(profile(kb, expectations=expectations), kb)
    assert result.verdict == "not_suitable"
    found = reason(result, "unrealistic_expectations")
    assert found.severity == "not_suitable"
    assert "our policy" in found.message
    assert "unconfirmed" in found.marks


def test_expecting_longer_than_any_follow_up_before_the_talk_is_a_caution_to_discuss(
    kb: KnowledgeBase,
) -> None:
    expectations = {"expects": "Five years", "expected_months": 60, "realistic": True}
    result = assess(profile(kb, expectations=expectations), kb)
    assert result.verdict == "caution"
    assert "expectations_beyond_follow_up" in codes(result)
    assert "unrealistic_expectations" not in codes(result)


# BDDQ-AS -----------------------------------------------------------------------------------


def test_it_never_calls_a_bddq_as_with_items_1_and_2_yes_and_the_rest_blank_negative(
    kb: KnowledgeBase,
) -> None:
    """Was a completed negative screen and "suitable"."""
    result = assess(profile(kb, screening={"bddq_as": {"q1": True, "q2": True}}), kb)
    bddq = result.screening.bddq_as
    assert bddq is not None
    assert not bddq.complete
    assert not bddq.positive
    assert result.verdict != "suitable"
    found = reason(result, "bddq_as_incomplete")
    assert found.severity in ("caution", "not_suitable")
    assert "R46" in found.sources


@pytest.mark.parametrize(
    ("answers", "complete", "positive"),
    [
        ({"q1": False, "q2": False}, True, False),
        ({"q1": True, "q2": False}, True, False),
        ({"q1": True, "q2": True, "q3": 1, "q4": 1, "q5": 1, "q6": 1}, False, False),
        ({"q1": True, "q2": True, "q3": 1, "q4": 1, "q5": 1, "q6": 1, "q7": False}, True, False),
        ({"q1": True, "q2": True, "q4": 3}, True, True),
        ({"q1": True, "q2": True, "q7": True}, True, True),
    ],
)
def test_a_bddq_as_is_complete_only_when_its_rule_can_be_decided(
    kb: KnowledgeBase, answers: dict[str, Any], complete: bool, positive: bool
) -> None:
    result = assess(profile(kb, screening={"bddq_as": answers}), kb)
    bddq = result.screening.bddq_as
    assert bddq is not None
    assert (bddq.complete, bddq.positive) == (complete, positive)
    assert ("bddq_as_incomplete" in codes(result)) == (not complete)


# Previous procedures -----------------------------------------------------------------------


def test_it_does_not_treat_over_surgery_in_the_same_area_two_months_ago(
    kb: KnowledgeBase,
) -> None:
    """Was "info" only."""
    history = [{"area": "jowl", "treatment": "surgery", "months_ago": 2}]
    result = assess(profile(kb, history=history), kb)
    assert result.verdict == "not_suitable"
    found = reason(result, "recent_surgery_in_area")
    assert found.area == "jowl"
    assert "our policy" in found.message
    assert "unconfirmed" in found.marks


def test_surgery_in_the_area_within_the_year_is_a_caution_and_said_once(kb: KnowledgeBase) -> None:
    history = [{"area": "jowl", "treatment": "surgery", "months_ago": 9}]
    result = assess(profile(kb, history=history), kb)
    assert result.verdict == "caution"
    assert "surgery_in_area_within_year" in codes(result)
    assert "recent_surgery_in_area" not in codes(result)
    two = assess(profile(kb, history=[{**history[0], "months_ago": 2}]), kb)
    assert "surgery_in_area_within_year" not in codes(two)  # the stricter reason only


def test_surgery_elsewhere_or_long_ago_is_no_interval_reason(kb: KnowledgeBase) -> None:
    for item in (
        {"area": "brow", "treatment": "surgery", "months_ago": 2},
        {"area": "jowl", "treatment": "surgery", "months_ago": 30},
    ):
        result = assess(profile(kb, history=[item]), kb)
        assert not codes(result) & {"recent_surgery_in_area", "surgery_in_area_within_year"}


def test_an_energy_device_treatment_in_the_area_weeks_ago_is_a_caution(kb: KnowledgeBase) -> None:
    history = [{"area": "jowl", "treatment": "energy_device", "months_ago": 1}]
    result = assess(profile(kb, history=history), kb)
    assert result.verdict == "caution"
    found = reason(result, "recent_energy_device_in_area")
    assert "R58" in found.sources
    assert "unconfirmed" in found.marks


# Risks that add up -------------------------------------------------------------------------


def test_smoking_counts_in_the_risk_total(kb: KnowledgeBase) -> None:
    """Was a caution: two relative contraindications and smoking made only two risks."""
    result = assess(profile(kb, smoker=True, conditions=["keloid_tendency", "antiplatelet"]), kb)
    assert result.verdict == "not_suitable"
    found = reason(result, "multiple_risk_factors")
    assert "Smoker" in found.message
    assert "R90" in reason(result, "smoker").sources


# Strict policy where the sources only list ----------------------------------------------


def test_it_refuses_active_malignancy_under_treatment_as_our_strict_policy(
    kb: KnowledgeBase,
) -> None:
    """Was "caution" (malignancy listed as relative)."""
    result = assess(profile(kb, conditions=["malignancy_under_treatment"]), kb)
    assert result.verdict == "not_suitable"
    found = reason(result, "malignancy_under_treatment")
    assert "strict policy" in found.message
    assert {"unconfirmed", "weak-source", "manufacturer-claim"} <= set(found.marks)


def test_it_refuses_autoimmune_disease_with_immunosuppression_as_our_strict_policy(
    kb: KnowledgeBase,
) -> None:
    """Was "caution" (two relative contraindications)."""
    result = assess(profile(kb, conditions=["autoimmune_disease", "immunosuppression"]), kb)
    assert result.verdict == "not_suitable"
    found = reason(result, "autoimmune_with_immunosuppression")
    assert "strict policy" in found.message
    assert "unconfirmed" in found.marks
    alone = assess(profile(kb, conditions=["autoimmune_disease"]), kb)
    assert alone.verdict == "caution"


# Triage ------------------------------------------------------------------------------------

CELLULITIS = ["redness", "warmth", "swelling", "pain"]


def test_redness_warmth_swelling_and_pain_on_day_5_without_fever_is_seen_the_same_day(
    kb: KnowledgeBase,
) -> None:
    """Was "review within days"."""
    result = triage(kb, parse_symptoms(CELLULITIS), 5)
    assert result.urgency == "urgent"
    flag = next(m for m in result.red_flags if m.rule == "cellulitis_signs")
    assert "R91" in flag.sources
    assert result.likely[0].id == "infection"


def test_spreading_redness_is_seen_the_same_day(kb: KnowledgeBase) -> None:
    result = triage(kb, parse_symptoms(["Spreading redness"]), 40)
    assert result.urgency == "urgent"
    assert any(m.rule == "spreading_redness" for m in result.red_flags)


def test_redness_alone_is_still_reviewed_within_days(kb: KnowledgeBase) -> None:
    assert triage(kb, parse_symptoms(["redness"]), 5).urgency == "review_days"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SYMPTOMS), unique=True, max_size=5), st.integers(0, 3650))
def test_cellulitis_signs_together_are_urgent_on_any_day_whatever_else_is_reported(
    others: list[str], day: int
) -> None:
    result = triage(KB, [*CELLULITIS, *others], day)  # type: ignore[arg-type]
    assert URGENCIES.index(result.urgency) >= URGENCIES.index("urgent")
    spreading = triage(KB, ["spreading_redness", *others], day)  # type: ignore[arg-type]
    assert URGENCIES.index(spreading.urgency) >= URGENCIES.index("urgent")


# Properties --------------------------------------------------------------------------------

conditions = st.lists(
    st.sampled_from([c.id for c in KB.contraindications]), unique=True, max_size=4
)


@settings(max_examples=150, deadline=None)
@given(conditions, st.sampled_from([c.id for c in KB.contraindications]), st.booleans())
def test_adding_a_contraindication_never_raises_suitability(
    recorded: list[str], extra: str, smoker: bool
) -> None:
    def rank(chosen: list[str]) -> int:
        return VERDICTS.index(assess(profile(KB, conditions=chosen, smoker=smoker), KB).verdict)

    assert rank(sorted({*recorded, extra})) >= rank(recorded)


@settings(max_examples=100, deadline=None)
@given(
    st.fixed_dictionaries(
        {"q1": st.just(True), "q2": st.just(True)},
        optional={
            **{f"q{n}": st.integers(1, 5) for n in range(3, 7)},
            "q7": st.booleans(),
        },
    )
)
def test_a_bddq_as_with_items_1_and_2_yes_is_never_a_suitable_negative_unless_complete(
    answers: dict[str, Any],
) -> None:
    result = assess(profile(KB, screening={"bddq_as": answers}), KB)
    bddq = result.screening.bddq_as
    assert bddq is not None
    if not bddq.positive and not bddq.complete:
        assert result.verdict != "suitable"
    if bddq.positive:
        assert result.verdict == "not_suitable"
