"""The numpy geometry of the variation agrees with shapely's exact predicates and distances."""

from __future__ import annotations

import numpy as np
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from threadlift.planning.variation_geometry import hits_band, hits_circle, hits_polygon

coord = st.floats(-50, 50, allow_subnormal=False).map(lambda v: round(v, 3))  # drawable mm
xy = st.tuples(coord, coord)
segments = st.lists(st.tuples(xy, xy), min_size=1, max_size=6)
FAST = settings(max_examples=80, deadline=None)


def _arrays(segs):
    p0 = np.array([s[0] for s in segs], dtype=float)
    p1 = np.array([s[1] for s in segs], dtype=float)
    return p0, p1


def _line(seg):
    a, b = seg
    return shapely.Point(a) if a == b else shapely.LineString([a, b])


@FAST
@given(segments, st.lists(xy, min_size=1, max_size=5), st.floats(0.5, 20))
def test_a_segment_hits_a_circle_exactly_when_it_comes_within_the_radius(segs, centres, r) -> None:
    p0, p1 = _arrays(segs)
    hits = hits_circle(p0, p1, np.array(centres, dtype=float), r)
    for i, seg in enumerate(segs):
        for j, c in enumerate(centres):
            d = shapely.distance(_line(seg), shapely.Point(c))
            if abs(d - r) > 1e-6:
                assert hits[i, j] == (d <= r)


@FAST
@given(segments, st.lists(st.lists(xy, min_size=2, max_size=4), min_size=1, max_size=4))
def test_a_segment_hits_a_band_exactly_when_it_comes_within_the_half_width(segs, lines) -> None:
    k = min(len(pl) for pl in lines)
    polylines = np.array([pl[:k] for pl in lines], dtype=float)
    p0, p1 = _arrays(segs)
    hits = hits_band(p0, p1, polylines, 4.0)
    for i, seg in enumerate(segs):
        for j, pl in enumerate(polylines):
            line = shapely.LineString(pl)
            shape = line if line.length > 0 else shapely.Point(pl[0])  # a degenerate band
            d = shapely.distance(_line(seg), shape)
            if abs(d - 4.0) > 1e-6:
                assert hits[i, j] == (d <= 4.0)


@FAST
@given(
    segments, st.lists(st.tuples(xy, st.floats(2, 30), st.floats(2, 30)), min_size=1, max_size=4)
)
def test_a_segment_hits_a_polygon_exactly_when_shapely_says_they_intersect(segs, boxes) -> None:
    polys = np.array(
        [
            [(x, y), (x + w, y + 0.3 * h), (x + w, y + h), (x - 0.2 * w, y + h)]
            for (x, y), w, h in boxes
        ]
    )
    p0, p1 = _arrays(segs)
    hits = hits_polygon(p0, p1, polys)
    for i, seg in enumerate(segs):
        for j, ring in enumerate(polys):
            poly = shapely.Polygon(ring)
            if shapely.distance(_line(seg), poly.exterior) > 1e-6 or poly.contains(_line(seg)):
                assert hits[i, j] == shapely.intersects(_line(seg), poly)
