"""Risks add up, history counts, no laxity means no lift, and the history taken before threads."""

from __future__ import annotations

from typing import Any

import pytest

from threadlift.assessment import InputProblem, assess, consultation_report, parse_profile
from threadlift.assessment.threads import thread_options
from threadlift.knowledge import KnowledgeBase, load_knowledge

from .conftest import SUITABLE, medical, patient, profile

KB = load_knowledge()
THREE_RELATIVE = ["keloid_tendency", "autoimmune_disease", "immunosuppression"]


def codes(result: Any) -> set[str]:
    return {r.code for r in result.reasons}


def reason(result: Any, code: str) -> Any:
    return next(r for r in result.reasons if r.code == code)


# Risks that add up -------------------------------------------------------------------------


def test_two_relative_contraindications_stay_a_caution(kb: KnowledgeBase) -> None:
    result = assess(profile(kb, conditions=THREE_RELATIVE[:2]), kb)
    assert result.verdict == "caution"
    assert "multiple_risk_factors" not in codes(result)


def test_three_relative_contraindications_are_not_suitable_with_the_reasons_listed(
    kb: KnowledgeBase,
) -> None:
    result = assess(profile(kb, conditions=THREE_RELATIVE), kb)
    assert result.verdict == "not_suitable"
    escalated = reason(result, "multiple_risk_factors")
    assert escalated.severity == "not_suitable"
    for condition in THREE_RELATIVE:
        assert kb.contraindication(condition).name in escalated.message
        assert condition in codes(result)  # each factor is still listed on its own
    assert "unconfirmed" in escalated.marks  # the threshold of three is our policy


def test_risk_factors_from_the_medical_history_count_towards_the_three(
    kb: KnowledgeBase,
) -> None:
    data = medical(isotretinoin_last_6_months=True, cold_sores_in_area=True)
    result = assess(profile(kb, conditions=["keloid_tendency"], medical=data), kb)
    assert result.verdict == "not_suitable"
    assert "multiple_risk_factors" in codes(result)


@pytest.mark.parametrize("drug", ["anticoagulant", "antiplatelet"])
def test_a_bleeding_disorder_with_a_blood_thinner_is_not_suitable(
    kb: KnowledgeBase, drug: str
) -> None:
    result = assess(profile(kb, conditions=["bleeding_disorder", drug]), kb)
    assert result.verdict == "not_suitable"
    combined = reason(result, "bleeding_disorder_with_anticoagulant")
    assert kb.contraindication(drug).name in combined.message
    assert any("prescribing physician" in note for note in combined.notes)


def test_the_anticoagulant_reason_carries_its_note_about_the_prescriber(
    kb: KnowledgeBase,
) -> None:
    result = assess(profile(kb, conditions=["anticoagulant"]), kb)
    note = reason(result, "anticoagulant").notes
    assert any("Never stop an anticoagulant" in n for n in note)


def test_every_risk_count_rule_counts_rules_that_exist() -> None:
    ids = {r.id for r in KB.suitability_rules}
    conditions = {c.id for c in KB.contraindications}
    for rule in KB.suitability_rules:
        if rule.when.kind == "risk_count":
            assert set(rule.when.rules) <= ids, rule.id
        if rule.when.kind == "conditions_together":
            assert {*rule.when.all_of, *rule.when.any_of} <= conditions, rule.id


# History counts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("material", "months_ago", "present"),
    [
        ("pdo", 3, True),
        ("pdo", 6.5, True),  # one vendor gives 6-7 months
        ("pdo", 8, False),
        ("plla", 14, True),
        ("plla", 30, False),
        ("pcl", 30, True),
        ("plcl", 60, True),  # only "still present at 18 months": no end is published
        ("polypropylene", 240, True),  # permanent
        (None, 120, True),  # material not recorded: assumed present
    ],
)
def test_earlier_threads_still_present_by_their_material_s_absorption_give_a_caution(
    kb: KnowledgeBase, material: str | None, months_ago: float, present: bool
) -> None:
    history = [
        {"area": "jowl", "treatment": "threads", "months_ago": months_ago, "material": material}
    ]
    result = assess(profile(kb, history=history), kb)
    assert ("threads_still_present" in codes(result)) is present
    assert result.verdict == ("caution" if present else "suitable")


def test_the_threads_reason_cites_the_material_s_absorption_figures(kb: KnowledgeBase) -> None:
    history = [{"area": "jowl", "treatment": "threads", "months_ago": 4, "material": "pdo"}]
    found = reason(assess(profile(kb, history=history), kb), "threads_still_present")
    assert found.area == "jowl"
    assert found.sources == ("R21",)  # the vendor's 6-7 months decides it
    assert found.evidence == kb.source("R21").evidence
    assert "manufacturer-claim" in found.marks
    assert "Polydioxanone" in found.message
    assert "7 months" in found.message


def test_threads_in_an_area_not_being_assessed_do_not_count(kb: KnowledgeBase) -> None:
    history = [{"area": "neck", "treatment": "threads", "months_ago": 2, "material": "pdo"}]
    assert "threads_still_present" not in codes(assess(profile(kb, history=history), kb))


@pytest.mark.parametrize(("months_ago", "caution"), [(3, True), (11.9, True), (12, False)])
def test_filler_in_the_same_area_within_the_interval_gives_a_caution(
    kb: KnowledgeBase, months_ago: float, caution: bool
) -> None:
    history = [{"area": "jowl", "treatment": "filler", "months_ago": months_ago}]
    result = assess(profile(kb, history=history), kb)
    assert ("recent_filler" in codes(result)) is caution
    if caution:
        assert "unconfirmed" in reason(result, "recent_filler").marks


# No laxity, no lift ------------------------------------------------------------------------


@pytest.mark.parametrize("concern", ["sagging", "contour"])
def test_laxity_0_with_a_lifting_concern_is_not_suitable_for_that_area(
    kb: KnowledgeBase, concern: str
) -> None:
    areas = {"jowl": {"laxity": 0, "concern": concern}, "midface": {"laxity": 2}}
    result = assess(profile(kb, areas=areas), kb)
    by_area = {a.area: a.verdict for a in result.areas}
    assert by_area == {"jowl": "not_suitable", "midface": "suitable"}
    found = reason(result, "no_laxity_to_lift")
    assert found.area == "jowl"
    assert "no laxity to lift" in found.message.lower()
    alternatives = {a.id for a in result.alternatives if "jowl" in a.areas}
    assert alternatives >= {"fillers", "biostimulators", "energy_devices"}
    assert "surgery" not in alternatives


def test_laxity_0_for_a_skin_quality_concern_is_not_a_lift(kb: KnowledgeBase) -> None:
    areas = {"jowl": {"laxity": 0, "concern": "skin_quality"}}
    assert "no_laxity_to_lift" not in codes(assess(profile(kb, areas=areas), kb))


# No threads for a patient or area that is not suitable ---------------------------------------


def test_a_not_suitable_area_gets_no_thread_options_but_a_suitable_one_does(
    kb: KnowledgeBase,
) -> None:
    areas = {"jowl": {"laxity": 4}, "midface": {"laxity": 2}}
    report = consultation_report(profile(kb, areas=areas), kb)
    options = {a.area: a.options for a in report.areas}
    assert options["jowl"] == ()
    assert options["midface"]


def test_a_not_suitable_patient_gets_no_thread_options_anywhere(kb: KnowledgeBase) -> None:
    areas = {"jowl": {"laxity": 2}, "midface": {"laxity": 2}}
    report = consultation_report(profile(kb, areas=areas, conditions=["pregnancy"]), kb)
    assert all(area.options == () for area in report.areas)
    assert thread_options(kb, "brow", report.assessment) == ()


# The history taken before threads ----------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "code", "severity"),
    [
        ({"allergy_local_anaesthetic": True}, "allergy_local_anaesthetic", "caution"),
        ({"allergy_polymer": True}, "allergy_polymer", "not_suitable"),
        ({"allergy_other": "penicillin"}, "allergy_other", "info"),
        ({"isotretinoin_last_6_months": True}, "isotretinoin_recent", "caution"),
        ({"recent_dental_treatment_or_infection": True}, "dental_recent", "caution"),
        ({"cold_sores_in_area": True}, "cold_sores", "caution"),
        ({"permanent_filler_in_area": True}, "permanent_filler", "caution"),
    ],
)
def test_each_history_item_gives_its_rule_with_a_source_or_the_unconfirmed_mark(
    kb: KnowledgeBase, item: dict[str, Any], code: str, severity: str
) -> None:
    result = assess(profile(kb, medical=medical(**item)), kb)
    found = reason(result, code)
    assert found.severity == severity
    assert found.sources
    real = [s for s in found.sources if not s.startswith("TA-")]
    assert real or "unconfirmed" in found.marks


def test_another_allergy_is_named_in_the_reason(kb: KnowledgeBase) -> None:
    result = assess(profile(kb, medical=medical(allergy_other="penicillin")), kb)
    assert "penicillin" in reason(result, "allergy_other").message


@pytest.mark.parametrize("part", ["medical", "expectations"])
def test_history_or_expectations_not_recorded_is_a_caution_not_a_no(
    kb: KnowledgeBase, part: str
) -> None:
    data = patient()
    del data[part]
    result = assess(parse_profile(data, kb), kb)
    assert result.verdict == "caution"
    assert f"{part}_not_recorded" in codes(result)


def test_expecting_longer_than_the_follow_up_is_a_caution_with_communication_advice(
    kb: KnowledgeBase,
) -> None:
    expectations = {
        "expects": "Ten years younger, for good",
        "expected_months": 120,
        "realistic": True,
    }
    result = assess(profile(kb, expectations=expectations), kb)
    assert result.verdict == "caution"
    found = reason(result, "expectations_beyond_follow_up")
    assert any("before consent" in n for n in found.notes)
    assert "R4" in found.sources


def test_expectations_judged_unrealistic_after_discussion_are_not_suitable(
    kb: KnowledgeBase,
) -> None:
    expectations = {"expects": "A new face", "expected_months": 6, "realistic": False}
    result = assess(profile(kb, expectations=expectations), kb)
    assert result.verdict == "not_suitable"
    assert "R4" in reason(result, "unrealistic_expectations").sources


def test_realistic_expectations_within_the_follow_up_are_no_reason(kb: KnowledgeBase) -> None:
    found = codes(assess(profile(kb), kb))
    assert not found & {"unrealistic_expectations", "expectations_beyond_follow_up"}


def test_pregnancy_for_a_male_patient_is_refused_naming_the_field(kb: KnowledgeBase) -> None:
    with pytest.raises(InputProblem) as caught:
        parse_profile(patient(sex="male", conditions=["keloid_tendency", "pregnancy"]), kb)
    assert caught.value.field == "conditions.1"
    assert "male" in caught.value.message


def test_the_profile_refuses_unknown_history_items_by_name(kb: KnowledgeBase) -> None:
    data = patient(medical={**SUITABLE["medical"], "tattoos": True})
    with pytest.raises(InputProblem) as caught:
        parse_profile(data, kb)
    assert caught.value.field == "medical.tattoos"


def test_a_note_shared_by_several_reasons_is_given_once(kb: KnowledgeBase) -> None:
    result = assess(profile(kb, conditions=["keloid_tendency", "autoimmune_disease"]), kb)
    notes = [n for r in result.reasons for n in r.notes]
    assert len(notes) == len(set(notes))
    assert any("No consensus guideline" in n for n in notes)
