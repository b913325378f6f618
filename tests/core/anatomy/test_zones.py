"""Danger zones: built from landmarks, facts from the knowledge base, constructions as published."""

from __future__ import annotations

import math

import pytest
import shapely

from threadlift.anatomy import Face, build_zones, constructions, template_face, translate_face
from threadlift.knowledge.vocab import VIEWS, ZONE_IDS


def test_every_zone_id_has_a_construction() -> None:
    assert set(constructions()) == set(ZONE_IDS)


def test_each_zone_is_drawn_in_the_views_the_knowledge_base_names(kb) -> None:
    drawn = {view: set(build_zones(template_face(view), kb).ids) for view in VIEWS}
    for zone_id in ZONE_IDS:
        for view in kb.danger_zone(zone_id).views:
            assert zone_id in drawn[view], (zone_id, view)
    assert set().union(*drawn.values()) == set(ZONE_IDS)


@pytest.mark.parametrize("view", VIEWS)
def test_zone_facts_come_from_the_knowledge_base(kb, view) -> None:
    for zone in build_zones(template_face(view), kb).zones:
        facts = kb.danger_zone(zone.id)
        assert zone.planes_at_risk == facts.planes_at_risk
        assert zone.structure_type == facts.structure_type
        assert set(facts.sources) <= set(zone.sources)
        assert zone.geometry.is_valid
        assert zone.geometry.area > 0


def test_zones_follow_the_face_when_it_moves(kb) -> None:
    face = template_face("lateral-left")
    moved = translate_face(face, 40.0, -25.0)
    for a, b in zip(build_zones(face, kb).zones, build_zones(moved, kb).zones, strict=True):
        ax, ay = a.geometry.centroid.coords[0]
        bx, by = b.geometry.centroid.coords[0]
        assert (bx - ax, by - ay) == pytest.approx((40.0, -25.0))


def test_zones_follow_a_face_with_different_proportions(kb) -> None:
    face = template_face("lateral-left")
    wide = Face(view=face.view, landmarks={n: (1.2 * x, y) for n, (x, y) in face.landmarks.items()})
    parotid = build_zones(wide, kb).get("parotid_duct")
    itn, ch = wide.landmarks["intertragic_notch_left"], wide.landmarks["cheilion_left"]
    mid = ((itn[0] + ch[0]) / 2, (itn[1] + ch[1]) / 2)
    assert parotid is not None
    assert parotid.geometry.contains(shapely.Point(mid))


def test_seckel_zone_3_is_a_2_cm_circle_on_the_mandible_2_cm_behind_the_commissure(kb) -> None:
    face = template_face("lateral-left")
    zone = build_zones(face, kb).get("marginal_mandibular_nerve")
    assert zone is not None
    circle = zone.pieces[0].geometry
    cx, cy = circle.centroid.coords[0]
    assert math.sqrt(circle.area / math.pi) == pytest.approx(20.0, rel=0.01)
    assert cx - face.landmarks["cheilion_left"][0] == pytest.approx(20.0, abs=2.5)
    # anthropometry.md 3.2 gives the female template centre (-56.8, 77.9)
    assert (cx, cy) == pytest.approx((-56.8, 77.9), abs=1.5)


def test_the_marginal_mandibular_course_reaches_12_mm_below_the_border_behind_the_artery(
    kb,
) -> None:
    face = template_face("lateral-left")
    zone = build_zones(face, kb).get("marginal_mandibular_nerve")
    gx, gy = face.landmarks["gonion_left"]
    nx, ny = face.landmarks["antegonial_notch_left"]
    between = ((gx + nx) / 2, (gy + ny) / 2 + 11)
    assert zone is not None
    assert zone.geometry.contains(shapely.Point(between))
    in_front = face.landmarks["menton"]
    assert not zone.geometry.contains(shapely.Point(in_front[0], in_front[1] + 11))


def test_the_parotid_band_is_the_middle_third_of_the_notch_to_commissure_line(kb) -> None:
    face = template_face("lateral-left")
    zone = build_zones(face, kb).get("parotid_duct")
    (ax, ay), (bx, by) = face.landmarks["intertragic_notch_left"], face.landmarks["cheilion_left"]
    at = lambda t: shapely.Point(ax + t * (bx - ax), ay + t * (by - ay))  # noqa: E731
    assert zone is not None
    assert zone.geometry.contains(at(0.5))
    assert not zone.geometry.contains(at(0.2))
    assert not zone.geometry.contains(at(0.8))


def test_the_temporal_branch_zone_runs_along_pitanguys_line(kb) -> None:
    face = template_face("lateral-left")
    zone = build_zones(face, kb).get("temporal_branch")
    tx, ty = face.landmarks["tragion_left"]
    bx, by = face.landmarks["brow_tail_left"]
    start, end = (tx, ty + 5), (bx, by - 20)
    mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + 3)  # just below the line
    assert zone is not None
    assert zone.geometry.contains(shapely.Point(mid))


def test_the_great_auricular_zone_is_centred_65_mm_below_the_ear_canal(kb) -> None:
    face = template_face("lateral-left")
    zone = build_zones(face, kb).get("great_auricular_nerve")
    assert zone is not None
    _, cy = zone.geometry.centroid.coords[0]
    assert cy - face.landmarks["intertragic_notch_left"][1] == pytest.approx(65.0, abs=0.5)


def test_the_facial_artery_is_deep_at_the_border_and_superficial_towards_the_ala(kb) -> None:
    # Changed with issue 19: depth along the course, each part with its source (R74, A24, A26).
    zone = build_zones(template_face("lateral-left"), kb).get("facial_artery")
    assert zone is not None
    lower, exposed, upper = (p for p in zone.pieces if p.decisive)
    assert lower.planes_at_risk == ("smas", "sub_smas")
    assert "R74" in lower.sources
    assert "subcutaneous" in exposed.planes_at_risk
    assert exposed.sources == ("A24",)
    assert "subcutaneous" in upper.planes_at_risk
    assert upper.geometry.centroid.y < lower.geometry.centroid.y


def test_frontal_zones_are_built_on_both_sides(kb) -> None:
    zones = build_zones(template_face("frontal"), kb)
    for zone in zones.zones:
        xs = [p.geometry.centroid.x for p in zone.pieces]
        assert min(xs) < 0 < max(xs), zone.id


def test_a_face_missing_a_landmark_a_zone_needs_names_it(kb) -> None:
    face = template_face("lateral-left")
    landmarks = {n: xy for n, xy in face.landmarks.items() if n != "cheilion_left"}
    with pytest.raises(ValueError, match="cheilion_left"):
        build_zones(Face(view="lateral-left", landmarks=landmarks), kb)


def test_zones_are_built_once_per_face(kb) -> None:
    face = template_face("frontal")
    assert build_zones(face, kb) is build_zones(template_face("frontal"), kb)


def test_a_zone_set_can_be_looked_up_by_zone_id(kb) -> None:
    zones = build_zones(template_face("frontal"), kb)
    assert "facial_artery" in zones
    assert zones["facial_artery"].id == "facial_artery"
    assert len(zones) == len(list(zones))
    with pytest.raises(KeyError, match="no_such_zone"):
        zones["no_such_zone"]  # every zone is drawn in every view since issue 9
