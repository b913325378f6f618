"""Branching cases: the choice order is shuffled per play, the result follows the path taken, a
learner who always takes the first option shown fails most cases, and the best path passes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threadlift.content import Case, Content, load_content
from threadlift.content.cases import (
    CASE_PASS_MARK,
    best_path,
    case_result,
    choice_order,
    choose,
    walk,
)
from threadlift.knowledge import KnowledgeBase

SEEDS = range(200)


@pytest.fixture(scope="module")
def content(kb: KnowledgeBase) -> Content:
    return load_content(kb)


def _first_shown(case: Case, step_id: str, order: tuple[str, ...]) -> str:
    return order[0]


def _best(case: Case, step_id: str, order: tuple[str, ...]) -> str:
    return case.steps[step_id].best.id


def test_the_best_path_passes_every_case_and_ends_on_a_good_ending(content: Content) -> None:
    for case in content.cases:
        result = case_result(case, best_path(case))
        assert result.passed, case.id
        assert result.fraction == 1.0
        assert result.ending_id is not None
        assert case.endings[result.ending_id].outcome == "good"


def test_a_learner_who_always_takes_the_first_option_shown_fails_most_cases(
    content: Content,
) -> None:
    cases = content.cases
    passed_per_seed = [
        sum(case_result(case, walk(case, _first_shown, seed)).passed for case in cases)
        for seed in SEEDS
    ]
    # in every play-through of the whole set, fewer than half the cases are passed ...
    assert max(passed_per_seed) < len(cases) / 2, max(passed_per_seed)
    # ... and overall the first option passes a case at most one time in four
    assert sum(passed_per_seed) / (len(SEEDS) * len(cases)) < 0.25


def test_the_option_order_changes_between_plays_and_is_stable_for_one(content: Content) -> None:
    for case in content.cases:
        for step_id in case.steps:
            orders = {choice_order(case, step_id, seed) for seed in SEEDS}
            assert len(orders) > 1, (case.id, step_id)
            assert choice_order(case, step_id, 7) == choice_order(case, step_id, 7)
        # the best option is not always shown first
        firsts = [choice_order(case, case.start, seed)[0] for seed in SEEDS]
        assert set(firsts) == {c.id for c in case.steps[case.start].choices}


def test_every_case_has_a_wrong_choice_that_leads_to_a_consequence_step(
    content: Content,
) -> None:
    for case in content.cases:
        on_best = {step_id for step_id, _ in best_path(case)}
        consequences = {
            choice.next
            for step in case.steps.values()
            for choice in step.choices
            if not choice.credited and choice.next in case.steps and choice.next not in on_best
        }
        assert consequences, f"{case.id}: no wrong choice leads to a step of its own"


def test_every_case_has_endings_and_a_wrong_path_can_end_badly(content: Content) -> None:
    for case in content.cases:
        outcomes = {e.outcome for e in case.endings.values()}
        assert "good" in outcomes, case.id
        assert "poor" in outcomes, case.id


def test_only_the_steps_visited_count_and_a_wrong_path_scores_lower(content: Content) -> None:
    case = content.case("case_anticoagulant")
    best = case_result(case, best_path(case))
    wrong = [("s1", "b"), ("s2", "b"), ("s2b", "a")]  # stops the anticoagulant, then acts right
    result = case_result(case, wrong)
    assert result.decisions == 3 < best.decisions
    assert result.credited == 2
    assert result.ending_id == "stopped_anticoagulant"
    assert not result.passed  # a poor ending fails whatever the fraction


def test_a_defensible_choice_is_credited(content: Content) -> None:
    case = content.case("case_nose_tip")
    caution = choose(case, "s1", "b")
    assert caution.defensible
    assert caution.verdict == "caution"
    path = [("s1", "b"), *best_path(case)[1:]]
    assert case_result(case, path).passed
    volume = content.case("case_volume_loss_filler")
    assert choose(volume, "s1", "c").defensible


def test_a_path_the_case_does_not_allow_is_refused(content: Content) -> None:
    case = content.case("case_nose_tip")
    with pytest.raises(ValueError, match="decision 2 is at 's3'"):
        case_result(case, [("s1", "a"), ("s3", "a")])
    with pytest.raises(ValueError, match="no choice 'z'"):
        case_result(case, [("s1", "z")])


def test_an_unfinished_play_has_not_passed(content: Content) -> None:
    case = content.case("case_nose_tip")
    result = case_result(case, best_path(case)[:1])
    assert not result.finished
    assert not result.passed


@given(seed=st.integers(min_value=0, max_value=2**31 - 1))
def test_any_play_ends_and_its_fraction_is_between_0_and_1(content: Content, seed: int) -> None:
    for case in content.cases:
        result = case_result(case, walk(case, _first_shown, seed))
        assert result.finished
        assert 0 <= result.fraction <= 1
        assert result.passed == (
            result.fraction >= CASE_PASS_MARK
            and (result.ending_id is None or case.endings[result.ending_id].outcome == "good")
        )
        assert case_result(case, walk(case, _best, seed)).passed


def test_the_best_choice_cannot_be_picked_by_its_length(content: Content) -> None:
    """Suitability steps use the three verdict labels; elsewhere the best choice is never the
    uniquely longest (a learner who always picks the longest must not pass)."""
    labels = {"Suitable", "Suitable with caution", "Not suitable"}
    flagged = []
    for case in content.cases:
        for step_id, step in case.steps.items():
            if step.kind == "suitability":
                assert {c.text for c in step.choices} <= labels, (case.id, step_id)
                continue
            best = step.best
            if all(len(best.text) > len(c.text) for c in step.choices if c is not best):
                flagged.append((case.id, step_id))
    assert flagged == []


def test_a_learner_who_always_takes_the_longest_option_fails_most_cases(
    content: Content,
) -> None:
    def longest(case: Case, step_id: str, order: tuple[str, ...]) -> str:
        return max(order, key=lambda i: len(choose(case, step_id, i).text))

    passed = sum(case_result(case, walk(case, longest, 0)).passed for case in content.cases)
    assert passed < len(content.cases) / 2
