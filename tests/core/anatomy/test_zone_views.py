"""Every danger zone in every view, and the anatomy data agreeing with the knowledge base."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threadlift.anatomy import build_zones, constructions, template_face
from threadlift.anatomy.zones import zone_planes
from threadlift.knowledge import load_knowledge
from threadlift.knowledge.vocab import PLANES, VIEWS, ZONE_IDS
from threadlift.planning import parse_plan, score_plan

KB = load_knowledge()


def test_every_zone_is_built_in_every_view() -> None:
    for view in VIEWS:
        assert set(build_zones(template_face(view), KB).ids) == set(ZONE_IDS), view


def test_the_knowledge_base_names_every_view_for_every_zone() -> None:
    for zone_id in ZONE_IDS:
        assert set(KB.danger_zone(zone_id).views) == set(VIEWS), zone_id


def test_each_zones_planes_at_risk_in_the_anatomy_data_equal_the_knowledge_record() -> None:
    for zone_id in constructions():
        assert zone_planes()[zone_id] == tuple(KB.danger_zone(zone_id).planes_at_risk), zone_id


def test_every_zones_record_planes_are_the_union_of_its_built_pieces_planes() -> None:
    for view in VIEWS:
        for zone in build_zones(template_face(view), KB):
            union = {pl for piece in zone.pieces for pl in piece.planes_at_risk}
            assert union == set(zone.planes_at_risk), (view, zone.id)
            for piece in zone.pieces:
                assert set(piece.planes_at_risk) <= set(zone.planes_at_risk), (view, zone.id)


def test_the_facial_artery_record_and_its_construction_agree_at_the_mandibular_border() -> None:
    record = KB.danger_zone("facial_artery")
    assert {"subcutaneous", "smas", "sub_smas"} == set(record.planes_at_risk)
    assert "R74" in record.sources  # beneath the platysma over the mandible
    zone = build_zones(template_face("lateral-left"), KB)["facial_artery"]
    border = zone.pieces[0]
    assert border.planes_at_risk == ("smas", "sub_smas")
    assert "A26" not in border.sources  # A26 measured another segment


# ------------------------------------------------------------------ the same thread, two views


def brow_in(view: str, plane: str) -> Any:
    """A lateral-brow thread through Seckel's zone 2, in landmark terms both views share."""
    raw = {
        "view": view,
        "indication": "brow",
        "threads": [
            {
                "product": "mint",
                "entry": {"between": ["frontotemporale_left", "tragion_left"], "t": 0.25},
                "path": [
                    {"between": ["brow_tail_left", "tragion_left"], "t": 0.3},
                    {"landmark": "brow_tail_left"},
                ],
                "plane": plane,
            }
        ],
    }
    return parse_plan(raw)


def zone_verdicts(plan: Any) -> dict[str, str]:
    score = score_plan(plan, KB)
    return {f.zone: f.severity for f in score.findings if f.rule == "zone_crossing" and f.zone}


def test_a_brow_thread_in_the_smas_is_critical_from_the_front_as_from_the_side() -> None:
    front = zone_verdicts(brow_in("frontal", "smas"))
    side = zone_verdicts(brow_in("lateral-left", "smas"))
    assert front.get("temporal_branch") == side.get("temporal_branch") == "critical"
    superficial = zone_verdicts(brow_in("frontal", "subcutaneous"))
    assert superficial.get("temporal_branch") == "warning"
    assert not score_plan(brow_in("frontal", "smas"), KB).passed


def test_frontal_marionette_threads_in_the_smas_in_seckels_zone_3_fail() -> None:
    zone3 = {"between": ["mandible_border_mid_left", "menton"], "t": 0.44}
    raw = {
        "view": "frontal",
        "indication": "marionette",
        "threads": [
            {
                "product": "mint",
                "entry": {"landmark": "cheilion_left", "medial_mm": -6, "superior_mm": -4},
                "path": [zone3],
                "plane": "smas",
            }
        ],
    }
    score = score_plan(parse_plan(raw), KB)
    assert any(
        f.zone == "marginal_mandibular_nerve" and f.severity == "critical" for f in score.findings
    )
    assert not score.passed


# Landmarks both views show, on the subject's left. A between-point of two neighbouring
# landmarks (within 40 mm of each other in both views) lies near the skin between them, so it
# means the same spot in either projection; a point between distant landmarks lies on a chord
# through the head, which each view projects somewhere else, so it is not "the same thread".
_FRONT, _SIDE = template_face("frontal"), template_face("lateral-left")
SHARED = sorted(set(_FRONT.landmarks) & set(_SIDE.landmarks))
NEIGHBOURS = [
    (a, b)
    for i, a in enumerate(SHARED)
    for b in SHARED[i + 1 :]
    if max(
        math.dist(_FRONT.landmarks[a], _FRONT.landmarks[b]),
        math.dist(_SIDE.landmarks[a], _SIDE.landmarks[b]),
    )
    <= 40.0
]
between = st.builds(
    lambda pair, t: {"between": list(pair), "t": t},
    st.sampled_from(NEIGHBOURS),
    st.floats(0.05, 0.95),
)


def _clear_verdicts(view: str, points: list[Any], plane: str) -> dict[str, str | None]:
    """Zone → verdict for the zones whose outline the thread is not close to in this view."""
    import shapely

    from threadlift.anatomy.points import resolve_point

    face = template_face(view)
    zones = build_zones(face, KB)
    line = shapely.LineString([resolve_point(p, face) for p in points])
    margin = 6.0  # outlines are approximate: verdicts are compared away from the boundary
    plan = parse_plan(
        {
            "view": view,
            "indication": "jowl",
            "threads": [
                {"product": "mint", "entry": points[0], "path": points[1:], "plane": plane}
            ],
        }
    )
    found = zone_verdicts(plan)
    out: dict[str, str | None] = {}
    for zone in zones:
        geom = shapely.union_all([p.geometry for p in zone.pieces if on_left(face, p.geometry)])
        if geom.boundary.distance(line) < margin:
            continue
        out[zone.id] = found.get(zone.id)
    return out


def on_left(face: Any, geom: Any) -> bool:
    """The subject's left: right of the midline in the frontal view, everything in lateral-left."""
    return face.view != "frontal" or geom.centroid.x > face.midline_x()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(between, min_size=2, max_size=3), st.sampled_from(PLANES))
def test_the_same_thread_gets_the_same_zone_verdict_in_frontal_and_lateral_views(
    points, plane
) -> None:
    front = _clear_verdicts("frontal", points, plane)
    side = _clear_verdicts("lateral-left", points, plane)
    shared = set(front) & set(side)
    assert {z: front[z] for z in shared} == {z: side[z] for z in shared}
