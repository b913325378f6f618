"""A practice rule against signed logbook evidence (`threadlift.practice.competency`), as
properties: more evidence never undoes a met rule, and only matching evidence counts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from threadlift.practice.competency import (
    CaseEvidence,
    DopsEvidence,
    PracticeRule,
    rule_count,
)

levels = st.sampled_from(["", "observed", "assisted", "supervised", "independent"])
indications = st.sampled_from(["", "jowl", "brow", "neck"])
cases = st.builds(CaseEvidence, supervision=levels, indication=indications)
dops = st.builds(
    DopsEvidence,
    overall=st.one_of(st.none(), st.integers(0, 4)),
    indication=indications,
    signer=st.integers(1, 5),
)
rules = st.one_of(
    st.builds(
        PracticeRule,
        kind=st.just("cases"),
        count=st.integers(1, 6),
        supervision=levels,
        indication=indications,
    ),
    st.builds(
        PracticeRule,
        kind=st.just("dops"),
        count=st.integers(1, 6),
        indication=indications,
        min_level=st.one_of(st.none(), st.integers(0, 4)),
        min_trainers=st.integers(1, 3),
    ),
)
case_lists = st.lists(cases, max_size=12)
dops_lists = st.lists(dops, max_size=12)


@given(rules, case_lists, dops_lists, case_lists, dops_lists)
def test_adding_evidence_never_makes_a_met_rule_unmet(
    rule: PracticeRule,
    some_cases: list[CaseEvidence],
    some_dops: list[DopsEvidence],
    more_cases: list[CaseEvidence],
    more_dops: list[DopsEvidence],
) -> None:
    before = rule_count(rule, some_cases, some_dops)
    after = rule_count(rule, some_cases + more_cases, some_dops + more_dops)
    assert after.done >= before.done
    assert after.trainers_done >= before.trainers_done
    if before.met:
        assert after.met


@given(rules, case_lists, dops_lists)
def test_the_count_is_of_the_evidence_given_and_the_percent_is_between_0_and_100(
    rule: PracticeRule, some_cases: list[CaseEvidence], some_dops: list[DopsEvidence]
) -> None:
    count = rule_count(rule, some_cases, some_dops)
    assert 0 <= count.done <= len(some_cases if rule.kind == "cases" else some_dops)
    assert count.trainers_done <= count.done
    assert 0 <= count.percent <= 100
    assert count.met == (count.done >= rule.count and count.trainers_done >= count.trainers_needed)


@given(rules, case_lists, dops_lists)
def test_the_order_of_the_evidence_does_not_matter(
    rule: PracticeRule, some_cases: list[CaseEvidence], some_dops: list[DopsEvidence]
) -> None:
    assert rule_count(rule, some_cases, some_dops) == rule_count(
        rule, list(reversed(some_cases)), list(reversed(some_dops))
    )


@given(rules, case_lists, dops_lists)
def test_evidence_of_another_indication_never_counts(
    rule: PracticeRule, some_cases: list[CaseEvidence], some_dops: list[DopsEvidence]
) -> None:
    named = rule.model_copy(update={"indication": "jowl"})
    other_cases = [c.model_copy(update={"indication": "brow"}) for c in some_cases]
    other_dops = [d.model_copy(update={"indication": "brow"}) for d in some_dops]
    assert rule_count(named, other_cases, other_dops).done == 0


def test_a_dops_rule_needs_enough_different_trainers() -> None:
    rule = PracticeRule(kind="dops", count=2, min_level=3, min_trainers=2)
    same = [DopsEvidence(overall=4, indication="jowl", signer=1)] * 2
    assert not rule_count(rule, [], same).met
    both = [*same[:1], DopsEvidence(overall=3, indication="jowl", signer=2)]
    assert rule_count(rule, [], both).met
    low = [DopsEvidence(overall=2, indication="jowl", signer=s) for s in (1, 2)]
    assert rule_count(rule, [], low).done == 0
