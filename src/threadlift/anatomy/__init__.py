"""Anatomy: faces (named landmarks in mm), point resolution and danger zones.

Pure core: no Django, no I/O beyond reading this package's data files. Units are millimetres
and degrees; axes are image-like (x to the viewer's right, y down).
"""

from threadlift.anatomy.faces import mirror_face, swap_side, template_face, translate_face
from threadlift.anatomy.models import (
    AnchoredPoint,
    BetweenPoint,
    Face,
    FaceSource,
    Point,
    contract_landmarks,
)
from threadlift.anatomy.points import PointError, parse_point, resolve_point
from threadlift.anatomy.variants import describe, face_ids, variant_face
from threadlift.anatomy.zones import Zone, ZonePiece, ZoneSet, build_zones, constructions

__all__ = [
    "AnchoredPoint",
    "BetweenPoint",
    "Face",
    "FaceSource",
    "Point",
    "PointError",
    "Zone",
    "ZonePiece",
    "ZoneSet",
    "build_zones",
    "constructions",
    "contract_landmarks",
    "describe",
    "face_ids",
    "mirror_face",
    "parse_point",
    "resolve_point",
    "swap_side",
    "template_face",
    "translate_face",
    "variant_face",
]
