"""Complication rates across anonymised treated cases, with small groups suppressed.

A `CaseOutcome` is one treated case reduced to what the registry may hold: the groups it falls
in (indication, material, design, plane, instrument, the trainee's experience band), the
complications seen at any of its follow-ups (knowledge-base ids) and, for the distance report,
the distance from its threads to each zone type. No name, date, free text or age is held.

`rate_table` groups cases by one dimension and gives, per group, the cases, the cases with the
complication (or with any complication) and the rate with its Wilson 95 % interval; groups of
fewer than the policy's threshold are suppressed with `suppress`, so that no hidden group can
be found from the total either. Only cases with at least one follow-up seen count: a case never
seen again tells nothing about complications.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from pydantic import BaseModel, ConfigDict, Field

from threadlift.outcomes.intervals import Rate, rate
from threadlift.outcomes.suppression import suppress

DIMENSIONS: dict[str, str] = {
    "indication": "Indication",
    "material": "Thread material",
    "design": "Thread design",
    "plane": "Plane",
    "instrument": "Instrument",
    "experience": "Trainee experience",
}
ANY = "any"  # any complication at all


class CaseOutcome(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    groups: Mapping[str, str]  # dimension -> value, one per DIMENSIONS key
    complications: frozenset[str] = frozenset()
    zone_distances: Mapping[str, float] = Field(default_factory=dict)  # zone id -> mm

    def has(self, complication: str) -> bool:
        return (
            bool(self.complications) if complication == ANY else complication in self.complications
        )


class Published(BaseModel):
    """A pooled rate from the knowledge base, in percent, with its source."""

    model_config = ConfigDict(frozen=True)

    percent: float
    figure: str
    source: str


class Row(BaseModel):
    model_config = ConfigDict(frozen=True)

    group: str
    cases: int | None  # None: suppressed
    rate: Rate | None
    flagged: bool = False  # the interval's lower bound lies above a published pooled rate


class RateTable(BaseModel):
    model_config = ConfigDict(frozen=True)

    dimension: str
    complication: str
    rows: tuple[Row, ...]
    total: Row
    suppressed: int  # how many groups are hidden
    threshold: int
    published: tuple[Published, ...] = ()

    @property
    def flagged(self) -> bool:
        return self.total.flagged or any(r.flagged for r in self.rows)


def exceeds(r: Rate | None, published: Sequence[Published]) -> bool:
    """The lower bound lies above the lowest pooled rate published (the stricter reading)."""
    if r is None or not published:
        return False
    return r.exceeds(min(p.percent for p in published))


def _rows(
    counts: Sequence[tuple[str, int, int]], threshold: int, published: Sequence[Published]
) -> tuple[list[Row], Row, int]:
    """Rows (group, cases, events) → suppressed rows, the total and how many were hidden."""
    table = suppress([[n] for _, n, _ in counts], threshold) if counts else None
    rows: list[Row] = []
    hidden = 0
    for k, (group, n, events) in enumerate(counts):
        assert table is not None
        shown = table.cell(k, 0)
        if shown is None:
            hidden += 1
            rows.append(Row(group=group, cases=None, rate=None))
            continue
        r = rate(events, n) if n else None
        rows.append(Row(group=group, cases=n, rate=r, flagged=exceeds(r, published)))
    all_n = sum(n for _, n, _ in counts)
    all_events = sum(e for _, _, e in counts)
    total_shown = table is not None and table.total() is not None
    total_rate = rate(all_events, all_n) if total_shown and all_n else None
    total = Row(
        group="All cases",
        cases=all_n if total_shown else None,
        rate=total_rate,
        flagged=exceeds(total_rate, published),
    )
    return rows, total, hidden


def rate_table(
    outcomes: Iterable[CaseOutcome],
    dimension: str,
    complication: str,
    *,
    threshold: int,
    published: Sequence[Published] = (),
    order: Sequence[str] = (),
) -> RateTable:
    """Cases and complication rates per group of `dimension` (groups in `order` first)."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}; known: {', '.join(DIMENSIONS)}")
    tally: dict[str, list[int]] = {}
    for case in outcomes:
        group = case.groups[dimension]
        cell = tally.setdefault(group, [0, 0])
        cell[0] += 1
        cell[1] += case.has(complication)
    known = [g for g in order if g in tally] + sorted(g for g in tally if g not in order)
    counts = [(g, tally[g][0], tally[g][1]) for g in known]
    rows, total, hidden = _rows(counts, threshold, published)
    return RateTable(
        dimension=dimension,
        complication=complication,
        rows=tuple(rows),
        total=total,
        suppressed=hidden,
        threshold=threshold,
        published=tuple(published),
    )


def distance_table(
    outcomes: Iterable[CaseOutcome],
    zone: str,
    bands: Sequence[tuple[str, float | None]],
    *,
    threshold: int,
    complication: str,
) -> RateTable:
    """The rate of `complication` by distance band from the threads to `zone`, over the cases
    whose plan has a thread in a plane at risk for it (`bands`: label and upper bound in mm)."""
    tally = {label: [0, 0] for label, _ in bands}
    for case in outcomes:
        if zone not in case.zone_distances:
            continue
        d = case.zone_distances[zone]
        label = next(lb for lb, top in bands if top is None or d <= top)
        tally[label][0] += 1
        tally[label][1] += case.has(complication)
    counts = [(label, n, e) for label, (n, e) in tally.items()]
    rows, total, hidden = _rows(counts, threshold, ())
    return RateTable(
        dimension="distance",
        complication=complication,
        rows=tuple(rows),
        total=total,
        suppressed=hidden,
        threshold=threshold,
    )
