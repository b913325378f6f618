"""Small-cell suppression for tables of case counts, with their totals.

A registry must not let anyone find a group of fewer than `threshold` cases (our policy: 10),
neither directly nor by subtraction: a row total minus the cells shown in that row gives back a
single hidden cell, and the grand total minus the row totals shown gives back a hidden row
total. So the table is read with its margins, as an (R + 1) × (C + 1) grid in which every line
(each row and each column, the totals' row and column included) adds up to its last entry:

1. primary suppression hides every entry of 1 … threshold − 1 cases, margins included;
2. secondary ("complementary") suppression: while some line has exactly one hidden entry, hide
   the smallest non-zero entry still shown in that line (a cell before a total), because a
   line with one unknown gives it away.

A count of 0 cases identifies nobody and is never hidden for its own sake. The loop ends: an
entry, once hidden, stays hidden, and a line with one hidden entry always has a non-zero entry
still shown (its other entries add up to the hidden one, which is not 0).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    """Counts in rows × columns with their margins, and which entries may be shown.

    `grid` is the table with its margins: `grid[r][c]` for the cells, `grid[r][-1]` the row
    totals, `grid[-1][c]` the column totals and `grid[-1][-1]` the grand total; `shown` has the
    same shape."""

    grid: tuple[tuple[int, ...], ...]
    shown: tuple[tuple[bool, ...], ...]

    def _at(self, r: int, c: int) -> int | None:
        return self.grid[r][c] if self.shown[r][c] else None

    def cell(self, r: int, c: int) -> int | None:
        """The count at (r, c), or None where it is suppressed."""
        return self._at(r, c)

    def row_total(self, r: int) -> int | None:
        return self._at(r, -1)

    def col_total(self, c: int) -> int | None:
        return self._at(-1, c)

    def total(self) -> int | None:
        return self._at(-1, -1)

    def lines(self) -> list[list[tuple[int, int]]]:
        """Every row and column of the grid (margins included) as lists of positions."""
        rows, cols = range(len(self.grid)), range(len(self.grid[0]))
        return [[(r, c) for c in cols] for r in rows] + [[(r, c) for r in rows] for c in cols]


def suppress(counts: Sequence[Sequence[int]], threshold: int) -> Table:
    """Hide every entry of 1 … threshold − 1 cases and enough others that no hidden entry can be
    worked out from the other entries of its row or column (see the module's docstring)."""
    if threshold < 1:
        raise ValueError("threshold must be at least 1")
    cells = [list(row) for row in counts]
    if not cells or not cells[0]:
        raise ValueError("a table needs at least one row and one column")
    width = len(cells[0])
    if any(len(row) != width for row in cells):
        raise ValueError("every row must have the same number of cells")
    if any(n < 0 for row in cells for n in row):
        raise ValueError("counts cannot be negative")
    grid = [[*row, sum(row)] for row in cells]
    grid.append([sum(row[c] for row in grid) for c in range(width + 1)])
    hidden = [[0 < n < threshold for n in row] for row in grid]
    table = Table(grid=tuple(map(tuple, grid)), shown=())
    last_r, last_c = len(grid) - 1, width

    def order(rc: tuple[int, int]) -> tuple[int, bool, int, int]:
        r, c = rc
        return grid[r][c], r == last_r or c == last_c, r, c  # smallest, cells before totals

    changed = True
    while changed:
        changed = False
        for line in table.lines():
            if sum(hidden[r][c] for r, c in line) != 1:
                continue
            shown = [(r, c) for r, c in line if not hidden[r][c] and grid[r][c]]
            r, c = min(shown, key=order)
            hidden[r][c] = True
            changed = True
    return Table(
        grid=tuple(map(tuple, grid)), shown=tuple(tuple(not h for h in row) for row in hidden)
    )
