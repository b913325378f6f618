"""The Wilson interval against Newcombe's worked examples, and rates against published ones."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threadlift.outcomes import rate, wilson_interval

# Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of seven
# methods. Stat Med 1998;17:857-72, Table II, method 3 (Wilson score, no continuity correction).
NEWCOMBE = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
]


@pytest.mark.parametrize(("events", "cases", "low", "high"), NEWCOMBE)
def test_the_interval_matches_newcombes_worked_examples(events, cases, low, high):
    got = wilson_interval(events, cases)
    assert got == pytest.approx((low, high), abs=5e-5)


@given(st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_the_interval_lies_in_0_1_and_holds_the_observed_proportion(pair):
    events, cases = pair
    low, high = wilson_interval(events, cases)
    assert 0.0 <= low <= events / cases <= high <= 1.0


@given(st.integers(1, 2000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_more_cases_at_the_same_proportion_never_widen_the_interval(pair):
    events, cases = pair
    narrow = wilson_interval(events * 4, cases * 4)
    wide = wilson_interval(events, cases)
    assert narrow[1] - narrow[0] <= wide[1] - wide[0] + 1e-12


def test_no_event_seen_still_leaves_an_upper_bound_above_zero():
    low, high = wilson_interval(0, 12)
    assert low == 0.0
    assert high > 0.2


@pytest.mark.parametrize(("events", "cases"), [(1, 0), (-1, 5), (6, 5)])
def test_impossible_counts_are_refused(events, cases):
    with pytest.raises(ValueError, match=r"cases|events"):
        wilson_interval(events, cases)


def test_a_rate_is_flagged_only_when_its_lower_bound_exceeds_the_published_rate():
    # 12 of 40 (30 %): the interval is about 18 %–46 %
    assert rate(12, 40).exceeds(16.0)
    assert not rate(12, 40).exceeds(20.0)
    # 2 of 10 (20 %) is above 16 % but its interval reaches far below: no flag
    assert not rate(2, 10).exceeds(16.0)
