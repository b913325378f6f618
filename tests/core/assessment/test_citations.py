"""Grades and citations of the assessment data: a record's grade is the grade of the source of
the claim it shows (its first source), and the citations the clinical review flagged are fixed."""

from __future__ import annotations

import pytest

from threadlift.assessment import assess
from threadlift.knowledge import load_knowledge

from .conftest import profile

KB = load_knowledge()
COLLECTIONS = ["suitability_rules", "contraindications", "thread_options", "alternatives"]
COLLECTIONS += ["expectations"]
RECORDS = [(c, r) for c in COLLECTIONS for r in getattr(KB, c)]


@pytest.mark.parametrize(("collection", "record"), RECORDS, ids=lambda x: getattr(x, "id", x))
def test_a_record_s_grade_is_the_grade_of_the_source_of_its_claim(
    collection: str, record: object
) -> None:
    """The first source is the one the claim shown comes from; a weaker grade is allowed only
    where the record is marked unconfirmed or weak-source (the marks downgrade it)."""
    first = KB.source(record.sources[0])  # type: ignore[attr-defined]
    evidence, marks, rid = record.evidence, record.marks, record.id  # type: ignore[attr-defined]
    allowed = {first.evidence}
    if "unconfirmed" in marks:
        allowed.add("unconfirmed")
    if "weak-source" in marks:
        allowed.add("expert-opinion")
    assert evidence in allowed, f"{collection}/{rid}: {evidence}, {first.id} is {first.evidence}"


def test_contraindication_lists_cite_the_clinic_lists_not_the_aftercare_leaflets() -> None:
    leaflets_only_for_drugs = {"anticoagulant", "antiplatelet"}
    for c in KB.contraindications:
        if "R58" in c.sources:
            assert c.id in leaflets_only_for_drugs, c.id
    for rule in ("absolute_contraindication", "relative_contraindication"):
        sources = next(r for r in KB.suitability_rules if r.id == rule).sources
        assert "R58" not in sources
        assert "TA-CLINIC-LISTS" in sources
    assert "weak-source" in KB.source("TA-CLINIC-LISTS").marks


def test_the_skin_quality_rule_does_not_rest_on_the_study_that_favours_threads_for_it() -> None:
    """Suh 2015 (R13) did best in fine wrinkles and large pores: it cannot be the source of
    "other treatments suit skin quality better"; that claim is unconfirmed."""
    rule = next(r for r in KB.suitability_rules if r.id == "skin_quality_concern")
    assert rule.sources[0] != "R13"
    assert rule.evidence == "unconfirmed"
    assert any("R13" in note for note in rule.notes)


def test_no_thread_option_combines_one_source_s_count_with_another_s_design() -> None:
    mint = next(o for o in KB.thread_options if o.id == "midface_pdo_mint")
    bertossi = next(o for o in KB.thread_options if o.id == "midface_pdo_bertossi")
    assert mint.design == "cog_bidirectional"
    assert mint.threads_per_side is None
    assert mint.sources == ("R23",)
    assert bertossi.design == "cog_unspecified"
    assert bertossi.gauge == "23G"
    assert "R23" not in bertossi.sources
    for option in KB.thread_options:
        if option.threads_per_side is not None:
            assert set(option.threads_per_side.sources) <= set(option.sources), option.id


def test_the_neck_s_lifting_designs_include_cog_threads() -> None:
    designs = KB.indication("neck").designs
    assert {"cog_unidirectional", "cog_bidirectional"} <= set(designs)


def test_the_nasolabial_count_spans_both_published_series() -> None:
    count = KB.indication("nasolabial").threads_per_side
    assert count is not None
    assert (count.min, count.max) == (2, 5)  # Bertossi 2-3 (R7), Suh 5 (R13)
    assert set(count.sources) == {"R7", "R13"}


def test_a_contraindication_reason_shows_its_own_record_s_grade() -> None:
    result = assess(profile(KB, conditions=["psychiatric_illness"]), KB)
    found = next(r for r in result.reasons if r.code == "psychiatric_illness")
    assert found.evidence == "expert-opinion"  # listed by clinics; the BDD cohort is a note
    assert found.sources[0] == "TA-CLINIC-LISTS"


@pytest.mark.parametrize(("collection", "record"), RECORDS, ids=lambda x: getattr(x, "id", x))
def test_a_record_resting_only_on_our_notes_is_marked_unconfirmed(
    collection: str, record: object
) -> None:
    """A rule with no published source says so: our research notes (TA-FACTBASE) alone are
    never evidence."""
    if set(record.sources) == {"TA-FACTBASE"}:  # type: ignore[attr-defined]
        shown = {*record.marks, record.evidence}  # type: ignore[attr-defined]
        assert "unconfirmed" in shown, f"{collection}/{record.id}"  # type: ignore[attr-defined]
