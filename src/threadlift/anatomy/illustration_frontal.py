"""The frontal face as an anatomical illustration: skin, hair, ears, eyes, brows, nose, lips, neck.

Every shape is placed from the face's landmarks, so a variant face is drawn as it is. The
shapes between landmarks (skull, hair, ear, lids, lips) are drawing aids, not measurements.
Origin nasion, mm, x to the viewer's right (the subject's left), y down.
"""

from __future__ import annotations

import shapely

from threadlift.anatomy.models import XY, Face
from threadlift.anatomy.svg_paths import (
    BROW,
    FAINT,
    HAIR,
    LINE,
    LIP,
    SKIN,
    Illustration,
    f,
    geometry_path,
    polyline,
    sample,
    smooth,
    xy,
)
from threadlift.anatomy.svg_paths import group as _g


def frontal(face: Face, prefix: str) -> Illustration:
    """The frontal illustration; `prefix` keeps clip-path ids unique on a page."""
    lm = face.landmarks
    mid = face.midline_x()
    tr, me, n = lm["trichion"], lm["menton"], lm["nasion"]
    third = n[1] - tr[1]

    def side_ring(sg: float) -> list[XY]:
        s = "left" if sg > 0 else "right"
        ft, zy, go = lm[f"frontotemporale_{s}"], lm[f"zygion_{s}"], lm[f"gonion_{s}"]
        notch, mbm = lm[f"antegonial_notch_{s}"], lm[f"mandible_border_mid_{s}"]
        w = abs(ft[0] - mid)
        return [
            (mid + sg * 0.62 * w, tr[1] - 0.36 * third),
            (mid + sg * (w + 6), tr[1] - 0.02 * third),
            (ft[0] + sg * 9, ft[1]),
            (zy[0] + sg * 6, zy[1]),
            ((zy[0] + go[0]) / 2 + sg * 8, zy[1] + 0.55 * (go[1] - zy[1])),
            (go[0] + sg * 6, go[1] + 3),
            (notch[0] + sg * 4, notch[1] + 4),
            (mbm[0] + sg * 3, mbm[1] + 4),
            (mid + sg * 13, me[1] + 0.5),
        ]

    crown = (mid, tr[1] - 0.46 * third)
    ring = [crown, *side_ring(1.0), (mid, me[1] + 2.5), *reversed(side_ring(-1.0))]
    head = shapely.Polygon(sample(ring, closed=True)).buffer(0)
    bottom = me[1] + 58
    neck_parts, neck_poly = _frontal_neck(face, mid, bottom)
    hair = head.buffer(2.5).intersection(_frontal_hair_region(face, mid)).buffer(0)
    out = [neck_parts, _frontal_ears(face)]
    out.append(f'<path class="skin" {SKIN} d="{smooth(ring, closed=True)}"/>')
    out.append(_frontal_contours(face, mid))
    out.append(f'<path class="hair" {HAIR} d="{geometry_path(hair)}"/>')
    for sg in (1.0, -1.0):
        out.append(_frontal_eye(face, sg, f"{prefix}eye-{'l' if sg > 0 else 'r'}"))
        out.append(_frontal_brow(face, sg))
    out.append(_frontal_nose(face, mid))
    out.append(_frontal_lips(face, mid))
    return Illustration(out, shapely.union_all([head, neck_poly, hair]))


def _frontal_neck(face: Face, mid: float, bottom: float) -> tuple[str, shapely.Polygon]:
    lm = face.landmarks
    go, me = lm["gonion_left"], lm["menton"]
    w = 0.9 * abs(go[0] - mid)
    pts = [
        (mid - w, go[1]),
        (mid - w - 1, me[1] + 28),
        (mid - w - 28, bottom - 4),
        (mid - w - 34, bottom),
        (mid + w + 34, bottom),
        (mid + w + 28, bottom - 4),
        (mid + w + 1, me[1] + 28),
        (mid + w, go[1]),
    ]
    t = lm["tragion_left"]
    parts = [f'<path class="skin neck" {SKIN} d="{polyline(pts, closed=True)}"/>']
    for sg in (1.0, -1.0):  # sternocleidomastoid borders and the clavicles
        parts.append(
            f'<path class="contour" {FAINT} '
            f'd="M{xy((mid + sg * (abs(t[0] - mid) - 22), me[1] + 4))} '
            f'Q{xy((mid + sg * 26, me[1] + 30))} {xy((mid + sg * 7, bottom - 3))}"/>'
        )
        parts.append(
            f'<path class="contour" {FAINT} d="M{xy((mid + sg * 9, bottom - 1))} '
            f'Q{xy((mid + sg * 30, bottom - 5))} {xy((mid + sg * (w + 30), bottom - 2))}"/>'
        )
    return _g("neck", parts), shapely.Polygon(pts)


def _frontal_hair_region(face: Face, mid: float) -> shapely.Polygon:
    lm = face.landmarks
    tr = lm["trichion"]
    pts: list[XY] = []
    for sg in (-1.0, 1.0):
        s = "left" if sg > 0 else "right"
        ft, t, ex = lm[f"frontotemporale_{s}"], lm[f"tragion_{s}"], lm[f"exocanthion_{s}"]
        w = abs(ft[0] - mid)
        side = [
            (mid + sg * (abs(t[0] - mid) + 30), ex[1] - 10),
            (mid + sg * (abs(t[0] - mid) - 3), ex[1] - 10),
            (mid + sg * (w + 2), ft[1] - 4),
            (mid + sg * (w - 6), ft[1] - 16),
            (mid + sg * 0.5 * w, tr[1] + 3),
        ]
        pts += side if sg < 0 else list(reversed(side))
        if sg < 0:
            pts.append(tr)
    line = sample(pts, steps=6)
    top = tr[1] - 200
    return shapely.Polygon([*line, (line[-1][0], top), (line[0][0], top)]).buffer(0)


def _frontal_ears(face: Face) -> str:
    lm = face.landmarks
    parts = []
    for sg, s in ((1.0, "left"), (-1.0, "right")):
        t, zy, ob = lm[f"tragion_{s}"], lm[f"zygion_{s}"], lm[f"otobasion_inferius_{s}"]
        x0 = zy[0] + sg * 3
        outer = [
            (x0, t[1] - 26),
            (x0 + sg * 9, t[1] - 31),
            (x0 + sg * 15, t[1] - 22),
            (x0 + sg * 15, t[1] + 6),
            (x0 + sg * 11, ob[1] - 6),
            (x0 + sg * 6, ob[1] + 4),
            (x0 - sg * 1, ob[1]),
        ]
        inner = [(x0 + sg * 5, t[1] - 22), (x0 + sg * 10, t[1] - 18), (x0 + sg * 10, t[1] + 8)]
        parts.append(f'<path class="skin ear" {SKIN} d="{smooth(outer)} Z"/>')
        parts.append(f'<path class="contour" {LINE} d="{smooth(inner)}"/>')
    return _g("ears", parts)


def _frontal_contours(face: Face, mid: float) -> str:
    lm = face.landmarks
    parts = []
    for sg, s in ((1.0, "left"), (-1.0, "right")):
        al, ch = lm[f"alare_{s}"], lm[f"cheilion_{s}"]
        a, c = abs(al[0] - mid), abs(ch[0] - mid)
        parts.append(  # nasolabial fold
            f'<path class="contour" {FAINT} d="M{xy((mid + sg * (a + 2), al[1] + 1))} '
            f"Q{xy((mid + sg * (c + 5), (al[1] + ch[1]) / 2))} "
            f'{xy((mid + sg * (c + 4), ch[1] + 7))}"/>'
        )
    pg, li = lm["pogonion"], lm["labrale_inferius"]
    parts.append(  # mentolabial sulcus and chin
        f'<path class="contour" {FAINT} d="M{xy((mid - 8, li[1] + 6))} Q{xy((mid, li[1] + 3.5))} '
        f"{xy((mid + 8, li[1] + 6))} M{xy((mid - 9, pg[1] + 3))} Q{xy((mid, pg[1] + 8))} "
        f'{xy((mid + 9, pg[1] + 3))}"/>'
    )
    return _g("contours", parts)


def _frontal_eye(face: Face, sg: float, clip_id: str) -> str:
    s = "left" if sg > 0 else "right"
    lm = face.landmarks
    en, ex, pu = lm[f"endocanthion_{s}"], lm[f"exocanthion_{s}"], lm[f"pupil_{s}"]
    w = abs(ex[0] - en[0])
    h = 0.39 * w  # palpebral fissure height about 12 mm for a 30 mm fissure (T28, T7)
    d = 1.0 if ex[0] > en[0] else -1.0
    upper = (
        f"M{xy(en)} C{xy((en[0] + d * 0.22 * w, en[1] - 0.72 * h))} "
        f"{xy((ex[0] - d * 0.32 * w, ex[1] - 0.78 * h))} {xy(ex)}"
    )
    lower = (
        f"C{xy((ex[0] - d * 0.3 * w, ex[1] + 0.42 * h))} "
        f"{xy((en[0] + d * 0.28 * w, en[1] + 0.45 * h))} {xy(en)} Z"
    )
    r = 0.195 * w  # iris about 11.7 mm across (drawing default)
    crease = (
        f"M{xy((en[0] + d * 0.12 * w, en[1] - 0.45 * h))} "
        f"C{xy((en[0] + d * 0.3 * w, en[1] - 1.1 * h))} "
        f"{xy((ex[0] - d * 0.25 * w, ex[1] - 1.1 * h))} "
        f"{xy((ex[0] + d * 0.04 * w, ex[1] - 0.45 * h))}"
    )
    return _g(
        "eye",
        [
            f'<clipPath id="{clip_id}"><path d="{upper} {lower}"/></clipPath>',
            f'<path class="sclera" fill="#fbfaf6" stroke="none" d="{upper} {lower}"/>',
            f'<g clip-path="url(#{clip_id})">'
            f'<circle class="iris" cx="{f(pu[0])}" cy="{f(pu[1])}" r="{f(r)}" fill="#6f8ea0" '
            f'stroke="#3d5566" stroke-width="0.4"/>'
            f'<circle cx="{f(pu[0])}" cy="{f(pu[1])}" r="{f(r * 0.32)}" fill="#1c1c1c"/>'
            f'<circle cx="{f(pu[0] + 1.2)}" cy="{f(pu[1] - 1.3)}" r="0.7" fill="#ffffff"/></g>',
            f'<path class="lid" fill="none" stroke="#5b3d2b" stroke-width="0.7" d="{upper}"/>',
            f'<path class="lid" {LINE} d="M{xy(ex)} {lower[:-2]}"/>',
            f'<path class="contour" {FAINT} d="{crease}"/>',
        ],
    )


def _frontal_brow(face: Face, sg: float) -> str:
    s = "left" if sg > 0 else "right"
    lm = face.landmarks
    bh, bt = lm[f"brow_head_{s}"], lm[f"brow_tail_{s}"]
    en, ex, pu = lm[f"endocanthion_{s}"], lm[f"exocanthion_{s}"], lm[f"pupil_{s}"]
    peak_x = en[0] + 0.929 * (ex[0] - en[0])  # brow apex over 0.93 of the eye width (T33)
    lower = [bh, (pu[0], bh[1] + 0.4 * (bt[1] - bh[1]) - 1.2), (peak_x, bt[1] - 1.6), bt]
    upper = [
        (bt[0] - sg * 1.0, bt[1] - 1.4),
        (peak_x, bt[1] - 5.2),
        (pu[0], lower[1][1] - 4.6),
        (bh[0] + sg * 0.5, bh[1] - 5.0),
    ]
    pts = sample(lower, steps=6) + sample(upper, steps=6)
    return f'<path class="brow" {BROW} d="{smooth(pts[::2], closed=True)}"/>'


def _frontal_nose(face: Face, mid: float) -> str:
    lm = face.landmarks
    sn, prn = lm["subnasale"], lm["pronasale"]
    parts = []
    for sg, s in ((1.0, "left"), (-1.0, "right")):
        al, bh, en = lm[f"alare_{s}"], lm[f"brow_head_{s}"], lm[f"endocanthion_{s}"]
        a = abs(al[0] - mid)
        parts.append(  # ala
            f'<path class="ala" {LINE} d="M{xy((mid + sg * 0.55 * a, sn[1] - 7))} '
            f"C{xy((mid + sg * 1.08 * a, al[1] - 4.5))} {xy((mid + sg * 1.12 * a, al[1] + 6))} "
            f'{xy((mid + sg * 0.62 * a, sn[1] - 1.0))}"/>'
        )
        cx, cy = mid + sg * 0.36 * a, sn[1] - 1.9
        parts.append(  # nostril
            f'<ellipse class="nostril" cx="{f(cx)}" cy="{f(cy)}" rx="{f(0.21 * a)}" '
            f'ry="{f(0.08 * a)}" transform="rotate({f(sg * 14)} {f(cx)} {f(cy)})" '
            f'fill="#7d4a3a" opacity="0.85"/>'
        )
        parts.append(  # side wall of the nose
            f'<path class="contour" {FAINT} d="M{xy((bh[0] - sg * 1.5, bh[1] + 4))} '
            f"Q{xy((mid + sg * 0.55 * abs(en[0] - mid), en[1] + 8))} "
            f'{xy((mid + sg * 0.42 * a, prn[1] + 1))}"/>'
        )
    a = abs(lm["alare_left"][0] - mid)
    parts.append(  # tip lobule and columella
        f'<path class="contour" {LINE} d="M{xy((mid - 0.5 * a, sn[1] - 5.5))} '
        f"C{xy((mid - 0.35 * a, sn[1] + 0.3))} {xy((mid + 0.35 * a, sn[1] + 0.3))} "
        f'{xy((mid + 0.5 * a, sn[1] - 5.5))}"/>'
    )
    return _g("nose", parts)


def _frontal_lips(face: Face, mid: float) -> str:
    lm = face.landmarks
    ls, sto, li, ch = (
        lm["labrale_superius"],
        lm["stomion"],
        lm["labrale_inferius"],
        lm["cheilion_left"],
    )
    c = abs(ch[0] - mid)
    cy = (lm["cheilion_left"][1] + lm["cheilion_right"][1]) / 2

    def p(k: float, y: float) -> str:
        return xy((mid + k * c, y))

    upper = (
        f"M{p(1, cy)} C{p(0.72, cy - 3.2)} {p(0.42, ls[1] - 1.6)} {p(0.21, ls[1] - 1.3)} "
        f"Q{p(0.09, ls[1] - 1.2)} {p(0, ls[1] + 0.3)} Q{p(-0.09, ls[1] - 1.2)} "
        f"{p(-0.21, ls[1] - 1.3)} "
        f"C{p(-0.42, ls[1] - 1.6)} {p(-0.72, cy - 3.2)} {p(-1, cy)} "
        f"C{p(-0.6, sto[1] - 0.9)} {p(-0.2, sto[1] + 0.3)} {p(0, sto[1])} "
        f"C{p(0.2, sto[1] + 0.3)} {p(0.6, sto[1] - 0.9)} {p(1, cy)} Z"
    )
    lower = (
        f"M{p(1, cy)} C{p(0.6, sto[1] + 0.9)} {p(0.2, sto[1] + 0.3)} {p(0, sto[1])} "
        f"C{p(-0.2, sto[1] + 0.3)} {p(-0.6, sto[1] + 0.9)} {p(-1, cy)} "
        f"C{p(-0.7, li[1] - 1.5)} {p(-0.32, li[1] + 0.4)} {p(0, li[1] + 0.4)} "
        f"C{p(0.32, li[1] + 0.4)} {p(0.7, li[1] - 1.5)} {p(1, cy)} Z"
    )
    line = (
        f"M{p(1, cy)} C{p(0.6, sto[1] - 0.4)} {p(0.2, sto[1] + 0.5)} {p(0, sto[1])} "
        f"C{p(-0.2, sto[1] + 0.5)} {p(-0.6, sto[1] - 0.4)} {p(-1, cy)}"
    )
    return _g(
        "lips",
        [
            f'<path class="lip" {LIP} d="{upper}"/>',
            f'<path class="lip" {LIP} d="{lower}"/>',
            f'<path class="contour" fill="none" stroke="#7a3e36" stroke-width="0.5" d="{line}"/>',
        ],
    )
