"""Thread options as published, and honest, sourced expectations."""

from __future__ import annotations

from threadlift.assessment import assess, consultation_report, expectations, thread_options
from threadlift.knowledge import KnowledgeBase
from threadlift.knowledge.vocab import INDICATION_IDS

from .conftest import profile


def test_every_indication_has_at_least_one_ranked_option(kb: KnowledgeBase) -> None:
    for indication in INDICATION_IDS:
        options = thread_options(kb, indication)
        assert options, indication
        assert [o.rank for o in options] == sorted(o.rank for o in options)


def test_jowl_uses_2_to_4_pdo_threads_of_21g_per_side_from_bertossi(kb: KnowledgeBase) -> None:
    first = thread_options(kb, "jowl")[0]
    assert (first.material, first.gauge) == ("pdo", "21G")
    assert first.threads_per_side is not None
    assert (first.threads_per_side.min, first.threads_per_side.max) == (2, 4)
    assert "R7" in first.sources
    assert first.evidence == "case-series"


def test_midface_ranks_pdo_cogs_before_vendor_linked_cones(kb: KnowledgeBase) -> None:
    # Bertossi's barbed PDO (orientation not given) and the FDA-cleared bidirectional MINT are
    # two sources' designs, so they are two options, not one.
    options = thread_options(kb, "midface")
    assert [o.design for o in options] == ["cog_unspecified", "cog_bidirectional", "cone"]
    assert "manufacturer-claim" in options[2].marks


def test_options_carry_the_patient_s_cautions_for_the_area(kb: KnowledgeBase) -> None:
    result = assess(profile(kb, age=60, areas={"jowl": {"laxity": 3}}), kb)
    option = thread_options(kb, "jowl", result)[0]
    assert option.verdict == "caution"
    assert any("Age over 50" in c for c in option.cautions)
    assert any("laxity 3" in c for c in option.cautions)


def test_pdo_expectations_say_the_effect_is_largely_gone_by_6_to_12_months(
    kb: KnowledgeBase,
) -> None:
    statements = expectations(kb, "pdo").statements
    pdo = next(s for s in statements if s.material == "pdo")
    assert "6 to 12 months" in pdo.text
    assert "R7" in pdo.sources
    assert all(study.independent for study in pdo.studies)


def test_plla_expectations_say_the_12_to_24_months_are_vendor_linked(kb: KnowledgeBase) -> None:
    plla = next(s for s in expectations(kb, "plla").statements if s.material == "plla")
    assert "12 to 24 months" in plla.text
    assert "manufacturer" in plla.text
    assert "manufacturer-claim" in plla.marks
    assert not any(study.independent for study in plla.studies)


def test_consent_risks_quote_incidences_but_never_referral_cohort_shares(
    kb: KnowledgeBase,
) -> None:
    risks = expectations(kb).risks
    ids = {r.id for r in risks}
    assert {"swelling", "bruising", "dimpling", "infection", "facial_nerve_injury"} <= ids
    assert all(f.kind != "referral-cohort" for r in risks for f in r.figures)
    infection = next(r for r in risks if r.id == "infection")
    assert any(f.source == "R1" and "5.9%" in f.figure for f in infection.figures)


def test_consent_risks_use_each_record_s_own_wording_of_frequency(kb: KnowledgeBase) -> None:
    risks = {r.id: r for r in expectations(kb).risks}
    vascular = risks["vascular_compromise"]
    assert vascular.frequency == "No thread case found; known after fillers."
    assert not vascular.figures
    assert "unconfirmed" in vascular.marks
    assert all(r.figures or r.frequency for r in risks.values())  # "how often" is never blank


def test_consent_risks_include_granuloma_and_pigmentation(kb: KnowledgeBase) -> None:
    ids = [r.id for r in expectations(kb).risks]
    assert {"granuloma", "hyperpigmentation"} <= set(ids)
    assert "any_complication" not in ids
    severities = [r.severity for r in expectations(kb).risks]
    assert severities == sorted(severities, key=["serious", "moderate", "minor"].index)


def test_consent_figures_from_a_preprint_say_so(kb: KnowledgeBase) -> None:
    risks = {r.id: r for r in expectations(kb).risks}
    swelling = {f.source: f for f in risks["swelling"].figures}
    assert swelling["R2"].preprint  # Zhou & Zhuang 2025 is a medRxiv preprint
    assert not swelling["R1"].preprint


def test_the_consultation_report_covers_every_area_and_material(kb: KnowledgeBase) -> None:
    report = consultation_report(
        profile(kb, areas={"midface": {"laxity": 2}, "jowl": {"laxity": 2}}), kb
    )
    assert [a.area for a in report.areas] == ["midface", "jowl"]
    materials = [s.material for s in report.expectations.statements]
    assert materials[0] is None
    assert {"pdo", "plla"} <= set(materials)
