"""Registration numbers are checked for the shape their register publishes (marked unconfirmed)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threadlift.catalog import check_registration
from threadlift.knowledge import load_knowledge

KB = load_knowledge()


@pytest.mark.parametrize(
    ("regulator", "number"),
    [("GMC", "1234567"), ("nmc", "12a3456e"), ("GDC", "81234"), ("Ahpra", "MED0001234567")],
)
def test_a_number_of_the_published_shape_passes(regulator: str, number: str) -> None:
    check = check_registration(KB, regulator=regulator, number=number)
    assert check.ok, check.problem
    assert check.marks == ("unconfirmed",)  # no source states the format yet: shown as such


@pytest.mark.parametrize(
    ("regulator", "number"),
    [
        ("GMC", "DEMO-0000001"),
        ("GMC", "123456"),
        ("General Medical Council", "12345678"),
        ("NMC", "1234567"),
        ("GDC", "ABC"),
        ("AHPRA", "MED123"),
    ],
)
def test_a_number_of_another_shape_is_a_problem_naming_the_format(
    regulator: str, number: str
) -> None:
    check = check_registration(KB, regulator=regulator, number=number)
    assert not check.ok
    assert "for example" in (check.problem or "")


def test_a_regulator_without_a_published_format_takes_any_text() -> None:
    check = check_registration(KB, regulator="Texas Medical Board", number="Q-1234 x")
    assert check.ok
    assert check.register_id is None
    assert check.number == "Q-1234 x"


@pytest.mark.parametrize(("regulator", "number"), [("", "1234567"), ("GMC", ""), ("  ", " ")])
def test_a_missing_regulator_or_number_is_a_problem(regulator: str, number: str) -> None:
    assert not check_registration(KB, regulator=regulator, number=number).ok


def test_a_register_of_another_country_or_profession_is_a_warning_for_the_verifier() -> None:
    check = check_registration(
        KB, regulator="GMC", number="1234567", jurisdiction="AU", profession="registered_nurse"
    )
    assert check.ok
    assert len(check.warnings) == 2


@given(st.lists(st.sampled_from([" ", ""]), min_size=8, max_size=8))
def test_spaces_and_case_never_change_the_verdict(gaps: list[str]) -> None:
    typed = "".join(g + c for g, c in zip(gaps, "12a3456e", strict=True))
    check = check_registration(KB, regulator="NMC", number=typed)
    assert check.ok
    assert check.number == "12A3456E"
