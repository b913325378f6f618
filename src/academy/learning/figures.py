"""Drawings for the quiz: the template face of a view without its danger zones (a hotspot item
must not show the answer), CSP-safe (no <style>), viewBox in face millimetres."""

from __future__ import annotations

import re
from functools import cache

from academy.learning import content
from threadlift.content.render import zones_figure

_ZONES = re.compile(r'<g class="zone-group".*?</g>', re.S)
_LEGEND = re.compile(r'<g class="legend">.*?</g>', re.S)


@cache
def face_svg(view: str) -> str:
    svg = zones_figure(content.kb())(view, ()).svg
    svg = _LEGEND.sub("", _ZONES.sub("", svg))
    svg = svg.replace('id="tl-title"', 'id="hotspot-title"').replace(
        'id="tl-desc"', 'id="hotspot-desc"'
    )
    svg = svg.replace('aria-labelledby="tl-title tl-desc"', 'aria-labelledby="hotspot-title"')
    svg = svg.replace("<svg ", '<svg class="hotspot-face" data-hotspot ', 1)
    return re.sub(
        r'<title id="hotspot-title">.*?</title>',
        f'<title id="hotspot-title">Template face, {view.replace("-", " ")} view, in '
        "millimetres: click a point</title>",
        svg,
        count=1,
    )


@cache
def landmarks(view: str) -> tuple[tuple[str, float, float], ...]:
    from threadlift.anatomy.faces import template_face

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


def answer_svg(view: str, zones: tuple[str, ...], point: tuple[float, float] | None, n: int) -> str:
    """The view with the answer's danger zones highlighted and the learner's point marked."""
    svg = zones_figure(content.kb())(view, zones).svg
    svg = svg.replace('id="tl-title"', f'id="ans{n}-title"').replace(
        'id="tl-desc"', f'id="ans{n}-desc"'
    )
    svg = svg.replace(
        'aria-labelledby="tl-title tl-desc"', f'aria-labelledby="ans{n}-title ans{n}-desc"'
    )
    if point is not None and all(abs(v) < 400 for v in point):
        x, y = point
        marker = (
            f'<g class="your-point"><title>Your point ({x:.1f}, {y:.1f}) mm</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#0b5cad" stroke="#ffffff" '
            'stroke-width="1"/></g></svg>'
        )
        svg = svg[: svg.rindex("</svg>")] + marker
    return svg
