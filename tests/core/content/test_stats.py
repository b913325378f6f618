"""Item statistics against worked examples whose values are derived by hand below."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threadlift.content.stats import (
    ItemStatistics,
    cronbach_alpha,
    discrimination,
    distractor_frequencies,
    facility,
    flags,
    item_statistics,
    kr20,
    reliability,
    thresholds,
)

# K. L. Wuensch, "The Kuder-Richardson 20" (East Carolina University, StatHelp/KR20.txt):
# ten students, a ten-item quiz scored 0/1.
WUENSCH = [
    [1, 1, 1, 1, 1, 1, 0, 1, 1, 0],  # A  8
    [1, 0, 1, 1, 0, 1, 1, 1, 0, 1],  # B  7
    [1, 1, 1, 1, 0, 1, 1, 0, 0, 1],  # C  7
    [0, 0, 1, 0, 0, 0, 1, 0, 0, 0],  # D  2
    [0, 0, 0, 0, 0, 1, 0, 0, 1, 0],  # E  2
    [1, 1, 1, 0, 1, 1, 1, 1, 1, 1],  # F  9
    [1, 1, 0, 1, 1, 1, 0, 1, 1, 1],  # G  8
    [1, 1, 1, 1, 1, 1, 1, 1, 0, 1],  # H  9
    [0, 1, 0, 1, 1, 1, 1, 1, 0, 1],  # I  7
    [1, 1, 0, 1, 1, 0, 1, 1, 1, 0],  # J  7
]


def test_kr20_matches_the_published_worked_example() -> None:
    """The source gives p per item (.7 .7 .6 .7 .6 .8 .7 .7 .5 .6), Σpq = 2.18 and the variance
    of the totals 5.84 (totals 8 7 7 2 2 9 8 9 7 7, mean 6.6, Σ(dev²) = 58.4, divided by n).
    KR-20 = 10/9 · (1 − 2.18/5.84) = 0.69635."""
    assert [facility(WUENSCH, i) for i in range(10)] == pytest.approx(
        [0.7, 0.7, 0.6, 0.7, 0.6, 0.8, 0.7, 0.7, 0.5, 0.6]
    )
    assert kr20(WUENSCH) == pytest.approx(10 / 9 * (1 - 2.18 / 5.84))
    assert kr20(WUENSCH) == pytest.approx(0.69635, abs=1e-5)


def test_cronbach_alpha_equals_kr20_on_zero_one_scores() -> None:
    """The source's point: pq is the item variance of a 0/1 item, so alpha = KR-20."""
    assert cronbach_alpha(WUENSCH) == pytest.approx(kr20(WUENSCH))  # type: ignore[arg-type]
    assert reliability(WUENSCH) == pytest.approx(0.69635, abs=1e-5)


def test_cronbach_alpha_on_partial_credit_scores_by_hand() -> None:
    """Items (population variances): (1, .5, 1, 0) → .171875; (.5, .5, 1, 0) → .125;
    (1, 0, 1, .5) → .171875; sum .46875. Totals 2.5, 1, 3, .5: mean 1.75, variance 1.0625.
    alpha = 3/2 · (1 − .46875/1.0625) = 0.838235."""
    matrix = [[1, 0.5, 1], [0.5, 0.5, 0], [1, 1, 1], [0, 0, 0.5]]
    assert cronbach_alpha(matrix) == pytest.approx(0.838235, abs=1e-6)
    assert reliability(matrix) == pytest.approx(0.838235, abs=1e-6)
    with pytest.raises(ValueError, match="0/1"):
        kr20(matrix)


def test_discrimination_is_the_corrected_point_biserial_by_hand() -> None:
    """Item 1 of the example: x = 1 1 1 0 0 1 1 1 0 1, rest score (total − x) =
    7 6 6 2 2 8 7 8 7 6. Means .7 and 5.9; Σ dx·dr = 6.7, Σ dx² = 2.1, Σ dr² = 42.9;
    r = 6.7 / √(2.1 · 42.9) = 0.70589."""
    assert discrimination(WUENSCH, 0) == pytest.approx(0.70589, abs=1e-5)
    # uncorrected (item vs the total including itself) would be higher: make sure it is not that
    assert discrimination(WUENSCH, 0) < 0.75


def test_discrimination_is_not_shown_below_ten_responses() -> None:
    assert thresholds().min_responses == 10
    assert discrimination(WUENSCH[:9], 0) is None
    assert discrimination(WUENSCH, 0) is not None


def test_discrimination_of_an_item_everyone_got_right_is_undefined() -> None:
    matrix = [[1, row[1]] for row in WUENSCH]
    assert discrimination(matrix, 0) is None


def test_distractor_frequencies_count_every_option_chosen() -> None:
    chosen = [["a"], ["b"], ["b"], ["c"], ["b"], [], ["a", "b"], ["b"]]
    assert distractor_frequencies(chosen, ["a", "b", "c", "d"]) == {
        "a": 2 / 8,
        "b": 5 / 8,
        "c": 1 / 8,
        "d": 0.0,
    }


def test_items_outside_the_target_ranges_are_flagged() -> None:
    stats = [
        ItemStatistics(item_id="easy", responses=20, facility=0.95, discrimination=0.4),
        ItemStatistics(item_id="hard", responses=20, facility=0.2, discrimination=0.1),
        ItemStatistics(item_id="fine", responses=20, facility=0.6, discrimination=0.35),
        ItemStatistics(item_id="edge", responses=20, facility=0.3, discrimination=0.2),
        ItemStatistics(item_id="few", responses=5, facility=0.5, discrimination=None),
    ]
    found = {f.item_id: f.flags for f in flags(stats)}
    assert found == {"easy": ("too_easy",), "hard": ("too_hard", "low_discrimination")}


def test_item_statistics_of_the_example_flag_nothing_but_the_weak_items() -> None:
    stats = item_statistics(WUENSCH, [f"q{i}" for i in range(1, 11)])
    assert stats[0].facility == pytest.approx(0.7)
    assert all(s.responses == 10 for s in stats)
    flagged = {f.item_id for f in flags(stats)}
    weak = {s.item_id for s in stats if s.discrimination is not None and s.discrimination < 0.2}
    assert flagged == weak


def test_the_review_thresholds_are_the_issues_convention() -> None:
    t = thresholds()
    assert (t.facility_min, t.facility_max, t.discrimination_min) == (0.3, 0.9, 0.2)
    assert t.status == "convention"


@given(st.lists(st.lists(st.sampled_from([0, 1]), min_size=3, max_size=3), min_size=2, max_size=30))
def test_kr20_and_alpha_agree_on_any_zero_one_matrix(matrix: list[list[int]]) -> None:
    a, k = cronbach_alpha(matrix), kr20(matrix)
    assert (a is None) == (k is None)
    if a is not None and k is not None:
        assert a == pytest.approx(k)
        assert k <= 1.0 + 1e-9
