"""The face drawing: to scale, accessible, zones as addressable elements labelled in place."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import pytest
import shapely

from threadlift.anatomy import build_zones, face_ids, template_face, variant_face
from threadlift.anatomy.svg import STRUCTURE_COLOURS, ZONE_LABELS, render_face
from threadlift.knowledge.vocab import VIEWS

SVG = "{http://www.w3.org/2000/svg}"
NS = {"svg": "http://www.w3.org/2000/svg"}


def draw(kb, view="lateral-left", face=None, **kwargs):
    face = face or template_face(view)
    zones = build_zones(face, kb)
    return face, zones, ET.fromstring(render_face(face, zones, **kwargs))


def groups(root, attr):
    return [g for g in root.iter(f"{SVG}g") if g.get(attr) is not None]


@pytest.mark.parametrize("view", VIEWS)
def test_the_svg_is_well_formed_with_a_viewbox_in_mm_and_a_title(kb, view) -> None:
    _, _, root = draw(kb, view)
    assert root.get("viewBox") is not None
    assert root.get("width") is None
    assert root.find("svg:title", NS) is not None
    assert root.find("svg:desc", NS) is not None
    assert "href" not in ET.tostring(root, encoding="unicode")  # nothing external


@pytest.mark.parametrize("view", VIEWS)
def test_the_drawing_uses_no_style_so_it_works_under_the_sites_csp(kb, view) -> None:
    _, _, root = draw(kb, view)
    assert root.find(".//svg:style", NS) is None
    assert all(el.get("style") is None for el in root.iter())


@pytest.mark.parametrize("view", VIEWS)
def test_landmarks_are_drawn_at_their_millimetre_coordinates(kb, view) -> None:
    face, _, root = draw(kb, view)
    dots = {c.get("data-landmark"): c for c in root.iter(f"{SVG}circle") if c.get("data-landmark")}
    assert set(dots) == set(face.landmarks)
    for name, (x, y) in face.landmarks.items():
        assert float(dots[name].get("cx")) == pytest.approx(x, abs=0.06)
        assert float(dots[name].get("cy")) == pytest.approx(y, abs=0.06)


@pytest.mark.parametrize("view", VIEWS)
def test_the_face_has_its_parts(kb, view) -> None:
    _, _, root = draw(kb, view)
    classes = {c for el in root.iter() for c in (el.get("class") or "").split()}
    assert {"skin", "hair", "ear", "eye", "iris", "brow", "nose", "lips", "lip"} <= classes
    if view == "frontal":
        assert {"nostril", "neck", "ala"} <= classes


def test_every_zone_is_an_element_with_an_id_its_colour_and_a_tooltip(kb) -> None:
    _, zones, root = draw(kb, prefix="sim-")
    found = {g.get("data-zone"): g for g in groups(root, "data-zone") if g.get("id")}
    assert set(found) == set(zones.ids)
    for zone in zones:
        group = found[zone.id]
        assert group.get("id") == f"sim-zone-{zone.id}"
        assert group.find("svg:title", NS) is not None
        assert group.find("svg:path", NS).get("fill") == STRUCTURE_COLOURS[zone.structure_type]


@pytest.mark.parametrize("view", VIEWS)
def test_every_zone_is_labelled_in_place_on_or_beside_it(kb, view) -> None:
    _, zones, root = draw(kb, view)
    labels = {g.get("data-zone"): g for g in root.iter(f"{SVG}g") if g.get("class") == "zone-label"}
    assert set(labels) == set(zones.ids)
    for zone in zones:
        text = labels[zone.id].find("svg:text", NS)
        assert text.text == ZONE_LABELS[zone.id]
        where = shapely.Point(float(text.get("x")), float(text.get("y")))
        assert zone.geometry.distance(where) < 40  # on it, or beside it with a leader line


def test_labels_do_not_overlap(kb) -> None:
    _, _, root = draw(kb, "lateral-left")
    boxes = []
    for text in root.iter(f"{SVG}text"):
        parent_labels = text.get("font-weight") == "bold" and text.get("font-size") == "2.8"
        if not parent_labels:
            continue
        x, y, n = float(text.get("x")), float(text.get("y")), len(text.text)
        boxes.append(shapely.box(x - 0.78 * n, y - 2.2, x + 0.78 * n, y + 1.0))
    assert len(boxes) == 15
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a.intersection(b).area < 0.5


def test_the_legend_names_each_structure_type_and_the_zones(kb) -> None:
    _, zones, root = draw(kb)
    legend = " ".join(" ".join(root.find(".//svg:g[@class='legend']", NS).itertext()).split())
    for kind in ("nerve", "artery", "duct"):
        assert f"{kind} danger zone" in legend
    for zone in zones:
        assert zone.name in legend


def test_the_ruler_has_labelled_ticks_every_ten_millimetres(kb) -> None:
    _, _, root = draw(kb)
    ruler = root.find(".//svg:g[@data-ruler='mm']", NS)
    labels = [t.text for t in ruler.iter(f"{SVG}text")]
    assert {"0", "10", "50", "100"} <= set(labels)
    assert "mm" in labels
    ticks = [ln for ln in ruler.iter(f"{SVG}line")]
    vertical = sorted(
        float(t.get("y1"))
        for t in ticks
        if t.get("y1") == t.get("y2") and t.get("stroke-width") == "0.25"
    )
    steps = {round(b - a, 1) for a, b in itertools.pairwise(vertical)}
    assert steps == {5.0}  # 5 mm minor ticks, labelled every 10 mm


def test_zones_can_be_hidden_for_test_mode(kb) -> None:
    _, _, root = draw(kb, show_zones=False)
    assert not groups(root, "data-zone")
    assert "hidden" in "".join(root.itertext())
    assert root.find(".//svg:g[@class='face']", NS) is not None


def test_labels_can_be_left_out(kb) -> None:
    _, _, root = draw(kb, labels=False)
    assert not [g for g in root.iter(f"{SVG}g") if g.get("class") == "zone-label"]


def test_highlighted_zones_are_marked(kb) -> None:
    _, _, root = draw(kb, highlight=("facial_artery",))
    marked = [g.get("data-zone") for g in root.iter(f"{SVG}g") if g.get("data-highlighted")]
    assert marked == ["facial_artery"]


def _skin_numbers(root) -> list[tuple[float, float]]:
    path = next(p for p in root.iter(f"{SVG}path") if p.get("class") == "skin")
    return [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", path.get("d"))]


def test_the_right_profile_is_the_mirror_image_of_the_left(kb) -> None:
    _, _, left = draw(kb, "lateral-left")
    _, _, right = draw(kb, "lateral-right")
    assert [(-x, y) for x, y in _skin_numbers(left)] == _skin_numbers(right)


@pytest.mark.parametrize("view", VIEWS)
def test_every_variant_face_is_drawn_with_its_zones(kb, view) -> None:
    for face_id in face_ids(view):
        face = variant_face(face_id, view)
        _, zones, root = draw(kb, view, face=face)
        assert len([g for g in groups(root, "data-zone") if g.get("id")]) == len(zones)
