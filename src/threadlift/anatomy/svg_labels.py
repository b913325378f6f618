"""Place short zone labels in the drawing, on or beside each zone, without overlaps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

import shapely

from threadlift.anatomy.models import Face
from threadlift.anatomy.svg_paths import f
from threadlift.anatomy.zones import Zone

FONT = 2.8
Box = tuple[float, float, float, float]


def _box(cx: float, cy: float, text: str) -> Box:
    w = 0.56 * FONT * len(text) + 1.0
    return (cx - w / 2, cy - FONT * 0.8, cx + w / 2, cy + FONT * 0.35)


def _overlaps(a: Box, b: Box) -> bool:
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


def _label_piece(face: Face, zone: Zone) -> shapely.Polygon:
    """The piece to label: in the frontal view the one on the subject's left (viewer's right)."""
    pieces = [p.geometry for p in zone.pieces if not p.geometry.is_empty]
    if face.view == "frontal":
        mid = face.midline_x()
        left = [g for g in pieces if g.centroid.x >= mid] or pieces
        return shapely.union_all(left)
    return shapely.union_all(pieces)


def place_labels(
    face: Face, zones: Sequence[Zone], names: Mapping[str, str], bounds: Box
) -> list[str]:
    """One label per zone: at the zone's inner point if free, else nearby with a leader line."""
    taken: list[Box] = []
    out: list[str] = []
    x0, y0, x1, y1 = bounds
    # small zones first: they have the fewest places to go
    ordered = sorted(zones, key=lambda z: _label_piece(face, z).area)
    for zone in ordered:
        text = names.get(zone.id, zone.name)
        geom = _label_piece(face, zone)
        anchor = geom.representative_point()
        ax, ay = anchor.x, anchor.y
        best: tuple[float, float] | None = None
        radius = max(4.0, (geom.bounds[3] - geom.bounds[1]) / 2 + 3)
        candidates = [(0.0, 0.0)] + [
            (dx * r, dy * r)
            for r in (radius, radius + 6, radius + 12, radius + 20)
            for dx, dy in (
                (0, -1),
                (0, 1),
                (1, 0),
                (-1, 0),
                (0.8, -0.8),
                (-0.8, 0.8),
                (0.8, 0.8),
                (-0.8, -0.8),
            )
        ]
        for dx, dy in candidates:
            box = _box(ax + dx, ay + dy, text)
            inside = box[0] >= x0 and box[2] <= x1 and box[1] >= y0 and box[3] <= y1
            if inside and not any(_overlaps(box, other) for other in taken):
                best = (ax + dx, ay + dy)
                taken.append(box)
                break
        if best is None:
            best = (ax, ay)
        lx, ly = best
        leader = ""
        if (lx, ly) != (ax, ay):
            # from the label's edge to the zone's inner point
            ey = ly - FONT * 0.3
            leader = (
                f'<line x1="{f(lx)}" y1="{f(ey)}" x2="{f(ax)}" y2="{f(ay)}" stroke="#333333" '
                f'stroke-width="0.25"/><circle cx="{f(ax)}" cy="{f(ay)}" r="0.5" fill="#333333"/>'
            )
        out.append(
            f'<g class="zone-label" data-zone="{zone.id}">{leader}'
            f'<text x="{f(lx)}" y="{f(ly)}" text-anchor="middle" font-size="{FONT}" '
            f'font-weight="bold" fill="#1a1a1a" stroke="#ffffff" stroke-width="0.9" '
            f'stroke-linejoin="round" paint-order="stroke">{escape(text)}</text></g>'
        )
    return out
