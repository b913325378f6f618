"""Hotspot regions on the template face of a view: danger zones and target/anchoring areas.

A region id is a danger-zone id (built by `threadlift.anatomy.build_zones`) or an area id: an
indication id (its target area) or an anchoring area of `threadlift.planning`. Geometry is in the
view's template-face millimetres.
"""

from __future__ import annotations

import functools
from typing import Any, Literal

import shapely
from shapely.geometry.base import BaseGeometry

from threadlift.anatomy import build_zones, template_face
from threadlift.anatomy.zones import ZoneSet
from threadlift.content.schemas import HotspotAnswer
from threadlift.knowledge.vocab import INDICATION_IDS, VIEWS, ZONE_IDS, View
from threadlift.planning.params import anchoring_areas, face_region, indications, polygon_on

REGION_KINDS: dict[str, str] = {
    **{zone: "danger zone" for zone in ZONE_IDS},
    **{area: "target area" for area in INDICATION_IDS},
}


def region_kinds() -> dict[str, str]:
    """Every region id a hotspot may name, with its kind."""
    return {**REGION_KINDS, **{a: "anchoring area" for a in anchoring_areas()}}


def zones_in(view: View, kb: Any) -> ZoneSet:
    return build_zones(template_face(view), kb)


@functools.lru_cache(maxsize=64)
def _area(view: View, area_id: str) -> BaseGeometry | None:
    face = template_face(view)
    key: Literal["frontal", "lateral"] = "frontal" if view == "frontal" else "lateral"
    if area_id in indications():
        points = getattr(indications()[area_id].target, key)
        field = f"indications.{area_id}.target"
    elif area_id in anchoring_areas():
        points = getattr(anchoring_areas()[area_id], key)
        field = f"anchoring_areas.{area_id}"
    else:
        return None
    if not points:
        return None
    geom = polygon_on(face, points, field)
    return None if geom.is_empty else geom


def region(view: View, region_id: str, kb: Any) -> BaseGeometry | None:
    """The geometry of a zone or area in `view`, or None when it is not drawn there."""
    if region_id in ZONE_IDS:
        zone = zones_in(view, kb).get(region_id)
        return None if zone is None else zone.geometry
    return _area(view, region_id)


def correct_region(view: View, answer: HotspotAnswer, kb: Any) -> BaseGeometry:
    """Where a correct click lies (empty geometry when no click can be correct)."""
    zones = zones_in(view, kb)
    if answer.inside:
        parts = [g for rid in answer.inside if (g := region(view, rid, kb)) is not None]
        area = shapely.union_all(parts) if parts else shapely.Polygon()
    else:
        area = face_region(template_face(view), zones)
    if answer.outside_all_zones and len(zones):
        area = area.difference(shapely.union_all([z.geometry for z in zones]))
    return area


def click_is_correct(
    view: View, answer: HotspotAnswer, x: float, y: float, kb: Any, tolerance_mm: float = 0.0
) -> bool:
    """Whether a click at (x, y) mm on the view's template face satisfies `answer`.

    On a zone's or area's edge counts as inside (a click on a danger zone's border is in it).
    `tolerance_mm` (our policy, `assessment_policy.yaml`): a click that close to an `inside`
    target still counts. "Outside every danger zone" has no tolerance (fail safe).
    """
    zones = zones_in(view, kb)
    point = shapely.Point(x, y)
    if answer.outside_all_zones and any(z.geometry.intersects(point) for z in zones):
        return False
    if answer.inside:
        return any(
            (g := region(view, rid, kb)) is not None and g.distance(point) <= tolerance_mm
            for rid in answer.inside
        )
    return bool(face_region(template_face(view), zones).intersects(point))


def distance_to_target(view: View, answer: HotspotAnswer, x: float, y: float, kb: Any) -> float:
    """How far (mm) the click lies from where a correct click lies (0 when inside it)."""
    area = correct_region(view, answer, kb)
    return 0.0 if area.is_empty else float(area.distance(shapely.Point(x, y)))


__all__ = [
    "VIEWS",
    "click_is_correct",
    "correct_region",
    "distance_to_target",
    "region",
    "region_kinds",
    "zones_in",
]
