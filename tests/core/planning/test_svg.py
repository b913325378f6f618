"""The plan overlay: threads by worst finding, areas, findings marked where they happened."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import shapely

from threadlift.anatomy import build_zones, resolve_point, template_face
from threadlift.planning import parse_plan, reference_plan, score_plan
from threadlift.planning.svg import render_plan

SVG = "{http://www.w3.org/2000/svg}"

RISKY = {
    "view": "lateral-left",
    "indication": "jowl",
    "threads": [
        {
            "product": {
                "material": "pdo",
                "design": "cog_bidirectional",
                "length_mm": 60,
                "gauge": "21G",
            },
            "entry": {"landmark": "intertragic_notch_left", "anterior_mm": 18},
            "path": [{"landmark": "antegonial_notch_left", "anterior_mm": 12, "superior_mm": 10}],
            "plane": "sub_smas",
        }
    ],
}


def drawn(kb, plan, **kwargs):
    face = template_face(plan.view)
    zones = build_zones(face, kb)
    score = score_plan(plan, kb)
    return face, zones, score, render_plan(face, zones, plan, score, **kwargs)


def test_a_plan_is_drawn_with_its_worst_finding_per_thread(kb) -> None:
    _, _, _, svg = drawn(kb, parse_plan(RISKY))
    root = ET.fromstring(svg)
    threads = [
        g for g in root.iter(f"{SVG}g") if g.get("data-thread") and g.get("class") == "thread-group"
    ]
    assert [g.get("data-severity") for g in threads] == ["critical"]
    assert "NOT PASSED" in svg


def test_each_critical_zone_finding_is_marked_on_the_thread_inside_its_zone(kb) -> None:
    plan = parse_plan(RISKY)
    face, zones, score, svg = drawn(kb, plan)
    root = ET.fromstring(svg)
    markers = {int(g.get("data-finding")): g for g in root.iter(f"{SVG}g") if g.get("data-finding")}
    line = shapely.LineString(
        [resolve_point(p, face) for p in (plan.threads[0].entry, *plan.threads[0].path)]
    )
    critical = [
        (k, fd) for k, fd in enumerate(score.findings) if fd.severity == "critical" and fd.zone
    ]
    assert critical
    for k, fd in critical:
        marker = markers[k]
        assert marker.get("data-zone") == fd.zone
        assert marker.get("data-severity") == "critical"
        circle = marker.find(f"{SVG}circle")
        x, y = float(circle.get("cx")), float(circle.get("cy"))
        where = shapely.Point(x, y)
        assert (
            zones[fd.zone].geometry.distance(where) < 0.2 or line.distance(where) < 5
        )  # side by side
        assert fd.message in marker.find(f"{SVG}title").text


def test_zones_named_by_critical_findings_are_highlighted(kb) -> None:
    _, _, score, svg = drawn(kb, parse_plan(RISKY))
    root = ET.fromstring(svg)
    highlighted = {g.get("data-zone") for g in root.iter(f"{SVG}g") if g.get("data-highlighted")}
    assert {
        fd.zone for fd in score.findings if fd.severity == "critical" and fd.zone
    } <= highlighted


def test_highlighting_findings_can_be_turned_off(kb) -> None:
    _, _, _, svg = drawn(kb, parse_plan(RISKY), highlight_findings=False)
    assert "data-finding" not in svg
    assert "data-highlighted" not in svg


def test_zones_can_be_hidden_while_the_plan_is_drawn(kb) -> None:
    _, _, _, svg = drawn(kb, parse_plan(RISKY), show_zones=False)
    assert 'data-zone="facial_artery" data-structure' not in svg
    assert 'class="thread-group"' in svg


def test_a_plan_overlay_shows_the_target_and_anchoring_areas(kb) -> None:
    _, _, _, svg = drawn(kb, reference_plan("temple"))
    assert 'data-area="target"' in svg
    assert 'data-area="anchoring"' in svg
    assert "PASSED" in svg


def test_without_a_score_the_plan_is_drawn_without_findings(kb) -> None:
    plan = reference_plan("jowl")
    face = template_face(plan.view)
    svg = render_plan(face, build_zones(face, kb), plan)
    assert "data-finding" not in svg
    assert svg.count('class="thread-group"') == len(plan.threads)
