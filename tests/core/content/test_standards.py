"""Modified Angoff: the panel's cut score, its spread, a form's cut score, bad values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threadlift.content.standards import angoff, check_value, form_cut_score

percent = st.integers(0, 100)
judgements = st.dictionaries(
    st.sampled_from([f"q{i}" for i in range(8)]),
    st.dictionaries(st.sampled_from(["ann", "ben", "cat"]), percent, min_size=1),
    min_size=1,
)


def test_the_cut_score_is_the_mean_of_the_judges_cut_scores() -> None:
    result = angoff({"q1": {"ann": 60, "ben": 80}, "q2": {"ann": 40, "ben": 60}})
    assert result is not None
    assert result.judge_cuts == {"ann": 50.0, "ben": 70.0}
    assert result.cut_score == 60.0
    assert result.judges == 2
    assert result.sd == 10.0
    assert (result.lowest, result.highest) == (50.0, 70.0)
    assert result.item_means == {"q1": 70.0, "q2": 50.0}


def test_a_form_s_cut_score_follows_its_items() -> None:
    result = angoff({"q1": {"ann": 90}, "q2": {"ann": 50}, "q3": {"ann": 40}})
    assert result is not None
    assert form_cut_score(result, ["q1", "q2"]) == 70.0
    assert form_cut_score(result, ["q3", "unjudged"]) == pytest.approx((40 + 60) / 2)


@given(judgements)
def test_the_cut_score_lies_between_the_lowest_and_highest_judgement(data: dict) -> None:  # type: ignore[type-arg]
    result = angoff(data)
    assert result is not None
    values = [v for by_judge in data.values() for v in by_judge.values()]
    assert min(values) - 1e-9 <= result.cut_score <= max(values) + 1e-9
    assert result.lowest - 1e-9 <= result.cut_score <= result.highest + 1e-9
    assert result.sd >= 0


def test_values_outside_0_to_100_are_refused() -> None:
    for bad in (101, -1, float("nan")):
        assert check_value(bad) == "Give a percentage from 0 to 100."
    assert check_value(0) is None
    assert check_value(100) is None
    with pytest.raises(ValueError, match="not within 0-100"):
        angoff({"q1": {"ann": 120}})


def test_no_judgement_gives_no_cut_score() -> None:
    assert angoff({}) is None
