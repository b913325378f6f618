"""A self-contained SVG of a face and its danger zones, drawn to scale (viewBox in mm).

`render_face` draws the anatomical illustration (`illustration_frontal`/`illustration_lateral`),
the danger zones as `<g data-zone="<id>" id="<prefix>zone-<id>">` elements labelled in place,
a millimetre ruler (10 mm ticks) and a legend. Geometry does not know plans: the plan overlay is
`threadlift.planning.svg.render_plan`, which builds on `face_drawing` and `assemble` here.
Only presentation attributes are used, so the SVG also works inline under a strict CSP.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape

import shapely

from threadlift.anatomy.illustration_frontal import frontal
from threadlift.anatomy.illustration_lateral import lateral
from threadlift.anatomy.models import Face
from threadlift.anatomy.svg_labels import place_labels
from threadlift.anatomy.svg_paths import f, geometry_path
from threadlift.anatomy.zones import Zone, ZoneSet

STRUCTURE_COLOURS = {
    "nerve": "#e6b800",
    "artery": "#d62728",
    "duct": "#1f77b4",
    "vein": "#6a3d9a",
    "region": "#111111",
}
STRUCTURE_NAMES = {
    "nerve": "nerve",
    "artery": "artery",
    "duct": "duct",
    "vein": "vein",
    "region": "no-go region",
}
ZONE_LABELS = {
    "great_auricular_nerve": "Great auricular n.",
    "temporal_branch": "Temporal branch VII",
    "marginal_mandibular_nerve": "Marginal mandibular n.",
    "zygomatic_buccal_branches": "Zygomatic/buccal br.",
    "supraorbital_nerve": "Supraorbital n.",
    "infraorbital_nerve": "Infraorbital n.",
    "mental_nerve": "Mental n.",
    "parotid_duct": "Parotid duct",
    "facial_artery": "Facial a.",
    "superficial_temporal_artery": "Sup. temporal a.",
    "angular_artery": "Angular a.",
    "orbit": "Orbit (no-go)",
    "lips": "Lips (no-go)",
    "external_jugular_vein": "Ext. jugular v. (no-go)",
    "erbs_point": "Erb's point (no-go)",
}
"""Short in-place labels (the legend gives the full names)."""

LEGEND_FONT = 3.0
LEGEND_ROW = 4.4


@dataclass
class FaceDrawing:
    """A face drawing before assembly: layers and legend rows other renderers may extend."""

    face: Face
    zones: ZoneSet
    prefix: str
    bounds: tuple[float, float, float, float]  # of the picture (mm), before ruler and legend
    layers: list[str] = field(default_factory=list)
    zone_layer: list[str] = field(default_factory=list)
    label_layer: list[str] = field(default_factory=list)
    legend: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, colour, text)
    notes: list[str] = field(default_factory=list)


def render_face(
    face: Face,
    zones: ZoneSet,
    *,
    show_zones: bool = True,
    highlight: Iterable[str] = (),
    labels: bool = True,
    prefix: str = "tl-",
) -> str:
    """The face of `zones.view` with its danger zones (unless `show_zones` is False).

    `highlight`: zone ids drawn emphasised (`data-highlighted="true"`); `labels`: the short
    in-place zone labels; `prefix`: prepended to every element id (unique per page).
    """
    drawing = face_drawing(
        face, zones, show_zones=show_zones, highlight=highlight, labels=labels, prefix=prefix
    )
    return assemble(drawing, title=f"Face and danger zones, {face.view} view")


def face_drawing(
    face: Face,
    zones: ZoneSet,
    *,
    show_zones: bool = True,
    highlight: Iterable[str] = (),
    labels: bool = True,
    prefix: str = "tl-",
) -> FaceDrawing:
    art = frontal(face, prefix) if face.view == "frontal" else lateral(face, prefix)
    shapes = [art.outline, *(z.geometry for z in zones.zones)]
    x0, y0, x1, y1 = shapely.union_all(shapes).bounds
    drawing = FaceDrawing(face, zones, prefix, (x0 - 6, y0 - 8, x1 + 6, y1 + 4))
    drawing.layers = ['<g class="face">', *art.elements, "</g>", _landmarks(face)]
    types = [t for t in STRUCTURE_COLOURS if any(z.structure_type == t for z in zones.zones)]
    if show_zones:
        wanted = set(highlight)
        drawing.zone_layer = [_zone(z, prefix, z.id in wanted) for z in zones.zones]
        if labels:
            drawing.label_layer = place_labels(face, zones.zones, ZONE_LABELS, drawing.bounds)
        drawing.legend = [("zone", STRUCTURE_COLOURS[t], _legend_name(t)) for t in types]
        if any(z.no_go for z in zones.zones):
            drawing.legend.append(("no-go", "#111111", "heavy dotted border: no-go in every plane"))
        drawing.legend.append(("dashed", "#555555", "dashed outline: construction unconfirmed"))
        if wanted:
            drawing.legend.append(("highlight", "#222222", "highlighted zone"))
        drawing.notes.append(
            "Zones: "
            + "; ".join(
                f"{ZONE_LABELS.get(z.id, z.id)} = {z.name} (at risk: {', '.join(z.planes_at_risk)})"
                for z in zones.zones
            )
            + "."
        )
    else:
        drawing.notes.append("Danger zones hidden (test mode): they are shown after submission.")
    return drawing


def _zone(zone: Zone, prefix: str, highlighted: bool) -> str:
    colour = STRUCTURE_COLOURS.get(zone.structure_type, "#777777")
    tip = (
        f"{zone.name} ({zone.structure_type}); at risk in: {', '.join(zone.planes_at_risk)}; "
        f"sources: {', '.join(zone.sources)}"
    )
    opacity, width = ("0.55", "1.0") if highlighted else ("0.32", "0.4")
    if zone.no_go:
        opacity = "0.4" if highlighted else "0.18"
    pieces = []
    for i, piece in enumerate(zone.pieces):
        dash = ' stroke-dasharray="1.6 1"' if piece.status == "unconfirmed" else ""
        d = geometry_path(piece.geometry)
        pieces.append(
            f'<path class="zone-piece" data-piece="{i}" data-status="{piece.status}" '
            f'data-decisive="{str(piece.decisive).lower()}" '
            f'fill="{colour}" fill-opacity="{opacity}" fill-rule="evenodd" stroke="{colour}" '
            f'stroke-width="{width}"{dash} d="{d}"/>'
        )
        if zone.no_go:
            pieces.append(_no_go_border(d, colour))
    mark = ' data-highlighted="true"' if highlighted else ""
    if zone.no_go:
        mark += ' data-no-go="true"'
    cls = "zone-group is-highlighted" if highlighted else "zone-group"
    return (
        f'<g id="{prefix}zone-{zone.id}" class="{cls}" data-zone="{zone.id}" '
        f'data-structure="{zone.structure_type}"{mark}><title>{escape(tip)}</title>'
        + "".join(pieces)
        + "</g>"
    )


def _legend_name(structure_type: str) -> str:
    name = STRUCTURE_NAMES.get(structure_type, structure_type)
    return name if structure_type == "region" else f"{name} danger zone"


def _no_go_border(d: str, colour: str) -> str:
    """A heavy dotted border over a no-go piece, so it reads apart from the danger zones."""
    return (
        f'<path class="no-go-border" fill="none" stroke="{colour}" stroke-width="1.1" '
        f'stroke-dasharray="0.7 0.7" d="{d}"/>'
    )


def _landmarks(face: Face) -> str:
    dots = "".join(
        f'<circle data-landmark="{escape(name)}" cx="{f(x)}" cy="{f(y)}" r="0.55">'
        f"<title>{escape(name)}</title></circle>"
        for name, (x, y) in sorted(face.landmarks.items())
    )
    return f'<g class="landmarks" fill="#6d5144" opacity="0.55">{dots}</g>'


def _wrap(text: str, width_mm: float, font: float) -> list[str]:
    per_line = max(20, int(width_mm / (0.5 * font)))
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > per_line:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines


def assemble(
    drawing: FaceDrawing,
    *,
    title: str,
    overlay: Sequence[str] = (),
    summary: str | None = None,
) -> str:
    """The complete `<svg>`: picture, zones, labels, `overlay` layers, ruler and legend."""
    x0, y0, x1, y1 = drawing.bounds
    left = x0 - 14  # room for the vertical ruler
    width = x1 - left
    notes = [
        *drawing.notes,
        "Drawn to scale in millimetres. Zone outlines are published landmark constructions "
        "(hover for sources); not for clinical use without review.",
    ]
    lines = [line for note in notes for line in _wrap(note, width - 8, 2.6)]
    rows = -(-len(drawing.legend) // _columns(drawing, width))
    legend_h = 14 + rows * LEGEND_ROW + (7 if summary else 0) + len(lines) * 3.3
    total_h = (y1 - y0) + legend_h
    desc = (
        f"{drawing.face.view} view of a face drawn to scale in millimetres, with "
        f"{len(drawing.zone_layer)} danger zones shown" + (", and a thread plan" if overlay else "")
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{f(left)} {f(y0)} {f(width)} '
        f'{f(total_h)}" role="img" aria-labelledby="{drawing.prefix}title {drawing.prefix}desc" '
        f'font-family="sans-serif" font-size="3" data-view="{drawing.face.view}">',
        f'<title id="{drawing.prefix}title">{escape(title)}</title>',
        f'<desc id="{drawing.prefix}desc">{escape(desc)}.</desc>',
        f'<rect class="background" x="{f(left)}" y="{f(y0)}" width="{f(width)}" '
        f'height="{f(total_h)}" fill="#ffffff"/>',
        *drawing.layers,
        '<g class="zones">',
        *drawing.zone_layer,
        "</g>",
        *overlay,
        '<g class="zone-labels">',
        *drawing.label_layer,
        "</g>",
        _ruler(left + 2, y0 + 2, x1, y1),
        _legend(drawing, left, y1, width, lines, summary),
        "</svg>",
    ]
    return "\n".join(out)


def _ruler(x: float, y_top: float, x1: float, y1: float) -> str:
    """A vertical and a horizontal ruler, ticks every 10 mm labelled, 5 mm minor ticks."""
    parts = ['<g class="ruler" data-ruler="mm" stroke="#333333" fill="#333333">']
    length_v = min(150.0, 10 * ((y1 - y_top - 10) // 10))
    parts.append(
        f'<line x1="{f(x + 8)}" y1="{f(y_top)}" x2="{f(x + 8)}" y2="{f(y_top + length_v)}" '
        'stroke-width="0.3"/>'
    )
    for k in range(int(length_v / 5) + 1):
        y = y_top + 5 * k
        tick = 3.0 if k % 2 == 0 else 1.5
        parts.append(
            f'<line x1="{f(x + 8 - tick)}" y1="{f(y)}" x2="{f(x + 8)}" y2="{f(y)}" '
            'stroke-width="0.25"/>'
        )
        if k % 2 == 0:
            parts.append(
                f'<text x="{f(x + 4.6)}" y="{f(y + 0.9)}" font-size="2.4" text-anchor="end" '
                f'stroke="none">{5 * k}</text>'
            )
    yb = y1 - 2
    length_h = min(100.0, 10 * ((x1 - x - 30) // 10))
    x_start = x + 14
    parts.append(
        f'<line x1="{f(x_start)}" y1="{f(yb)}" x2="{f(x_start + length_h)}" y2="{f(yb)}" '
        'stroke-width="0.3"/>'
    )
    for k in range(int(length_h / 5) + 1):
        xx = x_start + 5 * k
        tick = 3.0 if k % 2 == 0 else 1.5
        parts.append(
            f'<line x1="{f(xx)}" y1="{f(yb - tick)}" x2="{f(xx)}" y2="{f(yb)}" '
            'stroke-width="0.25"/>'
        )
        if k % 2 == 0:
            parts.append(
                f'<text x="{f(xx)}" y="{f(yb - 3.8)}" font-size="2.4" text-anchor="middle" '
                f'stroke="none">{5 * k}</text>'
            )
    parts.append(
        f'<text x="{f(x_start + length_h + 3)}" y="{f(yb + 0.8)}" font-size="2.6" '
        'stroke="none">mm</text>'
    )
    parts.append("</g>")
    return "".join(parts)


def _columns(drawing: FaceDrawing, width: float) -> int:
    """As many legend columns (at most 3) as the longest entry leaves room for."""
    longest = max((len(text) for _, _, text in drawing.legend), default=10)
    entry = 0.55 * LEGEND_FONT * longest + 12  # swatch, gap and text (sans-serif estimate)
    return max(1, min(3, int((width - 8) // entry)))


def _legend(
    drawing: FaceDrawing, x0: float, y1: float, width: float, lines: list[str], summary: str | None
) -> str:
    y = y1 + 6
    out = [
        '<g class="legend"><title>Legend</title>',
        f'<line x1="{f(x0 + 3)}" y1="{f(y1 + 1)}" x2="{f(x0 + width - 3)}" y2="{f(y1 + 1)}" '
        'stroke="#cccccc" stroke-width="0.3"/>',
        f'<text x="{f(x0 + 4)}" y="{f(y)}" font-weight="bold" '
        f'font-size="{LEGEND_FONT}">Legend</text>',
    ]
    cols = _columns(drawing, width)
    col_w = (width - 8) / cols
    for k, (kind, colour, text) in enumerate(drawing.legend):
        cx = x0 + 4 + (k % cols) * col_w
        cy = y + 5 + (k // cols) * LEGEND_ROW
        out.append(_swatch(kind, colour, cx, cy))
        out.append(
            f'<text x="{f(cx + 8)}" y="{f(cy)}" font-size="{LEGEND_FONT}">{escape(text)}</text>'
        )
    y += 5 + -(-len(drawing.legend) // cols) * LEGEND_ROW
    if summary:
        out.append(
            f'<text class="summary" x="{f(x0 + 4)}" y="{f(y + 1.5)}" font-size="4" '
            f'font-weight="bold">{escape(summary)}</text>'
        )
        y += 7
    for i, line in enumerate(lines):
        out.append(
            f'<text x="{f(x0 + 4)}" y="{f(y + i * 3.3)}" font-size="2.6" '
            f'fill="#444444">{escape(line)}</text>'
        )
    out.append("</g>")
    return "".join(out)


def _swatch(kind: str, colour: str, x: float, y: float) -> str:
    if kind == "line":
        return (
            f'<line x1="{f(x)}" y1="{f(y - 1.1)}" x2="{f(x + 6.5)}" y2="{f(y - 1.1)}" '
            f'stroke="{colour}" stroke-width="1.4"/>'
        )
    if kind == "dashed-line":
        return (
            f'<line x1="{f(x)}" y1="{f(y - 1.1)}" x2="{f(x + 6.5)}" y2="{f(y - 1.1)}" '
            f'stroke="{colour}" stroke-width="1.4" stroke-dasharray="2 1"/>'
        )
    if kind == "marker":
        return (
            f'<circle cx="{f(x + 3.2)}" cy="{f(y - 1.1)}" r="1.8" fill="#ffffff" '
            f'stroke="{colour}" stroke-width="0.7"/>'
        )
    fill, opacity, dash, sw = colour, "0.4", "", "0.5"
    if kind == "dashed":
        fill, opacity, dash = "none", "0", ' stroke-dasharray="1.6 1"'
    elif kind == "no-go":
        fill, opacity, dash, sw = colour, "0.18", ' stroke-dasharray="0.7 0.7"', "1.1"
    elif kind == "highlight":
        fill, opacity, sw = "#999999", "0.5", "1.0"
    elif kind == "area":
        opacity, dash = "0.12", ' stroke-dasharray="2 1"'
    return (
        f'<rect x="{f(x)}" y="{f(y - 3.2)}" width="6.5" height="4" fill="{fill}" '
        f'fill-opacity="{opacity}" stroke="{colour}" stroke-width="{sw}"{dash}/>'
    )
