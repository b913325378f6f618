"""The CPD data: every figure cites a source we hold, and the statement words it right."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from threadlift.cpd.policy import cpd_policy
from threadlift.cpd.statement import StatementError, Totals, build_statement
from threadlift.knowledge import load_knowledge

TODAY = dt.date(2026, 12, 7)


def test_every_cited_source_is_in_the_bibliography() -> None:
    kb = load_knowledge()
    for source in cpd_policy().source_ids():
        kb.source(source)


def test_the_figures_are_those_of_their_sources() -> None:
    policy = cpd_policy()
    nmc = {r.kind: r.need for r in policy.regulator("nmc").requirements}  # type: ignore[union-attr]
    assert nmc == {"cpd_hours": 35, "participatory_hours": 20, "feedback": 5, "reflections": 5}
    assert policy.regulator("nmc").cycle_years == 3  # type: ignore[union-attr]
    gdc = policy.regulator("gdc")
    assert gdc is not None
    assert gdc.cycle_years == 5
    assert {r.id: r.cpd_hours for r in gdc.roles}["dentist"] == 100
    assert {r.id: r.cpd_hours for r in gdc.roles}["dental_nurse"] == 50
    gmc = policy.regulator("gmc")
    assert gmc is not None
    assert all(r.need is None for r in gmc.requirements)
    assert policy.retention.years == 6
    assert policy.retention.source == "R110"
    assert [o.id for o in policy.development_outcomes.outcomes] == ["A", "B", "C", "D"]


def test_a_nurse_sees_how_far_she_is() -> None:
    statement = build_statement(
        cpd_policy(),
        regulator_id="nmc",
        role_id="",
        start=dt.date(2024, 1, 1),
        end=TODAY,
        today=TODAY,
        totals=Totals(cpd_hours=Decimal("32"), participatory_hours=Decimal("20"), reflections=4),
    )
    texts = [line.text for line in statement.lines]
    assert "32 of 35 hours of CPD" in texts
    assert "20 of 20 participatory hours" in texts
    assert "4 of 5 written reflective accounts" in texts
    assert not statement.all_met


def test_the_gmc_sets_no_hours_and_the_statement_says_so() -> None:
    statement = build_statement(
        cpd_policy(),
        regulator_id="gmc",
        role_id="",
        start=dt.date(2026, 1, 1),
        end=TODAY,
        today=TODAY,
        totals=Totals(cpd_hours=Decimal("12.5")),
    )
    assert statement.lines[0].text == "12.5 hours of CPD (no figure set by the regulator)"
    assert statement.all_met


def test_a_gdc_role_sets_the_hours_and_our_reading_is_marked() -> None:
    statement = build_statement(
        cpd_policy(),
        regulator_id="gdc",
        role_id="dental_nurse",
        start=dt.date(2022, 1, 1),
        end=TODAY,
        today=TODAY,
        totals=Totals(cpd_hours=Decimal("50"), pdp=0),
    )
    assert [line.text for line in statement.lines] == [
        "50 of 50 hours of verifiable CPD",
        "0 of 1 personal development plan goals (U)",
    ]


@pytest.mark.parametrize(
    ("regulator", "role", "start", "end", "field"),
    [
        ("hcpc", "", dt.date(2025, 1, 1), TODAY, "regulator"),
        ("nmc", "dentist", dt.date(2025, 1, 1), TODAY, "role"),
        ("nmc", "", TODAY, dt.date(2025, 1, 1), "end"),
        ("nmc", "", dt.date(1900, 1, 1), dt.date(1901, 1, 1), "start"),
        ("nmc", "", dt.date(2015, 1, 1), TODAY, "end"),
    ],
)
def test_a_request_it_cannot_answer_names_the_field(regulator, role, start, end, field) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StatementError) as caught:
        build_statement(
            cpd_policy(),
            regulator_id=regulator,
            role_id=role,
            start=start,
            end=end,
            today=TODAY,
            totals=Totals(),
        )
    assert caught.value.field == field


def test_hands_on_hours_are_participatory_and_online_theory_self_directed() -> None:
    split = cpd_policy().credit_split.split
    assert split(mode="online", theory=Decimal(4), hands_on=Decimal(3)) == {
        "participatory": Decimal(3),
        "self_directed": Decimal(4),
    }
    assert split(mode="in_person", theory=Decimal(4), hands_on=Decimal(3))["participatory"] == 7
