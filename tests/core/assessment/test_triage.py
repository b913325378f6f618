"""Triage: red-flag combinations are urgent or emergency; ordinary courses stay routine."""

from __future__ import annotations

import pytest

from threadlift.assessment import InputProblem, parse_symptoms, triage
from threadlift.knowledge import KnowledgeBase


@pytest.mark.parametrize(
    ("symptoms", "urgency", "first_likely"),
    [
        (["visual_change"], "emergency", "vascular_compromise"),
        (["blanching_or_dusky_skin", "swelling"], "emergency", "vascular_compromise"),
        (["facial_weakness"], "urgent", "facial_nerve_injury"),
        (["pus_or_fluctuance", "fever"], "urgent", "infection"),
        (["clear_fluid_leak"], "urgent", "parotid_injury"),
        (["pulsatile_lump"], "urgent", "sta_pseudoaneurysm"),
        (["fever", "redness"], "urgent", "infection"),
    ],
)
def test_red_flag_combinations_are_urgent_or_emergency(
    kb: KnowledgeBase, symptoms: list[str], urgency: str, first_likely: str
) -> None:
    result = triage(kb, parse_symptoms(symptoms), 3)
    assert result.urgency == urgency
    assert result.red_flags
    assert result.likely[0].id == first_likely
    assert all(m.sources for m in result.red_flags)


def test_vascular_red_flags_are_marked_unconfirmed_for_threads(kb: KnowledgeBase) -> None:
    result = triage(kb, ["visual_change"], 0)
    assert "unconfirmed" in result.red_flags[0].marks


def test_early_swelling_and_bruising_are_routine_with_management(kb: KnowledgeBase) -> None:
    result = triage(kb, ["swelling", "bruising"], 1)
    assert result.urgency == "routine"
    assert not result.red_flags
    assert {"swelling", "bruising"} <= {c.id for c in result.likely}
    swelling = next(c for c in result.likely if c.id == "swelling")
    assert swelling.management
    assert "R1" in swelling.sources


def test_swelling_beyond_three_weeks_needs_review_for_the_parotid(kb: KnowledgeBase) -> None:
    assert triage(kb, ["swelling"], 21).urgency == "routine"
    late = triage(kb, ["swelling"], 22)
    assert late.urgency == "review_days"
    assert late.likely[0].id == "parotid_injury"


def test_dimpling_is_routine_in_the_first_week_and_reviewed_after(kb: KnowledgeBase) -> None:
    assert triage(kb, ["dimpling"], 7).urgency == "routine"
    assert triage(kb, ["dimpling"], 8).urgency == "review_days"


def test_a_late_nodule_with_redness_after_two_weeks_suggests_atypical_infection(
    kb: KnowledgeBase,
) -> None:
    assert triage(kb, ["late_nodule", "redness"], 13).urgency == "review_days"
    result = triage(kb, ["late_nodule", "redness"], 14)
    assert result.urgency == "urgent"
    assert result.likely[0].id == "ntm_infection"


def test_likely_complications_are_ranked_by_urgency(kb: KnowledgeBase) -> None:
    result = triage(kb, ["numbness", "facial_weakness"], 0)
    assert [c.id for c in result.likely][:2] == ["facial_nerve_injury", "paresthesia"]


def test_no_symptoms_is_routine_with_nothing_likely(kb: KnowledgeBase) -> None:
    result = triage(kb, [], 5)
    assert result.urgency == "routine"
    assert not result.likely


def test_symptom_spellings_are_normalised_and_unknown_ones_named(kb: KnowledgeBase) -> None:
    assert parse_symptoms(["Pus or fluctuance", "visual-change", "fever", "fever"]) == (
        "pus_or_fluctuance",
        "visual_change",
        "fever",
    )
    with pytest.raises(InputProblem) as caught:
        parse_symptoms(["fever", "hiccups"])
    assert caught.value.field == "symptoms.1"
    assert "'hiccups'" in caught.value.message


@pytest.mark.parametrize("days", [-1, 3651])
def test_days_out_of_range_are_rejected(kb: KnowledgeBase, days: int) -> None:
    with pytest.raises(InputProblem) as caught:
        triage(kb, ["pain"], days)
    assert caught.value.field == "days"


# Day-aware rules (issue 9) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("symptom", "early_day", "early", "late_day", "late"),
    [
        ("pain", 2, "routine", 21, "review_days"),
        ("bruising", 2, "routine", 22, "review_days"),
        ("swelling", 2, "routine", 22, "review_days"),
        ("numbness", 2, "routine", 90, "review_days"),
        ("dimpling", 2, "routine", 21, "review_days"),
        ("fever", 2, "urgent", 90, "review_days"),
    ],
)
def test_the_same_symptom_has_a_different_urgency_early_and_late(
    kb: KnowledgeBase, symptom: str, early_day: int, early: str, late_day: int, late: str
) -> None:
    assert triage(kb, [symptom], early_day).urgency == early  # type: ignore[list-item]
    assert triage(kb, [symptom], late_day).urgency == late  # type: ignore[list-item]


def test_late_swelling_is_not_called_expected(kb: KnowledgeBase) -> None:
    result = triage(kb, ["swelling", "bruising"], 30)
    assert result.urgency == "review_days"
    assert all("Expected" not in m.advice for m in result.matches)


def test_a_fever_in_the_first_month_is_seen_the_same_day(kb: KnowledgeBase) -> None:
    result = triage(kb, ["fever"], 5)
    assert result.urgency == "urgent"
    assert "unconfirmed" in result.matches[0].marks  # the 30-day window is ours


@pytest.mark.parametrize(
    ("symptom", "urgency", "first_likely"),
    [
        ("expanding_swelling", "emergency", "haematoma"),
        ("severe_or_increasing_pain", "urgent", "infection"),
        ("periorbital_swelling", "urgent", "infection"),
        ("anaphylaxis", "emergency", "anaphylaxis"),
        ("local_anaesthetic_toxicity", "emergency", "local_anaesthetic_toxicity"),
        ("trismus", "urgent", "trismus"),
    ],
)
def test_the_dangerous_symptoms_exist_as_red_flags_with_advice_and_sources(
    kb: KnowledgeBase, symptom: str, urgency: str, first_likely: str
) -> None:
    for day in (0, 3, 40, 400):
        result = triage(kb, parse_symptoms([symptom]), day)
        assert result.urgency == urgency
        assert result.red_flags
        assert result.red_flags[0].advice
        assert result.red_flags[0].sources
        assert result.likely[0].id == first_likely


def test_the_new_symptoms_are_accepted_in_words(kb: KnowledgeBase) -> None:
    assert parse_symptoms(["Expanding swelling", "local-anaesthetic-toxicity"]) == (
        "expanding_swelling",
        "local_anaesthetic_toxicity",
    )


def test_a_routine_pattern_explained_by_an_urgent_one_is_superseded(kb: KnowledgeBase) -> None:
    result = triage(kb, ["swelling", "fever"], 3)
    assert result.urgency == "urgent"
    assert {m.rule for m in result.superseded} == {"fever", "swelling_or_bruising"}
    assert all(m.urgency == "urgent" for m in result.matches)


def test_a_less_urgent_pattern_shown_beside_an_urgent_one_says_it_is_on_its_own(
    kb: KnowledgeBase,
) -> None:
    result = triage(kb, ["pain", "facial_weakness"], 2)
    assert result.urgency_label == "Urgent - same day"
    pain = next(m for m in result.matches if m.rule == "pain")
    assert pain.urgency_label == "On its own: Routine"
