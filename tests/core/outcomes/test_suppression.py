"""Small groups stay hidden, directly and through any row or column total."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threadlift.outcomes import suppress

THRESHOLD = 10

tables = st.integers(1, 5).flatmap(
    lambda cols: st.lists(
        st.lists(st.integers(0, 40), min_size=cols, max_size=cols), min_size=1, max_size=5
    )
)


@given(tables)
def test_no_group_under_the_threshold_is_shown(counts):
    table = suppress(counts, THRESHOLD)
    for row, shown in zip(table.grid, table.shown, strict=True):
        for n, visible in zip(row, shown, strict=True):
            assert not (visible and 0 < n < THRESHOLD)


@given(tables)
def test_no_hidden_entry_can_be_worked_out_from_its_row_or_column(counts):
    table = suppress(counts, THRESHOLD)
    for line in table.lines():
        hidden = [rc for rc in line if not table.shown[rc[0]][rc[1]]]
        assert len(hidden) != 1, f"a line with one hidden entry gives it away: {line}"


@given(tables)
def test_suppression_only_hides_and_keeps_every_count(counts):
    table = suppress(counts, THRESHOLD)
    assert [list(row[:-1]) for row in table.grid[:-1]] == counts
    assert table.grid[-1][-1] == sum(map(sum, counts))


def test_a_lone_small_group_takes_the_next_smallest_with_it():
    table = suppress([[4], [30], [12], [50]], THRESHOLD)
    assert [table.cell(r, 0) for r in range(4)] == [None, 30, None, 50]
    assert table.total() == 96


def test_large_groups_and_empty_ones_are_shown():
    table = suppress([[0, 25], [40, 11]], THRESHOLD)
    assert table.cell(0, 0) == 0
    assert table.cell(1, 1) == 11
    assert table.total() == 76


@pytest.mark.parametrize(
    ("counts", "threshold", "message"),
    [([[1, 2], [3]], 10, "same number"), ([[-1]], 10, "negative"), ([[1]], 0, "threshold")],
)
def test_malformed_tables_are_refused(counts, threshold, message):
    with pytest.raises(ValueError, match=message):
        suppress(counts, threshold)
