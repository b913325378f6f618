"""Guards on how the data states uncertainty: gaps are marked, vendor claims are labelled."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from threadlift.knowledge import COLLECTIONS, KnowledgeBase

FACT_BASE_NOTE = "TA-FACTBASE"  # our own research notes, cited only to record a gap


def cited_figures(model: BaseModel) -> list[BaseModel]:
    """Every nested object with a single `source` (figures, incidences, ranges)."""
    found: list[BaseModel] = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        values = value if isinstance(value, tuple) else (value,)
        for item in values:
            if isinstance(item, BaseModel):
                if "source" in type(item).model_fields:
                    found.append(item)
                found.extend(cited_figures(item))
    return found


def test_records_resting_only_on_our_notes_are_marked_or_graded_unconfirmed(
    kb: KnowledgeBase,
) -> None:
    for collection in COLLECTIONS:
        for item in getattr(kb, collection):
            if collection != "sources" and set(item.sources) == {FACT_BASE_NOTE}:
                assert item.marks or item.evidence == "unconfirmed", (collection, item.id)


def test_figures_citing_our_notes_carry_a_mark(kb: KnowledgeBase) -> None:
    for collection in COLLECTIONS:
        for item in getattr(kb, collection):
            for figure in cited_figures(item):
                if getattr(figure, "source", None) == FACT_BASE_NOTE:
                    assert getattr(figure, "marks", ()), (collection, item.id)


def test_figures_from_manufacturer_sources_are_marked_as_manufacturer_claims(
    kb: KnowledgeBase,
) -> None:
    vendor_sources = {s.id for s in kb.sources if s.evidence == "manufacturer"}
    for collection in COLLECTIONS:
        for item in getattr(kb, collection):
            for figure in cited_figures(item):
                if getattr(figure, "source", None) in vendor_sources:
                    assert "manufacturer-claim" in figure.marks, (collection, item.id)  # type: ignore[attr-defined]


def test_vendor_linked_longevity_records_are_not_marked_independent(kb: KnowledgeBase) -> None:
    vendor_sources = {s.id for s in kb.sources if s.evidence == "manufacturer"} | {"R14", "R16"}
    for study in kb.longevity:
        if set(study.sources) & vendor_sources:
            assert not study.independent, study.id


def test_referral_cohort_shares_are_never_presented_as_pooled_incidences(
    kb: KnowledgeBase,
) -> None:
    for complication in kb.complications:
        for incidence in complication.incidence:
            if incidence.source in {"R9", "R10"}:
                assert incidence.kind == "referral-cohort", complication.id


answers = st.fixed_dictionaries(
    {},
    optional={
        1: st.booleans(),
        2: st.booleans(),
        3: st.integers(0, 5),
        4: st.integers(0, 5),
        5: st.integers(0, 5),
        6: st.integers(0, 5),
        7: st.booleans(),
    },
)


@given(answers)
def test_the_bddq_as_rule_matches_its_published_wording(
    kb: KnowledgeBase, given_answers: dict[int, bool | int]
) -> None:
    a = given_answers
    expected = (
        a.get(1) is True
        and a.get(2) is True
        and (any(int(a.get(n, 0)) >= 3 for n in (3, 4, 5, 6)) or a.get(7) is True)
    )
    rule = kb.instrument("bddq_as").positive_rule
    assert rule is not None
    assert rule.is_met(a) is expected
