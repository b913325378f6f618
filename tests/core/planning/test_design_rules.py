"""Design, direction, off-label use and the nose: findings that lower efficacy."""

from __future__ import annotations

from typing import Any

from threadlift.planning import parse_plan, score_plan
from threadlift.planning.offlabel import off_label_uses

from .helpers import BIDI, UNI, by_rule, plan, thread

TEMPORAL_ANCHOR = {"landmark": "tragion_left", "anterior_mm": 20, "superior_mm": 55}
MALAR = {"landmark": "alare_left", "anterior_mm": -24, "superior_mm": 2}
TIP = {"landmark": "pronasale", "anterior_mm": -3, "superior_mm": 13}
UNSPECIFIED_COG = "aptos_excellence_visage"


def score(kb, raw: dict[str, Any]):
    return score_plan(parse_plan(raw), kb)


def temple(product: Any) -> dict[str, Any]:
    return plan("lateral-left", "temple", thread(TEMPORAL_ANCHOR, [-40.0, 15.0], product=product))


def test_a_bidirectional_cog_where_the_technique_needs_a_unidirectional_one_is_a_finding(
    kb,
) -> None:
    bidi, uni = score(kb, temple(BIDI)), score(kb, temple(UNI))
    found = by_rule(bidi, "design")
    assert [f.severity for f in found] == ["warning"]
    assert "cog_unidirectional" in found[0].message
    assert by_rule(uni, "design") == []
    assert bidi.efficacy < uni.efficacy


def test_only_a_cog_of_unknown_orientation_may_stand_in_for_either(kb) -> None:
    s = score(kb, temple(UNSPECIFIED_COG))
    assert by_rule(s, "design") == []


def test_a_bidirectional_thread_drawn_backwards_has_the_same_direction(kb) -> None:
    forwards = score(kb, plan("lateral-left", "midface", thread(TEMPORAL_ANCHOR, MALAR)))
    backwards = score(kb, plan("lateral-left", "midface", thread(MALAR, TEMPORAL_ANCHOR)))
    assert by_rule(forwards, "lift_vector") == by_rule(backwards, "lift_vector") == []
    assert forwards.efficacy == backwards.efficacy


def test_a_cone_thread_drawn_backwards_has_the_same_direction(kb) -> None:
    cone = {"material": "plla", "design": "cone", "length_mm": 60, "gauge": "23G"}
    back = score(kb, plan("lateral-left", "midface", thread(MALAR, TEMPORAL_ANCHOR, product=cone)))
    assert by_rule(back, "lift_vector") == []


def test_a_unidirectional_thread_pulling_down_fails(kb) -> None:
    s = score(kb, plan("lateral-left", "midface", thread(MALAR, TEMPORAL_ANCHOR, product=UNI)))
    assert [f.severity for f in by_rule(s, "lift_vector")] == ["critical"]


# ------------------------------------------------------------------ off-label use


def midface(product: str) -> dict[str, Any]:
    return plan("lateral-left", "midface", *[thread(TEMPORAL_ANCHOR, MALAR, product=product)] * 2)


def test_a_product_cleared_for_approximation_only_used_to_lift_is_named_off_label(kb) -> None:
    s = score(kb, midface("contour_thread_pdo"))
    found = by_rule(s, "off_label")
    assert [f.thread for f in found] == [0, 1]
    assert "soft tissue approximation" in found[0].message.lower()
    assert "K053380" in found[0].message
    assert "R23" in found[0].sources


def test_off_label_use_lowers_efficacy(kb) -> None:
    off, on = score(kb, midface("contour_thread_pdo")), score(kb, midface("mint"))
    assert by_rule(on, "off_label") == []
    assert off.efficacy < on.efficacy


def test_off_label_uses_is_a_pure_function_of_plan_and_knowledge(kb) -> None:
    uses = off_label_uses(parse_plan(midface("secret_line_up")), kb)
    assert [u.thread for u in uses] == [0, 1]
    first = uses[0]
    assert first.product == "secret_line_up"
    assert first.indication == "midface"
    assert any("K240389" in ref for ref in first.references)
    assert "R23" in first.sources
    assert "not for lifting" in " ".join(first.cleared_for)


def test_inline_products_are_not_called_off_label(kb) -> None:
    raw = plan("lateral-left", "midface", thread(TEMPORAL_ANCHOR, MALAR))
    assert off_label_uses(parse_plan(raw), kb) == ()


def test_a_product_without_a_recorded_clearance_is_called_off_label_or_unknown(kb) -> None:
    # Changed: this used to pass silently while the consent document called the same product
    # "off-label or unknown"; the stricter answer is now shared by both (one clearance reading).
    uses = off_label_uses(parse_plan(midface(UNSPECIFIED_COG)), kb)
    assert [u.thread for u in uses] == [0, 1]
    assert uses[0].references == ()
    assert "no regulatory clearance recorded" in uses[0].message
    assert "unconfirmed" in uses[0].message


def test_an_unconfirmed_reading_of_a_clearance_is_said_to_be_ours(kb) -> None:
    raw = plan("lateral-left", "neck", thread([-20.0, 60.0], [-60.0, 75.0], product="mint"))
    (use,) = off_label_uses(parse_plan(raw), kb)
    assert use.unconfirmed == ("FDA 510(k) K220549",)
    assert "our reading of FDA 510(k) K220549 is unconfirmed" in use.message


def test_a_product_cleared_for_mid_face_suspension_is_off_label_in_the_neck(kb) -> None:
    raw = plan(
        "lateral-left", "neck", thread([-20.0, 60.0], [-60.0, 75.0], product="silhouette_instalift")
    )
    uses = off_label_uses(parse_plan(raw), kb)
    assert [u.thread for u in uses] == [0]


# ------------------------------------------------------------------ the nose


def test_superficial_tip_threads_get_an_extrusion_finding_with_its_source(kb) -> None:
    s = score(
        kb,
        plan("lateral-left", "nose", thread(TIP, {"landmark": "subnasale"}, plane="subcutaneous")),
    )
    found = [f for f in by_rule(s, "plane_suitability") if "extru" in f.message]
    assert [f.severity for f in found] == ["warning"]
    assert "R43" in found[0].sources


def test_deep_tip_threads_have_no_extrusion_finding(kb) -> None:
    s = score(
        kb, plan("lateral-left", "nose", thread(TIP, {"landmark": "subnasale"}, plane="periosteal"))
    )
    assert [f for f in by_rule(s, "plane_suitability") if "extru" in f.message] == []
