"""A JSON integer beyond float range is bad input naming its field, not an OverflowError."""

from __future__ import annotations

import pytest

from threadlift.planning import PlanError, parse_plan


def test_an_integer_too_large_for_a_float_is_refused_with_its_field_path() -> None:
    plan = {
        "view": "lateral-left",
        "indication": "jowl",
        "threads": [{"product": "x", "entry": [10**400, 0], "path": [[1, 2]], "plane": "smas"}],
    }
    with pytest.raises(PlanError) as caught:
        parse_plan(plan)
    assert caught.value.field == "threads[0].entry[0]"
