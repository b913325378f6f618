"""Small SVG path helpers shared by the face illustration and the plan overlay (mm units)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shapely.geometry.base import BaseGeometry

from threadlift.anatomy.models import XY


def f(v: float) -> str:
    """A coordinate with 0.1 mm precision (no "-0.0")."""
    text = f"{v:.1f}"
    return "0.0" if text == "-0.0" else text


def xy(p: XY) -> str:
    return f"{f(p[0])},{f(p[1])}"


def smooth(points: Sequence[XY], closed: bool = False) -> str:
    """A Catmull-Rom spline through `points` as cubic Bézier path data (passes every point)."""
    pts = list(points)
    pts = [pts[-1], *pts, pts[0], pts[1]] if closed else [pts[0], *pts, pts[-1]]
    d = [f"M{xy(pts[1])}"]
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        d.append(f"C{xy(c1)} {xy(c2)} {xy(p2)}")
    return " ".join(d) + (" Z" if closed else "")


def sample(points: Sequence[XY], closed: bool = False, steps: int = 10) -> list[XY]:
    """Points along the same Catmull-Rom spline as `smooth` (for geometry such as the hair)."""
    pts = list(points)
    pts = [pts[-1], *pts, pts[0], pts[1]] if closed else [pts[0], *pts, pts[-1]]
    out: list[XY] = []
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for k in range(steps):
            t = k / steps
            t2, t3 = t * t, t * t * t
            out.append(
                tuple(  # type: ignore[arg-type]
                    0.5
                    * (
                        2 * p1[j]
                        + (-p0[j] + p2[j]) * t
                        + (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t2
                        + (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t3
                    )
                    for j in (0, 1)
                )
            )
    if not closed:
        out.append(pts[-2])
    return out


def polyline(points: Sequence[XY], closed: bool = False) -> str:
    d = "M" + " L".join(xy(p) for p in points)
    return d + (" Z" if closed else "")


def geometry_path(geom: BaseGeometry) -> str:
    """Path data of a (multi)polygon, holes included (use fill-rule evenodd)."""
    parts: list[str] = []
    for poly in getattr(geom, "geoms", [geom]):
        if poly.is_empty or poly.geom_type != "Polygon":
            continue
        for ring in (poly.exterior, *poly.interiors):
            parts.append(polyline(list(ring.coords)[:-1], closed=True))
    return " ".join(parts)


# ---------------------------------------------------------------- illustration styles
# Presentation attributes only (no `style`), so a drawing also works inline under a strict
# Content-Security-Policy.

SKIN = 'fill="#f3dccb" stroke="#8a5a44" stroke-width="0.6" stroke-linejoin="round"'
LINE = 'fill="none" stroke="#8a5a44" stroke-width="0.45" stroke-linecap="round"'
FAINT = 'fill="none" stroke="#a57a63" stroke-width="0.35" stroke-linecap="round" opacity="0.75"'
HAIR = 'fill="#6b4a35" stroke="#4a3122" stroke-width="0.4"'
BROW = 'fill="#5b3d2b" stroke="none"'
LIP = 'fill="#d48f84" stroke="#a45a50" stroke-width="0.4"'


@dataclass(frozen=True)
class Illustration:
    """The drawn face: SVG elements and the skin silhouette (head and neck) for bounds."""

    elements: list[str]
    outline: BaseGeometry


def group(cls: str, parts: list[str]) -> str:
    return f'<g class="{cls}">' + "".join(parts) + "</g>"
