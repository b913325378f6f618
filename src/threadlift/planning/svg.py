"""A thread plan drawn over the face: threads, target and anchoring areas, findings in place.

Builds on `threadlift.anatomy.svg` (the face and its zones), which knows nothing of plans.
Each finding about a thread is marked where it happened (`data-finding="<index>"` on a marker
at the zone crossing, the fixation point, the thread's end, …), with its message as a tooltip.
"""

from __future__ import annotations

import itertools
from html import escape

import shapely
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from threadlift.anatomy.models import XY, Face
from threadlift.anatomy.points import resolve_point
from threadlift.anatomy.svg import FaceDrawing, assemble, face_drawing
from threadlift.anatomy.svg_paths import f, geometry_path, polyline
from threadlift.anatomy.zones import ZoneSet
from threadlift.planning.models import Finding, Plan, Score
from threadlift.planning.params import indication_areas

SEVERITY_COLOURS = {"critical": "#a50026", "warning": "#e8590c", "info": "#1a7f37", "ok": "#1a7f37"}
SEVERITY_ORDER = {"ok": 0, "info": 1, "warning": 2, "critical": 3}
AREA_STYLE = {
    "target": ("#1a9850", "target area of the indication"),
    "anchoring": ("#6a3d9a", "anchoring area (unidirectional threads)"),
}
# where on a thread a rule's finding is marked when it concerns no zone
RULE_PLACE = {"fixation": "entry", "design": "entry", "on_label": "entry", "length": "end"}


def render_plan(
    face: Face,
    zones: ZoneSet,
    plan: Plan,
    score: Score | None = None,
    *,
    show_zones: bool = True,
    highlight_findings: bool = True,
    prefix: str = "tl-",
) -> str:
    """The face with its zones, the plan's areas and threads and, with a score, its findings.

    Threads are coloured by their worst finding (critical dashed). With `highlight_findings`,
    zones named by a critical or warning finding are highlighted and each thread finding gets a
    numbered marker where it happened (number = index in `score.findings` + 1).
    """
    findings = score.findings if score is not None else ()
    highlight = (
        {fd.zone for fd in findings if fd.zone and fd.severity in ("critical", "warning")}
        if highlight_findings
        else set()
    )
    drawing = face_drawing(
        face,
        zones,
        show_zones=show_zones,
        highlight=sorted(z for z in highlight if z),
        prefix=prefix,
    )
    lines = [[resolve_point(p, face) for p in (t.entry, *t.path)] for t in plan.threads]
    overlay = _areas(face, plan, drawing)
    overlay += _threads(plan, lines, findings)
    if score is not None and highlight_findings:
        overlay.append(_markers(findings, lines, zones))
    _legend(drawing, score)
    summary = None
    if score is not None:
        verdict = "PASSED" if score.passed else "NOT PASSED"
        summary = (
            f"{verdict} · safety {score.safety} · efficacy {score.efficacy} · overall "
            f"{score.overall}"
        )
        general = [fd for fd in findings if fd.thread is None]
        drawing.notes[:0] = [f"Whole plan ({fd.severity}): {fd.message}" for fd in general]
    title = f"{plan.indication} plan, {face.view} view"
    return assemble(drawing, title=title, overlay=overlay, summary=summary)


def _areas(face: Face, plan: Plan, drawing: FaceDrawing) -> list[str]:
    areas = indication_areas(face, plan.indication)
    out = []
    for kind, geom in (("target", areas.target), ("anchoring", areas.anchoring)):
        if geom is None or geom.is_empty:
            continue
        colour, title = AREA_STYLE[kind]
        drawing.legend.append(("area", colour, title))
        out.append(
            f'<g class="area" data-area="{kind}"><title>{escape(title)}</title>'
            f'<path d="{geometry_path(geom)}" fill="{colour}" fill-opacity="0.10" '
            f'stroke="{colour}" stroke-width="0.6" stroke-dasharray="2 1.2"/></g>'
        )
    return out


def _worst(findings: list[Finding]) -> str:
    return max((fd.severity for fd in findings), key=SEVERITY_ORDER.__getitem__, default="ok")


def _threads(plan: Plan, lines: list[list[XY]], findings: tuple[Finding, ...]) -> list[str]:
    out = ['<g class="threads">']
    for i, (thread, pts) in enumerate(zip(plan.threads, lines, strict=True)):
        mine = [fd for fd in findings if fd.thread == i]
        worst = _worst(mine)
        colour = SEVERITY_COLOURS[worst]
        planes = (
            " → ".join(k for k, _ in itertools.groupby(thread.segment_planes))
            if thread.planes
            else thread.plane
        )
        tip = f"Thread {i + 1} ({planes})" + "".join(
            f"\n{fd.severity}: {fd.message}" for fd in mine
        )
        dash = ' stroke-dasharray="3 1.5"' if worst == "critical" else ""
        ex, ey = pts[0]
        out.append(
            f'<g class="thread-group" data-thread="{i}" data-severity="{worst}" '
            f'data-plane="{thread.plane}"><title>{escape(tip)}</title>'
            f'<path class="thread" fill="none" stroke="{colour}" stroke-width="1.3" '
            f'stroke-linecap="round" stroke-linejoin="round"{dash} d="{polyline(pts)}"/>'
            f'<circle class="entry" cx="{f(ex)}" cy="{f(ey)}" r="1.5" fill="{colour}"/>'
            f'<text x="{f(ex + 2)}" y="{f(ey - 2)}" font-size="3.2" font-weight="bold" '
            f'fill="{colour}" stroke="#ffffff" stroke-width="0.7" '
            f'paint-order="stroke">T{i + 1}</text></g>'
        )
    out.append("</g>")
    return out


def _where(finding: Finding, pts: list[XY], zones: ZoneSet) -> XY:
    line = shapely.LineString(pts) if len(pts) > 1 else shapely.Point(pts[0])
    zone = zones.get(finding.zone) if finding.zone else None
    if zone is not None:
        geom: BaseGeometry = zone.geometry
        crossing = line.intersection(geom)
        if not crossing.is_empty:
            c = (
                crossing.interpolate(0.5, normalized=True)
                if crossing.length > 0
                else crossing.centroid
            )
            return (c.x, c.y)
        near = nearest_points(line, geom)[0]
        return (near.x, near.y)
    place = RULE_PLACE.get(finding.rule, "middle")
    if place == "entry" or len(pts) == 1:
        return pts[0]
    if place == "end":
        return pts[-1]
    mid = line.interpolate(0.5, normalized=True)
    return (mid.x, mid.y)


def _markers(findings: tuple[Finding, ...], lines: list[list[XY]], zones: ZoneSet) -> str:
    out = ['<g class="findings">']
    placed: list[XY] = []
    for k, fd in enumerate(findings):
        if fd.thread is None or fd.thread >= len(lines) or fd.severity == "info":
            continue
        x, y = _where(fd, lines[fd.thread], zones)
        while any(abs(x - px) < 4.8 and abs(y - py) < 4.8 for px, py in placed):
            x += 4.8  # side by side when several findings meet at one place
        placed.append((x, y))
        colour = SEVERITY_COLOURS[fd.severity]
        zone = f' data-zone="{fd.zone}"' if fd.zone else ""
        out.append(
            f'<g class="finding" data-finding="{k}" data-rule="{fd.rule}" '
            f'data-severity="{fd.severity}" data-thread="{fd.thread}"{zone}>'
            f"<title>{escape(f'{fd.severity}: {fd.message}')}</title>"
            f'<circle cx="{f(x)}" cy="{f(y)}" r="2.3" fill="#ffffff" stroke="{colour}" '
            'stroke-width="0.8"/>'
            f'<text x="{f(x)}" y="{f(y + 1.1)}" font-size="3" font-weight="bold" '
            'text-anchor="middle" '
            f'fill="{colour}">{k + 1}</text></g>'
        )
    out.append("</g>")
    return "".join(out)


def _legend(drawing: FaceDrawing, score: Score | None) -> None:
    if score is None:
        drawing.legend.append(("line", SEVERITY_COLOURS["ok"], "thread"))
        return
    drawing.legend += [
        ("dashed-line", SEVERITY_COLOURS["critical"], "thread with a critical finding"),
        ("line", SEVERITY_COLOURS["warning"], "thread with a warning"),
        ("line", SEVERITY_COLOURS["ok"], "thread with no finding"),
        ("marker", SEVERITY_COLOURS["critical"], "numbered finding, where it happened"),
    ]


def render_target(
    face: Face, zones: ZoneSet, indication: str, *, show_zones: bool, prefix: str = "tl-"
) -> str:
    """The face with the indication's target area outlined (no plan): what test mode shows,
    where the danger zones stay hidden (`show_zones=False`) until the plan is submitted."""
    drawing = face_drawing(face, zones, show_zones=show_zones, prefix=prefix)
    target = indication_areas(face, indication).target
    colour, title = AREA_STYLE["target"]
    drawing.legend.append(("area", colour, title))
    overlay = [
        f'<g class="area" data-area="target"><title>{escape(title)}</title>'
        f'<path d="{geometry_path(target)}" fill="{colour}" fill-opacity="0.10" '
        f'stroke="{colour}" stroke-width="0.6" stroke-dasharray="2 1.2"/></g>'
    ]
    return assemble(drawing, title=f"{indication} target area, {face.view} view", overlay=overlay)
