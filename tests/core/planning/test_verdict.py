"""A plan that would harm or fail the patient does not pass: each rule on a hand-made plan."""

from __future__ import annotations

from typing import Any

import pytest

from threadlift.planning import parse_plan, reference_plan, score_plan
from threadlift.planning.params import rules

from .helpers import BIDI, UNI, by_rule, plan, thread

PREAURICULAR = {"landmark": "intertragic_notch_left", "anterior_mm": 18, "superior_mm": 6}
JOWL = {
    "landmark": "antegonial_notch_left",
    "anterior_mm": 8,
    "superior_mm": 18,
}  # behind the artery
TEMPORAL_ANCHOR = {"landmark": "tragion_left", "anterior_mm": 20, "superior_mm": 55}
ABOVE_ANCHOR = {"landmark": "tragion_left", "anterior_mm": 20, "superior_mm": 100}


def score(kb, raw: dict[str, Any]):
    return score_plan(parse_plan(raw), kb)


def criticals(s: Any, rule: str) -> list[Any]:
    return [f for f in by_rule(s, rule) if f.severity == "critical"]


def test_a_reversed_unidirectional_jowl_thread_fails_naming_the_rule_and_thread(kb) -> None:
    # fixed end (entry) in the jowl, barbs pulling the pre-auricular skin down towards it
    s = score(kb, plan("lateral-left", "jowl", thread(JOWL, PREAURICULAR, product=UNI)))
    assert not s.passed
    reversed_ = criticals(s, "lift_vector")
    assert [f.thread for f in reversed_] == [0]
    assert "against" in reversed_[0].message
    in_target = criticals(s, "fixation")
    assert in_target
    assert "area to be lifted" in " ".join(f.message for f in in_target)


def test_the_same_thread_the_right_way_round_has_no_critical_direction_or_fixation(kb) -> None:
    s = score(kb, plan("lateral-left", "jowl", thread(PREAURICULAR, JOWL, product=UNI)))
    assert criticals(s, "lift_vector") == []
    assert criticals(s, "fixation") == []


def test_an_anchored_unidirectional_thread_pulling_beyond_the_tolerance_fails(kb) -> None:
    # fixed in the temporal fascia, but the barbs run upwards: tissue is pulled down
    s = score(
        kb, plan("lateral-left", "midface", thread(TEMPORAL_ANCHOR, ABOVE_ANCHOR, product=UNI))
    )
    assert by_rule(s, "fixation") == []
    assert [f.thread for f in criticals(s, "lift_vector")] == [0]
    assert not s.passed


def test_a_reversal_within_the_tolerance_is_graded_not_failed(kb) -> None:
    tolerance = float(rules().verdict["reversed_pull_deg"])
    assert 90 <= tolerance < 180
    # midface lift is 30°; a pull straight back (90°) is 60° off: a warning, not a failure
    s = score(
        kb,
        plan("lateral-left", "midface", thread(TEMPORAL_ANCHOR, [-60.0, -55.0], product=UNI)),
    )
    assert criticals(s, "lift_vector") == []


def test_a_floating_unidirectional_thread_fails(kb) -> None:
    s = score(
        kb, plan("lateral-left", "temple", thread([-30.0, -20.0], [-45.0, 15.0], product=UNI))
    )
    found = criticals(s, "fixation")
    assert [f.thread for f in found] == [0]
    assert "anchoring area" in found[0].message
    assert not s.passed


def test_a_path_longer_than_the_thread_fails(kb) -> None:
    s = score(kb, plan("lateral-left", "jowl", thread([-20.0, 0.0], [-20.0, 75.0])))
    found = criticals(s, "length")
    assert [f.thread for f in found] == [0]
    assert "75 mm" in found[0].message
    assert "60 mm" in found[0].message
    assert not s.passed


def test_a_path_within_the_length_tolerance_is_not_failed(kb) -> None:
    tol = float(rules().length["too_long_tolerance_mm"])
    s = score(kb, plan("lateral-left", "jowl", thread([-20.0, 0.0], [-20.0, 60.0 + tol / 2])))
    assert criticals(s, "length") == []


def test_a_thread_count_well_outside_the_published_range_fails(kb) -> None:
    base = reference_plan("brow")
    tol = int(rules().verdict["thread_count_tolerance"])
    many = base.model_copy(update={"threads": base.threads * (2 + tol)})  # 1 per side published
    s = score_plan(many, kb)
    found = criticals(s, "thread_count")
    assert len(found) == 2  # each side
    assert not s.passed


def test_a_thread_count_just_outside_the_range_is_a_warning(kb) -> None:
    base = reference_plan("brow")
    s = score_plan(base.model_copy(update={"threads": base.threads * 2}), kb)
    assert [f.severity for f in by_rule(s, "thread_count")] == ["warning", "warning"]


def test_a_plan_below_the_safety_floor_fails_even_without_another_critical(kb) -> None:
    floor = float(rules().verdict["safety_floor"])
    # temple has no published count; superficial crossings of the temporal branch and of the
    # superficial temporal artery's frontal branch (in the temporoparietal fascia) are warnings
    crossing = thread(
        {"landmark": "tragion_left", "anterior_mm": 20, "superior_mm": 50},
        {"landmark": "zygion_left", "anterior_mm": 10, "superior_mm": -15},
        plane="subcutaneous",
        product=UNI,
    )
    s = score(kb, plan("lateral-left", "temple", *[crossing] * 16))
    others = [f for f in s.findings if f.severity == "critical" and f.rule != "safety_floor"]
    assert others == []
    assert s.safety < floor
    assert [f.thread for f in criticals(s, "safety_floor")] == [None]
    assert not s.passed


def test_the_verdict_policy_is_marked_unconfirmed() -> None:
    assert rules().verdict["status"] == "unconfirmed"


# ------------------------------------------------------------------ near misses


def _near_parotid(kb, plane: str, gap: float):
    from threadlift.anatomy import build_zones, template_face

    zone = build_zones(template_face("lateral-left"), kb)["parotid_duct"]
    x0, _, _, _ = zone.geometry.bounds
    vx, vy = min(zone.geometry.exterior.coords, key=lambda p: p[0])
    assert vx == pytest.approx(x0)
    line = thread([vx - gap, vy - 6.0], [vx - gap, vy + 6.0], plane=plane)
    return score(kb, plan("lateral-left", "jowl", line))


def test_a_thread_just_outside_a_zone_in_a_risky_plane_gets_a_near_miss_warning(kb) -> None:
    s = _near_parotid(kb, "sub_smas", 2.1)
    found = [f for f in by_rule(s, "near_miss") if f.zone == "parotid_duct"]
    assert [f.severity for f in found] == ["warning"]
    assert "2.1 mm from the" in found[0].message


def test_no_near_miss_in_a_plane_superficial_to_the_structure(kb) -> None:
    s = _near_parotid(kb, "subcutaneous", 2.1)
    assert [f for f in by_rule(s, "near_miss") if f.zone == "parotid_duct"] == []


def test_no_near_miss_beyond_the_margin(kb) -> None:
    margin = float(rules().near_miss["margin_mm"])
    s = _near_parotid(kb, "sub_smas", margin + 1.0)
    assert [f for f in by_rule(s, "near_miss") if f.zone == "parotid_duct"] == []


def test_bidirectional_threads_are_not_held_to_the_unidirectional_rules(kb) -> None:
    s = score(kb, plan("lateral-left", "jowl", thread(JOWL, PREAURICULAR, product=BIDI)))
    assert criticals(s, "lift_vector") == []
    assert criticals(s, "fixation") == []
