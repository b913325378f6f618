"""A self-contained SVG of a face, its danger zones and optionally a plan with its findings.

The picture is for a trainer's slide and for embedding in a web page: one `<svg>` with a
`viewBox` in face millimetres, no external resources, `<title>`/`<desc>` for accessibility.
The face outline is a drawing aid derived from the landmarks, not anatomy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from shapely.geometry.base import BaseGeometry

from threadlift.anatomy.models import XY, Face
from threadlift.anatomy.points import resolve_point
from threadlift.anatomy.zones import ZoneSet

if TYPE_CHECKING:
    from threadlift.planning.models import Plan, Score

STRUCTURE_COLOURS = {"nerve": "#e6b800", "artery": "#d62728", "duct": "#1f77b4"}
SEVERITY_COLOURS = {"critical": "#a50026", "warning": "#f46d43", "info": "#1a9850", "ok": "#1a9850"}
SEVERITY_ORDER = {"ok": 0, "info": 1, "warning": 2, "critical": 3}


PROFILE = (
    "trichion",
    "glabella",
    "nasion",
    "pronasale",
    "subnasale",
    "labrale_superius",
    "stomion",
    "labrale_inferius",
    "pogonion",
    "gnathion",
    "menton",
)


def _f(v: float) -> str:
    return f"{v:.1f}"


def _smooth(points: Sequence[XY], closed: bool = False) -> str:
    """A Catmull-Rom spline through `points` as cubic Bézier path data."""
    pts = list(points)
    pts = [pts[-1], *pts, pts[0], pts[1]] if closed else [pts[0], *pts, pts[-1]]
    d = [f"M{_f(pts[1][0])},{_f(pts[1][1])}"]
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        d.append(f"C{_f(c1[0])},{_f(c1[1])} {_f(c2[0])},{_f(c2[1])} {_f(p2[0])},{_f(p2[1])}")
    return " ".join(d) + (" Z" if closed else "")


def _geometry_path(geom: BaseGeometry) -> str:
    parts: list[str] = []
    polygons = getattr(geom, "geoms", [geom])
    for poly in polygons:
        if poly.is_empty or poly.geom_type != "Polygon":
            continue
        for ring in (poly.exterior, *poly.interiors):
            xy = list(ring.coords)
            parts.append("M" + " L".join(f"{_f(x)},{_f(y)}" for x, y in xy) + " Z")
    return " ".join(parts)


def _lm(face: Face, name: str) -> XY | None:
    return face.landmarks.get(name)


def _outline_frontal(face: Face) -> list[str]:
    def side(suffix: str, sign: float) -> list[XY]:
        names = ("frontotemporale", "zygion", "gonion", "antegonial_notch", "mandible_border_mid")
        pads = ((12, 0), (7, 0), (9, 2), (5, 4), (3, 4))
        out = []
        for name, (px, py) in zip(names, pads, strict=True):
            p = _lm(face, f"{name}_{suffix}")
            if p is not None:
                out.append((p[0] + sign * px, p[1] + py))
        return out

    mid = face.midline_x()
    top = _lm(face, "trichion") or (mid, -65.0)
    chin = _lm(face, "menton") or (mid, 113.0)
    left = side("left", 1.0)
    right = side("right", -1.0)
    crown = (mid, top[1] - 28)
    ring = [crown, (mid + 58, top[1] - 15), *left, (chin[0], chin[1] + 3), *reversed(right)]
    ring.append((mid - 58, top[1] - 15))
    shapes = [f'<path class="skin" d="{_smooth(ring, closed=True)}"/>']
    for suffix, sign in (("left", 1.0), ("right", -1.0)):
        t = _lm(face, f"tragion_{suffix}")
        g = _lm(face, f"gonion_{suffix}")
        if t is not None:
            shapes.append(
                f'<ellipse class="ear" cx="{_f(t[0] + sign * 9)}" cy="{_f(t[1] + 6)}" '
                f'rx="7" ry="24"/>'
            )
        if g is not None:
            shapes.append(
                f'<path class="line" d="M{_f(g[0] + sign * 4)},{_f(g[1] + 20)} '
                f'L{_f(g[0] - sign * 6)},{_f(g[1] + 75)}"/>'
            )
    return shapes + _features(face, ("left", "right"))


def _outline_lateral(face: Face) -> list[str]:
    s = face.anterior_sign  # -1 lateral-left, +1 lateral-right
    suffix = "left" if face.view == "lateral-left" else "right"
    names = PROFILE
    profile = [p for n in names if (p := _lm(face, n)) is not None]
    t = _lm(face, f"tragion_{suffix}") or (0.0, 0.0)
    top = profile[0]
    me = profile[-1]
    head = [
        (t[0] - s * 95, t[1] - 10),
        (t[0] - s * 75, t[1] - 85),
        (t[0] - s * 20, top[1] - 30),
        (top[0] - s * 8, top[1] - 16),
    ]
    neck = [(me[0] - s * 18, me[1] + 30), (me[0] - s * 20, me[1] + 70)]
    nape = [(t[0] - s * 60, t[1] + 140), (t[0] - s * 70, t[1] + 60)]
    path = _smooth([*head, *profile, *neck], closed=False)
    back = _smooth([neck[-1], *nape, head[0]], closed=False).replace("M", "L", 1)
    shapes = [f'<path class="skin" d="{path} {back} Z"/>']
    jaw = [
        p
        for n in ("menton", f"mandible_border_mid_{suffix}", f"antegonial_notch_{suffix}")
        if (p := _lm(face, n)) is not None
    ]
    g = _lm(face, f"gonion_{suffix}")
    if g is not None:
        jaw += [g, (g[0] + s * 3, g[1] - 25)]
    if len(jaw) >= 2:
        shapes.append(f'<path class="line" d="{_smooth(jaw)}"/>')
    shapes.append(
        f'<ellipse class="ear" cx="{_f(t[0] - s * 13)}" cy="{_f(t[1] + 4)}" rx="13" ry="29"/>'
    )
    return shapes + _features(face, (suffix,))


def _features(face: Face, sides: Iterable[str]) -> list[str]:
    out: list[str] = []
    for sfx in sides:
        en, ex = _lm(face, f"endocanthion_{sfx}"), _lm(face, f"exocanthion_{sfx}")
        pupil = _lm(face, f"pupil_{sfx}")
        if face.view != "frontal" and ex and pupil:  # profile: the eye seen from the side
            out.append(
                f'<path class="line" d="M{_f(ex[0])},{_f(ex[1])} '
                f"Q{_f((ex[0] + pupil[0]) / 2)},{_f(pupil[1] - 5)} {_f(pupil[0])},{_f(pupil[1])} "
                f'Q{_f((ex[0] + pupil[0]) / 2)},{_f(pupil[1] + 4)} {_f(ex[0])},{_f(ex[1])} Z"/>'
            )
        elif en and ex:
            mx, my = (en[0] + ex[0]) / 2, (en[1] + ex[1]) / 2
            out.append(
                f'<path class="line" d="M{_f(en[0])},{_f(en[1])} Q{_f(mx)},{_f(my - 6)} '
                f'{_f(ex[0])},{_f(ex[1])} Q{_f(mx)},{_f(my + 5)} {_f(en[0])},{_f(en[1])} Z"/>'
            )
        bh, bt = _lm(face, f"brow_head_{sfx}"), _lm(face, f"brow_tail_{sfx}")
        if bh and bt:
            mx, my = (bh[0] + bt[0]) / 2, min(bh[1], bt[1]) - 5
            out.append(
                f'<path class="brow" d="M{_f(bh[0])},{_f(bh[1])} '
                f'Q{_f(mx)},{_f(my)} {_f(bt[0])},{_f(bt[1])}"/>'
            )
        ch = _lm(face, f"cheilion_{sfx}")
        ls, li = _lm(face, "labrale_superius"), _lm(face, "labrale_inferius")
        sto = _lm(face, "stomion")
        if ch and ls and li and sto and face.view == "frontal":
            out.append(
                f'<path class="lip" d="M{_f(ch[0])},{_f(ch[1])} '
                f"C{_f((ch[0] + ls[0]) / 2)},{_f(ls[1] - 2)} {_f(ls[0])},{_f(ls[1])} "
                f"{_f(sto[0])},{_f(ls[1])} L{_f(sto[0])},{_f(sto[1])} Z "
                f"M{_f(ch[0])},{_f(ch[1])} C{_f((ch[0] + li[0]) / 2)},{_f(li[1] + 1)} "
                f'{_f(li[0])},{_f(li[1])} {_f(sto[0])},{_f(li[1])} L{_f(sto[0])},{_f(sto[1])} Z"/>'
            )
        al, sn = _lm(face, f"alare_{sfx}"), _lm(face, "subnasale")
        if al and sn:
            out.append(
                f'<path class="line" d="M{_f(al[0])},{_f(al[1])} L{_f(sn[0])},{_f(sn[1])}"/>'
            )
    return out


def _landmarks(face: Face) -> list[str]:
    """Small dots with the landmark names as tooltips, for placing anchored points."""
    dots = [
        f'<circle cx="{_f(x)}" cy="{_f(y)}" r="0.7"><title>{escape(name)}</title></circle>'
        for name, (x, y) in sorted(face.landmarks.items())
    ]
    return ['<g class="landmarks" fill="#7a6a60">', *dots, "</g>"]


def _bounds(face: Face, zones: ZoneSet) -> tuple[float, float, float, float]:
    xs = [p[0] for p in face.landmarks.values()]
    ys = [p[1] for p in face.landmarks.values()]
    for z in zones.zones:
        x0, y0, x1, y1 = z.geometry.bounds
        xs += [x0, x1]
        ys += [y0, y1]
    if face.view != "frontal":
        # the drawing aid reaches past the landmarks: the back of the head is drawn 95 mm
        # behind the tragion and the nape 140 mm below it (see _outline_lateral)
        suffix = "left" if face.view == "lateral-left" else "right"
        t = face.landmarks.get(f"tragion_{suffix}")
        if t is not None:
            xs.append(t[0] - face.anterior_sign * 100)
            ys.append(t[1] + 140)
    pad = 40.0 if face.view == "frontal" else 30.0
    bottom = max(ys) + (45.0 if face.view == "frontal" else 60.0)  # neck drawn below the chin
    return min(xs) - pad, min(ys) - pad - 20, max(xs) + pad, bottom + 38


STYLE = """
.skin{fill:#fbeee4;stroke:#8c6d5a;stroke-width:0.8}
.ear{fill:#f6e0d2;stroke:#8c6d5a;stroke-width:0.6}
.line{fill:none;stroke:#8c6d5a;stroke-width:0.6}
.brow{fill:none;stroke:#6b4f3f;stroke-width:1.6;stroke-linecap:round}
.lip{fill:#e9a99c;stroke:#b5655a;stroke-width:0.6}
.zone{fill-opacity:0.38;stroke-width:0.5;fill-rule:evenodd}
.thread{fill:none;stroke-width:1.4;stroke-linecap:round;stroke-linejoin:round}
.label{font-family:sans-serif;fill:#222}
"""


def render(face: Face, zones: ZoneSet, plan: Plan | None = None, score: Score | None = None) -> str:
    """The face, its zones coloured by structure type with a legend, and optionally a plan.

    Threads are coloured by their worst finding (red critical, orange warning, green none);
    each thread, zone and finding has a `<title>` tooltip. Units of the viewBox are mm.
    """
    x0, y0, x1, y1 = _bounds(face, zones)
    w, h = x1 - x0, y1 - y0
    title = f"Danger zones, {face.view} view" + (f": {plan.indication} plan" if plan else "")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_f(x0)} {_f(y0)} {_f(w)} {_f(h)}" '
        f'role="img" aria-labelledby="tl-title tl-desc" font-size="4">',
        f'<title id="tl-title">{escape(title)}</title>',
        '<desc id="tl-desc">Template face in millimetres with facial danger zones '
        "(nerves yellow, arteries red, parotid duct blue) built from published landmarks"
        f"{'; thread plan overlaid with scoring findings' if plan else ''}.</desc>",
        f"<style>{STYLE}</style>",
        f'<rect x="{_f(x0)}" y="{_f(y0)}" width="{_f(w)}" height="{_f(h)}" fill="#ffffff"/>',
    ]
    out += _outline_frontal(face) if face.view == "frontal" else _outline_lateral(face)
    out += _landmarks(face)
    for zone in zones.zones:
        colour = STRUCTURE_COLOURS.get(zone.structure_type, "#777777")
        tip = (
            f"{zone.name} ({zone.structure_type}); at risk in: {', '.join(zone.planes_at_risk)}; "
            f"sources: {', '.join(zone.sources)}"
        )
        out.append(
            f'<g class="zone-group" data-zone="{zone.id}"><title>{escape(tip)}</title>'
            f'<path class="zone" fill="{colour}" stroke="{colour}" '
            f'd="{_geometry_path(zone.geometry)}"/></g>'
        )
    areas: list[str] = []
    if plan is not None:
        area_shapes, areas = _areas(face, plan)
        out += area_shapes
        out += _threads(face, plan, score)
    types = [t for t in STRUCTURE_COLOURS if any(z.structure_type == t for z in zones.zones)]
    out += _legend(x0, y1, w, score, types, areas)
    out.append("</svg>")
    return "\n".join(out)


def _threads(face: Face, plan: Plan, score: Score | None) -> list[str]:
    out: list[str] = []
    for i, thread in enumerate(plan.threads):
        pts = [resolve_point(p, face) for p in (thread.entry, *thread.path)]
        findings = [f for f in (score.findings if score else ()) if f.thread == i]
        worst = max((f.severity for f in findings), key=SEVERITY_ORDER.__getitem__, default="ok")
        colour = SEVERITY_COLOURS[worst]
        tip = f"Thread {i + 1} ({thread.plane})" + "".join(
            f"\n{f.severity}: {f.message}" for f in findings
        )
        d = "M" + " L".join(f"{_f(x)},{_f(y)}" for x, y in pts)
        dash = ' stroke-dasharray="3 1.5"' if worst == "critical" else ""
        ex, ey = pts[0]
        out.append(
            f'<g class="thread-group" data-thread="{i}" data-severity="{worst}">'
            f"<title>{escape(tip)}</title>"
            f'<path class="thread" stroke="{colour}"{dash} d="{d}"/>'
            f'<circle cx="{_f(ex)}" cy="{_f(ey)}" r="1.6" fill="{colour}"/>'
            f'<text class="label" x="{_f(ex + 2)}" y="{_f(ey - 2)}">{i + 1}</text></g>'
        )
    return out


AREA_STYLE = {
    "target": ("#1a9850", "Target area of the indication"),
    "anchoring": ("#6a3d9a", "Anchoring area for unidirectional barbed threads"),
}


def _areas(face: Face, plan: Plan) -> tuple[list[str], list[str]]:
    from threadlift.planning.params import indication_areas  # planning builds on anatomy

    areas = indication_areas(face, plan.indication)
    out, kinds = [], []
    for kind, geom in (("target", areas.target), ("anchoring", areas.anchoring)):
        if geom is None or geom.is_empty:
            continue
        kinds.append(kind)
        colour, title = AREA_STYLE[kind]
        out.append(
            f'<g class="area" data-area="{kind}"><title>{escape(title)}</title>'
            f'<path d="{_geometry_path(geom)}" fill="{colour}" fill-opacity="0.10" '
            f'stroke="{colour}" stroke-width="0.6" stroke-dasharray="2 1.2"/></g>'
        )
    return out, kinds


def _legend(
    x0: float, y1: float, w: float, score: Score | None, types: list[str], areas: list[str]
) -> list[str]:
    y = y1 - 30
    out = [
        '<g class="legend"><title>Legend</title>'
        f'<rect x="{_f(x0)}" y="{_f(y - 8)}" width="{_f(w)}" height="38" fill="#ffffff" '
        'stroke="#dddddd" stroke-width="0.3"/>'
    ]
    names = {"nerve": "nerve", "artery": "artery", "duct": "parotid duct"}
    items: list[tuple[str, str, Any]] = [(names[t], STRUCTURE_COLOURS[t], "zone") for t in types]
    items += [(f"{kind} area", AREA_STYLE[kind][0], "area") for kind in areas]
    if score is not None:
        items += [
            ("thread: critical", SEVERITY_COLOURS["critical"], "line"),
            ("thread: warning", SEVERITY_COLOURS["warning"], "line"),
            ("thread: no finding", SEVERITY_COLOURS["ok"], "line"),
        ]
    col_w = (w - 16) / 4
    for k, (label, colour, kind) in enumerate(items):
        cx = x0 + 8 + (k % 4) * col_w
        cy = y + (k // 4) * 7
        if kind in ("zone", "area"):
            opacity, dash = ("0.45", "") if kind == "zone" else ("0.12", ' stroke-dasharray="2 1"')
            out.append(
                f'<rect x="{_f(cx)}" y="{_f(cy - 3.5)}" width="7" height="4.5" fill="{colour}" '
                f'fill-opacity="{opacity}" stroke="{colour}" stroke-width="0.5"{dash}/>'
            )
        else:
            out.append(
                f'<line x1="{_f(cx)}" y1="{_f(cy - 1.2)}" x2="{_f(cx + 7)}" y2="{_f(cy - 1.2)}" '
                f'stroke="{colour}" stroke-width="1.4"/>'
            )
        out.append(f'<text class="label" x="{_f(cx + 9)}" y="{_f(cy)}">{escape(label)}</text>')
    if score is not None:
        verdict = "PASSED" if score.passed else "NOT PASSED"
        text = (
            f"{verdict} · safety {score.safety} · efficacy {score.efficacy} · "
            f"overall {score.overall}"
        )
        out.append(
            f'<text class="label" x="{_f(x0 + 8)}" y="{_f(y + 18)}" font-size="5" '
            f'font-weight="bold">{escape(text)}</text>'
        )
    out.append(  # two short lines, so the note fits the narrowest (lateral) drawing
        f'<text class="label" x="{_f(x0 + 8)}" y="{_f(y + 24)}" font-size="3" fill="#555">'
        "Zones from published landmark constructions (Seckel; parotid duct, facial artery,"
        f'<tspan x="{_f(x0 + 8)}" dy="3.6">temporal anchoring studies); hover for sources. '
        "Not for clinical use without review.</tspan></text></g>"
    )
    return out
