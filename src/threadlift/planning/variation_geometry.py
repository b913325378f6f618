"""Numpy geometry for many faces at once: thread segments against circles, bands and polygons.

Each `hits_*` function takes the plan's thread segments `p0, p1` of shape (M, 2) and one zone
part's geometry on N sampled faces, and returns an (M, N) boolean array: segment m touches the
part on face n (touching counts, as with shapely's `intersects`). Only the (segment, face) pairs
whose bounding boxes meet are measured, in one flat numpy pass. Circles and bands are exact here,
where the single-face scorer uses shapely buffers (16 and 8 segments per quarter circle): the
two can differ only within 0.03 mm of an outline, finer than a plan is drawn.
"""

from __future__ import annotations

from typing import Any

import numpy as np

Array = np.ndarray[Any, Any]
EPS = 1e-9


def _point_segment(qx: Array, qy: Array, ax: Array, ay: Array, bx: Array, by: Array) -> Array:
    """Distance from points q to segments a→b (flat arrays of one length, or broadcast)."""
    dx, dy = bx - ax, by - ay
    dd = dx * dx + dy * dy
    t = ((qx - ax) * dx + (qy - ay) * dy) / np.where(dd > 0, dd, 1.0)
    t = np.clip(np.where(dd > 0, t, 0.0), 0.0, 1.0)
    ex, ey = qx - (ax + t * dx), qy - (ay + t * dy)
    out: Array = np.sqrt(ex * ex + ey * ey)
    return out


def _cross(ox: Array, oy: Array, ax: Array, ay: Array, bx: Array, by: Array) -> Array:
    out: Array = (ax - ox) * (by - oy) - (ay - oy) * (bx - ox)
    return out


def _segment_distance(a: tuple[Array, ...], b: tuple[Array, ...]) -> Array:
    """Distance between segments a = (x0, y0, x1, y1) and b (flat arrays): 0 where they cross."""
    ax0, ay0, ax1, ay1 = a
    bx0, by0, bx1, by1 = b
    d1 = _cross(bx0, by0, bx1, by1, ax0, ay0)
    d2 = _cross(bx0, by0, bx1, by1, ax1, ay1)
    d3 = _cross(ax0, ay0, ax1, ay1, bx0, by0)
    d4 = _cross(ax0, ay0, ax1, ay1, bx1, by1)
    crossing = (d1 * d2 < 0) & (d3 * d4 < 0)
    dist = np.minimum(
        np.minimum(
            _point_segment(ax0, ay0, bx0, by0, bx1, by1),
            _point_segment(ax1, ay1, bx0, by0, bx1, by1),
        ),
        np.minimum(
            _point_segment(bx0, by0, ax0, ay0, ax1, ay1),
            _point_segment(bx1, by1, ax0, ay0, ax1, ay1),
        ),
    )
    out: Array = np.where(crossing, 0.0, dist)
    return out


def _candidates(p0: Array, p1: Array, lo: Array, hi: Array, pad: float) -> tuple[Array, Array]:
    """(segment, face) index pairs whose boxes meet; part box per face lo/hi (N, 2), + pad.

    Segments that miss the part's box over all faces are dropped first (most of them)."""
    slo = np.minimum(p0, p1)
    shi = np.maximum(p0, p1)
    near = ((slo <= hi.max(axis=0) + pad) & (lo.min(axis=0) - pad <= shi)).all(axis=1)
    m_idx = np.flatnonzero(near)
    if len(m_idx) == 0:
        return m_idx, m_idx
    meet = (
        (slo[m_idx, None, 0] <= hi[None, :, 0] + pad)
        & (lo[None, :, 0] - pad <= shi[m_idx, None, 0])
        & (slo[m_idx, None, 1] <= hi[None, :, 1] + pad)
        & (lo[None, :, 1] - pad <= shi[m_idx, None, 1])
    )
    m, n = np.nonzero(meet)
    return m_idx[m], n


def _flat(p0: Array, p1: Array, m: Array) -> tuple[Array, Array, Array, Array]:
    return p0[m, 0], p0[m, 1], p1[m, 0], p1[m, 1]


def hits_circle(p0: Array, p1: Array, centres: Array, radius: float) -> Array:
    """(M, N): segment m within `radius` of centre n (centres (N, 2))."""
    hit = np.zeros((p0.shape[0], centres.shape[0]), dtype=bool)
    m, n = _candidates(p0, p1, centres, centres, radius)
    if len(m):
        ax, ay, bx, by = _flat(p0, p1, m)
        d = _point_segment(centres[n, 0], centres[n, 1], ax, ay, bx, by)
        hit[m, n] = d <= radius + EPS
    return hit


def _near_polyline(
    a: tuple[Array, Array, Array, Array], rings: Array, pad: float, closed: bool, near: Array
) -> Array:
    """`near` or: segment a[i] within `pad` of some edge of rings[i] (rings (C, K, 2)); each
    edge is measured only for the pairs not yet near whose boxes meet it."""
    ax0, ay0, ax1, ay1 = a
    k = rings.shape[1]
    for i in range(k if closed else k - 1):
        q0, q1 = rings[:, i], rings[:, (i + 1) % k]
        todo = np.flatnonzero(
            ~near
            & (np.minimum(ax0, ax1) <= np.maximum(q0[:, 0], q1[:, 0]) + pad)
            & (np.minimum(q0[:, 0], q1[:, 0]) - pad <= np.maximum(ax0, ax1))
            & (np.minimum(ay0, ay1) <= np.maximum(q0[:, 1], q1[:, 1]) + pad)
            & (np.minimum(q0[:, 1], q1[:, 1]) - pad <= np.maximum(ay0, ay1))
        )
        if len(todo):
            sub = (ax0[todo], ay0[todo], ax1[todo], ay1[todo])
            edge = (q0[todo, 0], q0[todo, 1], q1[todo, 0], q1[todo, 1])
            near[todo] = _segment_distance(sub, edge) <= pad
    return near


def hits_band(p0: Array, p1: Array, polyline: Array, half_width: float) -> Array:
    """(M, N): segment m within `half_width` of the polyline of face n (polyline (N, K, 2))."""
    hit = np.zeros((p0.shape[0], polyline.shape[0]), dtype=bool)
    m, n = _candidates(p0, p1, polyline.min(axis=1), polyline.max(axis=1), half_width)
    if len(m):
        near = np.zeros(len(m), dtype=bool)
        hit[m, n] = _near_polyline(_flat(p0, p1, m), polyline[n], half_width + EPS, False, near)
    return hit


def _inside(qx: Array, qy: Array, poly: Array) -> Array:
    """Point q[i] strictly inside (even-odd) polygon poly[i] (poly (C, K, 2))."""
    inside = np.zeros(len(qx), dtype=bool)
    k = poly.shape[1]
    for i in range(k):
        xi, yi = poly[:, i, 0], poly[:, i, 1]
        xj, yj = poly[:, i - 1, 0], poly[:, i - 1, 1]
        straddles = (yi > qy) != (yj > qy)
        dy = np.where(yj == yi, 1.0, yj - yi)
        inside ^= straddles & (qx < xi + (qy - yi) * (xj - xi) / dy)
    return inside


def hits_polygon(p0: Array, p1: Array, poly: Array) -> Array:
    """(M, N): segment m touches the polygon of face n (an end inside, or touching an edge)."""
    hit = np.zeros((p0.shape[0], poly.shape[0]), dtype=bool)
    m, n = _candidates(p0, p1, poly.min(axis=1), poly.max(axis=1), EPS)
    if len(m):
        a = _flat(p0, p1, m)
        rings = poly[n]
        inside = _inside(a[0], a[1], rings) | _inside(a[2], a[3], rings)
        hit[m, n] = _near_polyline(a, rings, EPS, True, inside)
    return hit
