"""The profile (lateral-left or lateral-right) as an anatomical illustration.

Shapes are built in local coordinates (u anterior from tragion, y down, mm) from the face's
landmarks and mapped to the view, so lateral-right is exactly the mirror of lateral-left. The
profile line passes through every midline landmark; skull, hair, ear, lids and lips between
landmarks are drawing aids (the ear has no adult norm in the fact base: anthropometry.md 2.4).
"""

from __future__ import annotations

from collections.abc import Sequence

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
    sample,
    smooth,
)
from threadlift.anatomy.svg_paths import group as _g


class _Local:
    """Local profile coordinates: u anterior from tragion, y down."""

    def __init__(self, face: Face) -> None:
        self.face = face
        self.side = "left" if face.view == "lateral-left" else "right"
        self.s = face.anterior_sign
        self.t = face.landmarks[f"tragion_{self.side}"]

    def lm(self, name: str) -> XY:
        key = name if name in self.face.landmarks else f"{name}_{self.side}"
        x, y = self.face.landmarks[key]
        return ((x - self.t[0]) * self.s, y)

    def xy(self, p: XY) -> XY:
        return (self.t[0] + self.s * p[0], p[1])

    def pts(self, points: Sequence[XY]) -> list[XY]:
        return [self.xy(p) for p in points]

    def path(self, points: Sequence[XY], closed: bool = False) -> str:
        return smooth(self.pts(points), closed)

    def p(self, u: float, y: float) -> str:
        x, yy = self.xy((u, y))
        return f"{f(x)},{f(yy)}"


def lateral(face: Face, prefix: str) -> Illustration:
    """The profile illustration; `prefix` keeps clip-path ids unique on a page."""
    L = _Local(face)
    tr, gl, n, prn = L.lm("trichion"), L.lm("glabella"), L.lm("nasion"), L.lm("pronasale")
    sn, ls, sto, li = (
        L.lm("subnasale"),
        L.lm("labrale_superius"),
        L.lm("stomion"),
        L.lm("labrale_inferius"),
    )
    pg, gn, me = L.lm("pogonion"), L.lm("gnathion"), L.lm("menton")
    H = n[0]  # tragion-nasion depth: the skull is scaled by it
    top = tr[1] - 0.42 * H
    bottom = me[1] + 66
    back = [
        (-0.62 * H, bottom),
        (-0.6 * H, me[1] + 25),
        (-0.72 * H, 0.7 * H * 0.78),
        (-0.95 * H, 0.36 * H),
        (-1.12 * H, 0.02 * H),
        (-1.15 * H, -0.45 * H),
        (-0.98 * H, tr[1] + 0.05 * H),
        (-0.6 * H, top + 0.12 * H),
        (-0.1 * H, top),
        (0.38 * H, top + 0.04 * H),
        ((tr[0] + 0.78 * H) / 2 + 0.05 * H, tr[1] - 0.2 * H),
    ]
    face_line = [
        tr,
        ((tr[0] + gl[0]) / 2 + 2.5, (tr[1] + gl[1]) / 2),
        gl,
        n,
        ((n[0] + prn[0]) / 2 + 1.0, (n[1] + prn[1]) / 2),
        prn,
        (prn[0] - 3.0, prn[1] + 6.5),
        (sn[0] + 4.0, sn[1] - 1.5),
        sn,
        (ls[0] - 1.2, (sn[1] + ls[1]) / 2 + 1.0),
        ls,
        (sto[0] + 1.0, sto[1] - 1.2),
        sto,
        (li[0] - 0.6, sto[1] + 3.5),
        li,
        (min(li[0], pg[0]) - 4.0, (li[1] + pg[1]) / 2),
        pg,
        gn,
        me,
        (me[0] - 14, me[1] + 4),
        (me[0] - 30, me[1] + 16),
        (me[0] - 33, me[1] + 32),
        (me[0] - 31, me[1] + 40),
        (me[0] - 35, bottom),
    ]
    chain = [*back, *face_line]
    skin_pts = sample(chain, steps=8)
    outline = shapely.Polygon(L.pts(skin_pts)).buffer(0)
    hair = outline.buffer(2.5).intersection(_hair_region(L)).buffer(0)
    skin_d = smooth(L.pts(chain)) + " Z"
    out = [
        f'<path class="skin" {SKIN} d="{skin_d}"/>',
        _contours(L),
        f'<path class="hair" {HAIR} d="{geometry_path(hair)}"/>',
        _ear(L),
        _eye(L, f"{prefix}eye-{L.side}"),
        _brow(L),
        _nose(L),
        _lips(L),
    ]
    return Illustration(out, shapely.union_all([outline, hair]))


def _hair_region(L: _Local) -> shapely.Polygon:
    tr = L.lm("trichion")
    ft = L.lm("frontotemporale")
    line = [
        (tr[0] + 40, tr[1] - 4),
        tr,
        ((tr[0] + ft[0]) / 2 - 6, (tr[1] + ft[1]) / 2 + 6),
        (ft[0] - 6, ft[1] + 6),
        (20, -34),
        (15, -10),
        (8, -9),
        (3, -30),
        (-14, -40),
        (-33, -24),
        (-38, 4),
        (-44, 32),
        (-62, 46),
        (-200, 48),
    ]
    pts = sample(line, steps=6)
    return shapely.Polygon(L.pts([*pts, (-200, -300), (tr[0] + 40, -300)])).buffer(0)


def _ear(L: _Local) -> str:
    """Ear placeholder shape (no adult norm in the fact base, anthropometry.md 2.4): about
    63 mm long, hung from tragion, intertragic notch and otobasion inferius."""
    ob, itn = L.lm("otobasion_inferius"), L.lm("intertragic_notch")

    def k(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
        return [(0.88 * u, 0.88 * y + 1.5) for u, y in points]

    outer = [
        *k(
            [
                (3.0, -13),
                (0.5, -24),
                (-7, -30.5),
                (-17, -32),
                (-26, -26),
                (-31, -12),
                (-31.5, 4),
                (-27.5, 19),
                (-21, 30),
                (-12.5, 38),
                (-5.5, 40.5),
            ]
        ),
        ob,
        (ob[0] + 0.5, ob[1] - 8),
        (itn[0] + 1.5, itn[1] + 1.5),
        (3.5, 9),
        (3.8, 1),
    ]
    rim = k([(-2, -23), (-10, -27.5), (-20, -26), (-26.5, -13), (-27, 4), (-23, 18), (-17, 27)])
    antihelix = k([(-9, -23), (-16, -17), (-21, -4), (-20, 9), (-14, 18), (-7.5, 20.5)])
    return _g(
        "ear",
        [
            f'<path class="skin ear" {SKIN} d="{L.path(outer, closed=True)}"/>',
            f'<path class="contour" {LINE} d="{L.path(rim)}"/>',
            f'<path class="contour" {LINE} d="{L.path(antihelix)}"/>',
            '<path class="concha" fill="#dcb49c" stroke="none" '
            f'd="{L.path([(-3, -6), (-11, -3), (-14, 8), (-8, 15), (-1, 12)], closed=True)}"/>',
            '<path class="canal" fill="#5c3a2c" stroke="none" '
            f'd="{L.path([(-1.5, 1), (-4.5, 3), (-4, 8), (-1, 7)], closed=True)}"/>',
        ],
    )


def _eye(L: _Local, clip_id: str) -> str:
    ex, pu = L.lm("exocanthion"), L.lm("pupil")
    front = pu[0] + 3.8
    up, lo = (pu[0] + 2.3, pu[1] - 5.0), (pu[0] + 1.8, pu[1] + 4.0)
    shape = (
        f"M{L.p(*ex)} Q{L.p((ex[0] + up[0]) / 2, up[1] - 1.2)} {L.p(*up)} "
        f"Q{L.p(front, pu[1])} {L.p(*lo)} Q{L.p((ex[0] + lo[0]) / 2, lo[1] + 0.6)} {L.p(*ex)} Z"
    )
    cx, cy = L.xy((pu[0] + 2.4, pu[1]))
    upper_lid = f"M{L.p(*ex)} Q{L.p((ex[0] + up[0]) / 2, up[1] - 1.2)} {L.p(*up)}"
    crease = (
        f"M{L.p(ex[0] + 0.5, ex[1] - 2.5)} Q{L.p(pu[0], up[1] - 4.0)} "
        f"{L.p(up[0] + 1.0, up[1] - 2.6)}"
    )
    return _g(
        "eye",
        [
            f'<clipPath id="{clip_id}"><path d="{shape}"/></clipPath>',
            f'<path class="sclera" fill="#fbfaf6" stroke="none" d="{shape}"/>',
            f'<g clip-path="url(#{clip_id})"><ellipse class="iris" cx="{f(cx)}" cy="{f(cy)}" '
            f'rx="2.2" ry="5.4" fill="#6f8ea0" stroke="#3d5566" stroke-width="0.3"/></g>',
            f'<path class="lid" fill="none" stroke="#5b3d2b" stroke-width="0.7" d="{upper_lid}"/>',
            f'<path class="lid" {LINE} d="{shape}"/>',
            f'<path class="contour" {FAINT} d="{crease}"/>',
        ],
    )


def _brow(L: _Local) -> str:
    bh, bt = L.lm("brow_head"), L.lm("brow_tail")
    mid = ((bh[0] + bt[0]) / 2, min(bh[1], bt[1]) - 1.5)
    lower = [bh, mid, bt]
    upper = [(bt[0] + 0.5, bt[1] - 1.6), (mid[0], mid[1] - 3.6), (bh[0] - 0.5, bh[1] - 4.2)]
    pts = sample(lower, steps=5) + sample(upper, steps=5)
    return f'<path class="brow" {BROW} d="{L.path(pts[::2], closed=True)}"/>'


def _nose(L: _Local) -> str:
    al, sn, prn = L.lm("alare"), L.lm("subnasale"), L.lm("pronasale")
    ala = [
        (sn[0] - 2.5, sn[1] - 1.0),
        (al[0] - 2.0, al[1] + 3.0),
        (al[0] + 1.5, al[1] - 5.0),
        (al[0] + 8.0, al[1] - 6.5),
        ((al[0] + prn[0]) / 2 + 3, (al[1] + prn[1]) / 2 + 1),
    ]
    cx, cy = L.xy((sn[0] + 5.0, sn[1] - 5.2))
    return _g(
        "nose",
        [
            f'<path class="ala" {LINE} d="{L.path(ala)}"/>',
            f'<ellipse class="nostril" cx="{f(cx)}" cy="{f(cy)}" rx="3.0" ry="1.1" '
            f'transform="rotate({f(-L.s * 12)} {f(cx)} {f(cy)})" fill="#7d4a3a" opacity="0.85"/>',
        ],
    )


def _lips(L: _Local) -> str:
    ls, sto, li = L.lm("labrale_superius"), L.lm("stomion"), L.lm("labrale_inferius")
    ch = L.lm("cheilion")
    upper = (
        f"M{L.p(*ls)} Q{L.p(ls[0] + 0.3, (ls[1] + sto[1]) / 2)} {L.p(*sto)} "
        f"L{L.p(*ch)} Q{L.p((ls[0] + ch[0]) / 2 + 1.0, ls[1] + 1.0)} {L.p(*ls)} Z"
    )
    lower = (
        f"M{L.p(*sto)} Q{L.p(li[0] + 0.6, (sto[1] + li[1]) / 2)} {L.p(*li)} "
        f"Q{L.p((li[0] + ch[0]) / 2 + 1.0, li[1] - 1.0)} {L.p(*ch)} Z"
    )
    line = f"M{L.p(*sto)} L{L.p(*ch)}"
    return _g(
        "lips",
        [
            f'<path class="lip" {LIP} d="{upper}"/>',
            f'<path class="lip" {LIP} d="{lower}"/>',
            f'<path class="contour" fill="none" stroke="#7a3e36" stroke-width="0.5" d="{line}"/>',
        ],
    )


def _contours(L: _Local) -> str:
    me, go = L.lm("menton"), L.lm("gonion")
    mbm, notch = L.lm("mandible_border_mid"), L.lm("antegonial_notch")
    zy, al, ch = L.lm("zygion"), L.lm("alare"), L.lm("cheilion")
    ob = L.lm("otobasion_inferius")
    jaw = [me, mbm, notch, go, (go[0] + 1.5, go[1] - 22), (go[0] + 4, go[1] - 40)]
    arch = [(zy[0] + 8, zy[1] - 3), zy, (14, -3), (6, -4)]
    fold = [
        (al[0] + 2, al[1] + 5),
        ((al[0] + ch[0]) / 2 + 1, (al[1] + ch[1]) / 2 + 2),
        (ch[0] - 2, ch[1] + 7),
    ]
    scm = [(ob[0] - 14, ob[1] + 8), (me[0] - 60, me[1] + 30), (me[0] - 36, me[1] + 64)]
    return _g(
        "contours",
        [
            f'<path class="contour jaw" {FAINT} d="{L.path(jaw)}"/>',
            f'<path class="contour" {FAINT} d="{L.path(arch)}"/>',
            f'<path class="contour" {FAINT} d="{L.path(fold)}"/>',
            f'<path class="contour" {FAINT} d="{L.path(scm)}"/>',
        ],
    )
