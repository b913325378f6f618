"""The accreditation policy data: valid, cited from the bibliography, and its rules."""

from __future__ import annotations

import datetime as dt

from threadlift.catalog.accreditation import (
    Relationship,
    accreditation_policy,
    is_current,
    overlapping,
    unmitigated,
)
from threadlift.knowledge import load_knowledge

POLICY = accreditation_policy().disclosure
TODAY = dt.date(2026, 12, 7)


def test_every_source_cited_is_in_the_bibliography() -> None:
    kb = load_knowledge()
    for source_id in accreditation_policy().source_ids():
        assert kb.source(source_id).title


def test_the_figures_are_data_with_their_grades() -> None:
    assert POLICY.lookback.months == 24
    assert POLICY.lookback.evidence == "guideline"
    assert POLICY.current.unconfirmed  # the 12 months is our policy, shown as (U)


def test_a_declaration_is_current_for_the_months_the_data_gives() -> None:
    assert is_current(dt.date(2026, 1, 8), today=TODAY, policy=POLICY)
    assert not is_current(dt.date(2025, 12, 1), today=TODAY, policy=POLICY)


def test_only_relationships_in_the_window_with_a_taught_company_need_a_mitigation() -> None:
    rels = [
        Relationship(company="Sinclair Ltd", kind="speaker", starts_on=dt.date(2025, 1, 1)),
        Relationship(
            company="Sinclair",
            kind="consultant",
            starts_on=dt.date(2020, 1, 1),
            ends_on=dt.date(2023, 1, 1),
        ),
        Relationship(company="Other", kind="speaker", starts_on=dt.date(2025, 1, 1)),
    ]
    assert unmitigated(rels, ["sinclair"], today=TODAY, policy=POLICY) == rels[:1]


def test_overlapping_dates_of_one_kind_with_one_company_are_found() -> None:
    a = Relationship(company="X", kind="speaker", starts_on=dt.date(2025, 1, 1))
    b = Relationship(
        company="x inc", kind="speaker", starts_on=dt.date(2024, 1, 1), ends_on=dt.date(2025, 1, 1)
    )
    c = Relationship(company="X", kind="employee", starts_on=dt.date(2025, 1, 1))
    assert overlapping([a, b, c]) == [(0, 1)]
