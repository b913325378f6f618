"""Points that cannot be meant: bad input naming the field, never a score."""

from __future__ import annotations

import pytest

from threadlift.anatomy import BetweenPoint
from threadlift.planning import Plan, PlanError, Thread, parse_plan, score_plan

from .helpers import plan, thread

GOOD = {"landmark": "tragion_left", "anterior_mm": 20, "superior_mm": 50}


@pytest.mark.parametrize("t", [-0.1, 1.5])
def test_a_between_fraction_outside_0_to_1_is_bad_input_naming_the_field(t) -> None:
    between = {"between": ["tragion_left", "cheilion_left"], "t": t}
    with pytest.raises(PlanError) as err:
        parse_plan(plan("lateral-left", "jowl", thread(GOOD, between)))
    assert err.value.field == "threads[0].path[0].t"


def test_a_plan_built_in_code_is_checked_too(kb) -> None:
    bad = BetweenPoint(between=("tragion_left", "cheilion_left"), t=2.0)
    p = Plan(
        view="lateral-left",
        indication="jowl",
        threads=(Thread(product="mint", entry=bad, path=((-40.0, 20.0),), plane="subcutaneous"),),
    )
    with pytest.raises(PlanError) as err:
        score_plan(p, kb)
    assert err.value.field == "threads[0].entry.t"


def test_a_point_far_outside_the_face_is_bad_input_naming_the_field(kb) -> None:
    raw = plan("lateral-left", "jowl", thread(GOOD, [-40.0, 20.0], [400.0, 20.0]))
    with pytest.raises(PlanError) as err:
        score_plan(parse_plan(raw), kb)
    assert err.value.field == "threads[0].path[1]"
    assert "outside" in err.value.message


def test_a_point_just_beyond_the_landmarks_is_accepted(kb) -> None:
    # behind the ear over the mastoid: beyond the landmarks, inside the face's region
    mastoid = {"landmark": "otobasion_inferius_left", "anterior_mm": -35}
    raw = plan("lateral-left", "neck", thread(mastoid, [-20.0, 60.0]))
    assert score_plan(parse_plan(raw), kb) is not None
