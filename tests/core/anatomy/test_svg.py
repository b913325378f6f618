"""The SVG picture: self-contained, accessible, zones coloured by structure, findings shown."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from threadlift.anatomy import build_zones, template_face
from threadlift.anatomy.svg import STRUCTURE_COLOURS, render
from threadlift.knowledge.vocab import VIEWS
from threadlift.planning import parse_plan, score_plan

NS = {"svg": "http://www.w3.org/2000/svg"}


@pytest.mark.parametrize("view", VIEWS)
def test_the_svg_is_well_formed_with_a_viewbox_and_a_title(kb, view) -> None:
    face = template_face(view)
    root = ET.fromstring(render(face, build_zones(face, kb)))
    assert root.get("viewBox") is not None
    assert root.get("width") is None
    assert root.find("svg:title", NS) is not None
    assert "href" not in ET.tostring(root, encoding="unicode")  # nothing external


def test_every_zone_is_drawn_in_its_structure_colour_with_a_tooltip(kb) -> None:
    face = template_face("lateral-left")
    zones = build_zones(face, kb)
    root = ET.fromstring(render(face, zones))
    groups = {g.get("data-zone"): g for g in root.iter("{http://www.w3.org/2000/svg}g")}
    for zone in zones.zones:
        group = groups[zone.id]
        assert group.find("svg:title", NS) is not None
        assert group.find("svg:path", NS).get("fill") == STRUCTURE_COLOURS[zone.structure_type]


def test_a_plan_is_drawn_with_its_worst_finding_per_thread(kb) -> None:
    plan = parse_plan(
        {
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
                    "path": [
                        {"landmark": "antegonial_notch_left", "anterior_mm": 12, "superior_mm": 10}
                    ],
                    "plane": "sub_smas",
                }
            ],
        }
    )
    face = template_face("lateral-left")
    score = score_plan(plan, kb)
    svg = render(face, build_zones(face, kb), plan, score)
    root = ET.fromstring(svg)
    threads = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("data-thread")]
    assert [g.get("data-severity") for g in threads] == ["critical"]
    assert "NOT PASSED" in svg


def test_a_plan_overlay_shows_the_target_and_anchoring_areas(kb) -> None:
    from threadlift.planning import reference_plan

    plan = reference_plan("temple")
    face = template_face("lateral-left")
    svg = render(face, build_zones(face, kb), plan, score_plan(plan, kb))
    assert 'data-area="target"' in svg
    assert 'data-area="anchoring"' in svg
    assert "PASSED" in svg
