"""Drawings for the quiz, CSP-safe (no <style>), viewBox in face millimetres.

- `face_svg`: the template face of a view only — no danger-zone fill, outline, label, legend
  or name anywhere in the markup (a hotspot item must not show the answer);
- `answer_svg`: after the answer, the target drawn (its outline, the tolerated band around it)
  and where the click fell.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from academy.learning import content
from threadlift.anatomy.faces import template_face
from threadlift.anatomy.svg import assemble, face_drawing
from threadlift.anatomy.svg_paths import geometry_path
from threadlift.content.regions import correct_region, zones_in


@cache
def face_svg(view: str) -> str:
    face = template_face(view)
    drawing = face_drawing(face, zones_in(face.view, content.kb()), show_zones=False, prefix="hs-")
    drawing.notes = ["Click the point the item asks for; the answer is drawn after you answer."]
    svg = assemble(drawing, title=f"Template face, {view.replace('-', ' ')} view: click a point")
    svg = svg.replace(
        f"{face.view} view of a face drawn to scale in millimetres, with 0 danger zones shown.",
        f"{face.view} view of a face drawn to scale in millimetres.",
    )
    svg = svg.replace(
        "Zone outlines are published landmark constructions (hover for sources); not for "
        "clinical use without review.",
        "",
    )
    for empty in ('<g class="zones">\n</g>\n', '<g class="zone-labels">\n</g>\n'):
        svg = svg.replace(empty, "")
    return svg.replace("<svg ", '<svg class="hotspot-face" data-hotspot ', 1)


@cache
def landmarks(view: str) -> tuple[tuple[str, float, float], ...]:
    face = template_face(view)
    return tuple(
        (name, round(x, 1), round(y, 1)) for name, (x, y) in sorted(face.landmarks.items())
    )


def region_name(region_id: str) -> str:
    """A hotspot region's name for people: the danger zone's, target area's or anchoring area's."""
    from threadlift.content.regions import region_kinds
    from threadlift.planning.params import anchoring_areas

    kind = region_kinds().get(region_id, "area")
    kb = content.kb()
    if kind == "danger zone":
        name = kb.danger_zone(region_id).name
    elif kind == "target area":
        name = kb.indication(region_id).name
    elif region_id in anchoring_areas():
        name = anchoring_areas()[region_id].name
    else:
        name = region_id.replace("_", " ")
    return f"{name} ({kind})"


def answer_svg(
    item: Any, zones: tuple[str, ...], point: tuple[float, float] | None, n: int, tolerance: float
) -> str:
    """The view after the answer: the danger zones (the answer's highlighted), the target
    outlined in green with the tolerated band dashed around it, and the learner's click."""
    face = template_face(item.view)
    kb = content.kb()
    prefix = f"ans{n}-"
    drawing = face_drawing(face, zones_in(face.view, kb), highlight=zones, prefix=prefix)
    target = correct_region(face.view, item.answer, kb)
    overlay = ['<g class="answer-target">']
    if not target.is_empty:
        if tolerance > 0 and item.answer.inside:
            band = target.buffer(tolerance)
            overlay.append(
                f'<path class="tolerance" fill="none" stroke="#1b7f3b" stroke-width="0.5" '
                f'stroke-dasharray="1.2 1" d="{geometry_path(band)}"><title>Counted too: within '
                f"{tolerance:g} mm of the target's edge (our policy)</title></path>"
            )
        overlay.append(
            f'<path class="target" fill="#1b7f3b" fill-opacity="0.25" fill-rule="evenodd" '
            f'stroke="#1b7f3b" stroke-width="0.9" d="{geometry_path(target)}">'
            "<title>Where a correct click lies</title></path>"
        )
    overlay.append("</g>")
    if point is not None and all(abs(v) < 400 for v in point):
        x, y = point
        overlay.append(
            f'<g class="your-point"><title>Your click ({x:.1f}, {y:.1f}) mm</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.2" fill="#0b5cad" stroke="#ffffff" '
            'stroke-width="0.8"/>'
            f'<path d="M{x - 4:.1f} {y:.1f}H{x + 4:.1f}M{x:.1f} {y - 4:.1f}V{y + 4:.1f}" '
            'stroke="#0b5cad" stroke-width="0.5"/></g>'
        )
    drawing.legend.append(("highlight", "#1b7f3b", "green: where a correct click lies"))
    drawing.legend.append(("zone", "#0b5cad", "blue cross: your click"))
    return assemble(
        drawing,
        title=f"The answer on the {face.view.replace('-', ' ')} view",
        overlay=overlay,
    )
