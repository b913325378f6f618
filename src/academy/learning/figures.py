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

    face = template_face(view)  # type: ignore[arg-type]
    return tuple(
        (name, round(x, 1), round(y, 1)) for name, (x, y) in sorted(face.landmarks.items())
    )
