"""Each scoring rule on hand-made plans (template faces)."""

from __future__ import annotations

from typing import Any

import pytest

from threadlift.planning import parse_plan, score_plan

from .helpers import BIDI, MONO, UNI, by_rule, plan, thread

PAROTID_MID = {"between": ["intertragic_notch_left", "cheilion_left"], "t": 0.5}
TEMPORAL_ANCHOR = {"landmark": "tragion_left", "anterior_mm": 20, "superior_mm": 55}
MALAR = {"landmark": "alare_left", "anterior_mm": -24, "superior_mm": 2}


def score(kb, raw: dict[str, Any]):
    return score_plan(parse_plan(raw), kb)


def crossing(kb, plane: str, *points: Any, view: str = "lateral-left") -> list[Any]:
    s = score(kb, plan(view, "jowl", thread(points[0], *points[1:], plane=plane)))
    return by_rule(s, "zone_crossing")


# ------------------------------------------------------------------ zone crossing


def test_crossing_a_zone_in_a_plane_where_its_structure_is_at_risk_is_critical(kb) -> None:
    found = crossing(kb, "sub_smas", [-25.0, 20.0], PAROTID_MID, [-40.0, 45.0])
    parotid = [f for f in found if f.zone == "parotid_duct"]
    assert [f.severity for f in parotid] == ["critical"]
    assert "sub_smas" in parotid[0].message
    assert {"R36", "R37"} <= set(parotid[0].sources)


def test_crossing_superficial_to_the_structure_is_a_warning_with_the_reason(kb) -> None:
    found = crossing(kb, "subcutaneous", [-25.0, 20.0], PAROTID_MID, [-40.0, 45.0])
    parotid = [f for f in found if f.zone == "parotid_duct"]
    assert [f.severity for f in parotid] == ["warning"]
    assert "superficial" in parotid[0].message


def test_crossing_deep_to_the_structure_is_critical_because_the_thread_passed_its_level(kb) -> None:
    found = crossing(kb, "periosteal", [-25.0, 20.0], PAROTID_MID, [-40.0, 45.0])
    assert [f.severity for f in found if f.zone == "parotid_duct"] == ["critical"]


def test_an_entry_point_inside_a_zone_counts_as_crossing_it(kb) -> None:
    found = crossing(kb, "sub_smas", PAROTID_MID, [-45.0, -10.0])
    assert any(f.zone == "parotid_duct" and f.severity == "critical" for f in found)


def test_a_thread_clear_of_every_zone_has_no_zone_finding(kb) -> None:
    assert crossing(kb, "sub_smas", [-60.0, -60.0], [-75.0, -70.0]) == []


def test_the_facial_artery_depth_changes_along_its_course(kb) -> None:
    # Changed with issue 19: over the mandible the artery lies beneath the platysma and near the
    # angle of the mouth under the mimetic muscles (R74), superficial towards the ala (A26): a
    # subcutaneous crossing at the border is a warning, at the ala critical.
    near_nose = {"landmark": "alare_left", "anterior_mm": -7.5, "superior_mm": -10}
    upper = crossing(kb, "subcutaneous", [-60.0, 0.0], near_nose)
    assert [f.severity for f in upper if f.zone == "facial_artery"] == ["critical"]
    at_border = {"landmark": "antegonial_notch_left", "superior_mm": 2}
    lower = crossing(kb, "subcutaneous", [-20.0, 80.0], at_border, [-45.0, 75.0])
    found = [f for f in lower if f.zone == "facial_artery"]
    assert [f.severity for f in found] == ["warning"]
    assert "safe only if the plane is held" in found[0].message.lower()
    deep = crossing(kb, "smas", [-20.0, 80.0], at_border, [-45.0, 75.0])
    assert [f.severity for f in deep if f.zone == "facial_artery"] == ["critical"]


def test_frontal_zones_are_checked_on_both_sides(kb) -> None:
    mental_right = {"landmark": "cheilion_right", "medial_mm": 3.3, "superior_mm": -20.4}
    s = score(
        kb, plan("frontal", "marionette", thread([-40.0, 95.0], mental_right, plane="periosteal"))
    )
    assert any(f.zone == "mental_nerve" and f.severity == "critical" for f in s.findings)


# ------------------------------------------------------------------ plane suitability


def test_barbed_threads_in_the_dermis_are_critical_for_dimpling_and_extrusion(kb) -> None:
    s = score(kb, plan("lateral-left", "midface", thread(TEMPORAL_ANCHOR, MALAR, plane="dermis")))
    found = by_rule(s, "plane_suitability")
    assert any(f.severity == "critical" and "dimple" in f.message for f in found)
    assert not s.passed


def test_lifting_threads_below_the_smas_in_the_lateral_face_are_critical(kb) -> None:
    s = score(kb, plan("lateral-left", "midface", thread(TEMPORAL_ANCHOR, MALAR, plane="sub_smas")))
    assert any(f.severity == "critical" for f in by_rule(s, "plane_suitability"))
    assert not s.passed


def test_deep_threads_in_the_nose_are_not_treated_as_lateral_face_lifting(kb) -> None:
    tip = {"landmark": "pronasale", "anterior_mm": -3, "superior_mm": 13}
    s = score(
        kb, plan("lateral-left", "nose", thread(tip, {"landmark": "subnasale"}, plane="periosteal"))
    )
    assert not any(f.severity == "critical" for f in by_rule(s, "plane_suitability"))


def test_smooth_threads_below_the_smas_are_a_warning(kb) -> None:
    s = score(
        kb,
        plan(
            "lateral-left", "jowl", thread([-20.0, 20.0], [-45.0, 55.0], plane="smas", product=MONO)
        ),
    )
    assert not [f for f in by_rule(s, "plane_suitability") if f.severity == "critical"]
    s = score(
        kb,
        plan(
            "lateral-left",
            "jowl",
            thread([-20.0, 20.0], [-45.0, 55.0], plane="sub_smas", product=MONO),
        ),
    )
    assert [f.severity for f in by_rule(s, "plane_suitability") if "minimally" in f.message] == [
        "warning"
    ]


def test_a_plane_other_than_the_published_one_is_a_warning(kb) -> None:
    s = score(kb, plan("lateral-left", "midface", thread(TEMPORAL_ANCHOR, MALAR, plane="smas")))
    found = by_rule(s, "plane_suitability")
    assert any(f.severity == "warning" and "subcutaneous" in f.message for f in found)


# ------------------------------------------------------------------ lift vector


def test_a_thread_along_the_published_lift_direction_has_no_vector_finding(kb) -> None:
    s = score(kb, plan("lateral-left", "midface", thread(TEMPORAL_ANCHOR, MALAR)))
    assert by_rule(s, "lift_vector") == []


def test_a_thread_across_the_lift_direction_is_graded_as_a_warning(kb) -> None:
    # Changed with issue 9 (was: a bidirectional thread drawn from the malar end "pulling
    # down"): a thread without a fixed end has an axis, not an arrow, so drawing it backwards
    # no longer reverses it; a unidirectional one pulling down now fails (test_verdict.py).
    # midface lifts 30° from vertical towards posterior; a horizontal axis is 60° away.
    across = {"landmark": "alare_left", "anterior_mm": -64, "superior_mm": 2}
    s = score(kb, plan("lateral-left", "midface", thread(MALAR, across)))
    assert [f.severity for f in by_rule(s, "lift_vector")] == ["warning"]


def test_a_moderate_deviation_is_graded_as_information(kb) -> None:
    # midface: 30° from vertical towards posterior; this pull is about 65°
    s = score(kb, plan("lateral-left", "midface", thread([-20.0, 0.0], [-64.0, 20.0])))
    assert [f.severity for f in by_rule(s, "lift_vector")] == ["info"]


def test_indications_without_a_lift_direction_are_not_graded(kb) -> None:
    tip = {"landmark": "pronasale", "anterior_mm": -3, "superior_mm": 13}
    s = score(
        kb, plan("lateral-left", "nose", thread({"landmark": "subnasale"}, tip, plane="periosteal"))
    )
    assert by_rule(s, "lift_vector") == []


# ------------------------------------------------------------------ fixation


def test_a_unidirectional_thread_fixed_in_the_temporal_fascia_is_anchored(kb) -> None:
    s = score(
        kb, plan("lateral-left", "temple", thread(TEMPORAL_ANCHOR, [-40.0, 15.0], product=UNI))
    )
    assert by_rule(s, "fixation") == []


def test_a_floating_unidirectional_thread_is_critical(kb) -> None:
    # Changed with issue 9: a floating unidirectional thread fails the plan (was a warning).
    s = score(
        kb, plan("lateral-left", "temple", thread([-30.0, -20.0], [-45.0, 15.0], product=UNI))
    )
    found = by_rule(s, "fixation")
    assert [f.severity for f in found] == ["critical"]
    assert "R27" in found[0].sources


def test_bidirectional_threads_need_no_anchor_at_their_entry_only_a_half_in_a_fixing_area(
    kb,
) -> None:
    # entered in the area to lift, its far half in the temporal anchoring band: it engages both
    cheek = {"landmark": "zygion_left", "anterior_mm": 10, "superior_mm": -15}
    s = score(kb, plan("lateral-left", "temple", thread(cheek, TEMPORAL_ANCHOR, product=BIDI)))
    assert by_rule(s, "fixation") == []


# ------------------------------------------------------------------ length


@pytest.mark.parametrize(
    ("end", "expected"),
    [([-20.0, 75.0], ["critical"]), ([-20.0, 25.0], ["warning"]), ([-20.0, 50.0], [])],
)
def test_path_length_is_checked_against_the_thread_length(kb, end, expected) -> None:
    # a 60 mm thread from (-20, 0): 75 mm too long, 25 mm too short (< half), 50 mm fits;
    # changed with issue 9: a path the thread cannot reach fails the plan (was a warning)
    s = score(kb, plan("lateral-left", "jowl", thread([-20.0, 0.0], end)))
    assert [f.severity for f in by_rule(s, "length")] == expected


def test_a_product_without_a_published_length_is_reported_not_guessed(kb) -> None:
    s = score(
        kb, plan("lateral-left", "jowl", thread([-20.0, 20.0], [-45.0, 55.0], product="mint"))
    )
    assert [f.severity for f in by_rule(s, "length")] == ["info"]


# ------------------------------------------------------------------ coverage and count


def test_threads_away_from_the_target_area_leave_it_uncovered(kb) -> None:
    s = score(kb, plan("lateral-left", "jowl", thread([-20.0, -40.0], [-50.0, -30.0])))
    assert [f.severity for f in by_rule(s, "coverage")] == ["critical"]  # an objective
    assert not s.passed


def test_threads_through_the_target_area_cover_it(kb) -> None:
    jowl = [
        {"landmark": "antegonial_notch_left", "anterior_mm": a, "superior_mm": 11}
        for a in (0, 12, 24)
    ]
    raw = plan(
        "lateral-left", "jowl", *(thread([-15.0, 10.0 + 8 * i], p) for i, p in enumerate(jowl))
    )
    assert by_rule(score(kb, raw), "coverage") == []


def test_thread_count_per_side_is_checked_against_the_published_range(kb) -> None:
    one = score(kb, plan("lateral-left", "midface", thread(TEMPORAL_ANCHOR, MALAR)))
    # below the published minimum: the objective is not met
    assert [f.severity for f in by_rule(one, "thread_count")] == ["critical"]
    five = score(kb, plan("lateral-left", "midface", *[thread(TEMPORAL_ANCHOR, MALAR)] * 5))
    assert [f.severity for f in by_rule(five, "thread_count")] == ["warning"]
    three = score(kb, plan("lateral-left", "midface", *[thread(TEMPORAL_ANCHOR, MALAR)] * 3))
    assert by_rule(three, "thread_count") == []


def test_frontal_plans_count_each_side(kb) -> None:
    left = [thread([20.0, 45.0 + i], [28.0, 72.0 + i]) for i in range(5)]
    # The nasolabial range is 2-5 per side (Bertossi 2-3, R7; Suh 5, R13): one is too few.
    right = [thread([-20.0, 45.0 + i], [-28.0, 72.0 + i]) for i in range(1)]
    found = by_rule(score(kb, plan("frontal", "nasolabial", *left, *right)), "thread_count")
    assert len(found) == 1
    assert "right" in found[0].message


def test_a_plan_without_threads_fails(kb) -> None:
    s = score(kb, plan("lateral-left", "jowl"))
    assert by_rule(s, "thread_count")
    assert not s.passed


# ------------------------------------------------------------------ symmetry


def test_a_mirror_image_frontal_plan_is_symmetric(kb) -> None:
    s = score(
        kb,
        plan(
            "frontal",
            "jowl",
            thread([55.0, 60.0], [42.0, 85.0]),
            thread([-55.0, 60.0], [-42.0, 85.0]),
        ),
    )
    assert by_rule(s, "symmetry") == []


def test_an_unmatched_thread_breaks_symmetry(kb) -> None:
    s = score(
        kb,
        plan(
            "frontal",
            "jowl",
            thread([55.0, 60.0], [42.0, 85.0]),
            thread([-55.0, 40.0], [-30.0, 70.0]),
        ),
    )
    assert sorted(f.thread for f in by_rule(s, "symmetry")) == [0, 1]


def test_lateral_plans_are_not_checked_for_symmetry(kb) -> None:
    s = score(kb, plan("lateral-left", "jowl", thread([-20.0, 20.0], [-45.0, 55.0])))
    assert by_rule(s, "symmetry") == []
