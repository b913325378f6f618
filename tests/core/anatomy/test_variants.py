"""Face variants: within the published ranges, zones follow the face, plans meet its zones."""

from __future__ import annotations

import math

import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely import affinity

from threadlift.anatomy import AnchoredPoint, build_zones, mirror_face, resolve_point, template_face
from threadlift.anatomy.variants import (
    VariantSpec,
    build_variant,
    describe,
    face_ids,
    measurements,
    variant_data,
    variant_face,
)
from threadlift.knowledge.vocab import VIEWS
from threadlift.planning import parse_plan, score_plan

TOLERANCE = 0.2  # mm / degrees: the template's own rounding


def assert_within_published_ranges(face, sex) -> None:
    data = variant_data()
    for name, value in measurements(face).items():
        norm = data.measurements[name].norm(sex)  # type: ignore[index]
        low = norm.mean - data.max_sd * norm.sd - TOLERANCE
        high = norm.mean + data.max_sd * norm.sd + TOLERANCE
        assert low <= value <= high, (
            f"{face.view} {name} = {value:.1f} outside {low:.1f}..{high:.1f}"
        )


def sex_of(face_id: str) -> str:
    return "male" if face_id.startswith("male") else "female"


@pytest.mark.parametrize("view", VIEWS)
def test_a_handful_of_stable_faces_is_offered_in_every_view(view) -> None:
    ids = face_ids(view)
    assert {"female", "male", "female-mirrored", "male-wide-jaw"} <= set(ids)
    assert len(ids) == len(set(ids)) >= 5
    assert face_ids(view) == ids  # deterministic


def test_an_unknown_face_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        variant_face("female-with-three-eyes", "frontal")
    with pytest.raises(KeyError):
        describe("nobody")


def test_descriptions_say_what_varies() -> None:
    assert describe("male-wide-jaw").startswith("Male, wide square jaw (bigonial +1 SD")
    assert "mirrored" in describe("female-mirrored")


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("sex", ["female", "male"])
def test_the_template_variants_are_the_template_faces(view, sex) -> None:
    assert variant_face(sex, view).landmarks == template_face(view, sex).landmarks


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("face_id", face_ids("frontal"))
def test_every_offered_variant_is_within_the_published_ranges(view, face_id) -> None:
    assert_within_published_ranges(variant_face(face_id, view), sex_of(face_id))


def test_variants_say_they_are_variants_and_cite_the_norms() -> None:
    face = variant_face("male-wide-jaw", "lateral-left")
    assert face.source is not None
    assert face.source.note.startswith("Male, wide square jaw")
    assert {"A9", "A34a"} <= set(face.source.sources)
    assert "D" in face.source.tags["gonion_left"].split()


offsets = st.floats(-1.0, 1.0, allow_nan=False)
specs = st.builds(
    VariantSpec,
    id=st.just("generated"),
    sex=st.sampled_from(["female", "male"]),
    params=st.fixed_dictionaries(
        {},
        optional={
            name: offsets
            for name in (
                "upper_third",
                "middle_third",
                "lower_third",
                "bizygomatic",
                "bitemporal",
                "bigonial",
                "gonial_angle",
                "facial_artery",
            )
        },
    ),
    sides=st.sampled_from(["template", "published"]),
    mirrored=st.booleans(),
    description=st.just("generated"),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs, st.sampled_from(VIEWS))
def test_any_generated_variant_is_within_the_published_ranges_and_has_its_zones(
    kb, spec, view
) -> None:
    face = build_variant(spec, view)
    assert face.view == view
    assert set(face.landmarks) == set(template_face(view, spec.sex).landmarks)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in face.landmarks.values())
    assert_within_published_ranges(face, spec.sex)
    zones = build_zones(face, kb)
    assert len(zones) == len(build_zones(template_face(view, spec.sex), kb))
    assert all(z.geometry.is_valid and not z.geometry.is_empty for z in zones)


def _distance_to_line(p, a, b) -> float:
    return shapely.LineString([a, b]).distance(shapely.Point(p))


@pytest.mark.parametrize("face_id", ["male", "male-wide-jaw", "female-steep-jaw", "female-long"])
def test_the_marginal_mandibular_zone_sits_on_that_faces_mandibular_border(kb, face_id) -> None:
    face = variant_face(face_id, "lateral-left")
    circle = build_zones(face, kb)["marginal_mandibular_nerve"].pieces[0].geometry
    lm = face.landmarks
    centre = circle.centroid
    assert _distance_to_line((centre.x, centre.y), lm["gonion_left"], lm["menton"]) < 0.1


def test_the_marginal_mandibular_zone_moves_with_gonion(kb) -> None:
    a, b = variant_face("male", "lateral-left"), variant_face("male-wide-jaw", "lateral-left")
    assert a.landmarks["gonion_left"] != b.landmarks["gonion_left"]
    za = build_zones(a, kb)["marginal_mandibular_nerve"].geometry
    zb = build_zones(b, kb)["marginal_mandibular_nerve"].geometry
    assert za.symmetric_difference(zb).area > 1.0


@pytest.mark.parametrize("view", VIEWS)
def test_the_facial_artery_zone_follows_the_antegonial_notch(kb, view) -> None:
    side = "right" if view == "lateral-right" else "left"
    for face_id in ("female-sided", "female-mirrored", "male-narrow"):
        face = variant_face(face_id, view)
        zone = build_zones(face, kb)["facial_artery"].geometry
        assert zone.contains(shapely.Point(face.landmarks[f"antegonial_notch_{side}"]))


def test_anchored_plan_points_resolve_on_the_variant() -> None:
    point = AnchoredPoint(landmark="antegonial_notch_left", anterior_mm=8, superior_mm=18)
    a = resolve_point(point, variant_face("female-sided", "lateral-left"))
    b = resolve_point(point, variant_face("female-mirrored", "lateral-left"))
    assert math.dist(a, b) > 3.0  # the notch is 33.5 vs 29.1 mm from the angle


def _thread(entry, end) -> dict:
    return {
        "product": {
            "material": "pdo",
            "design": "cog_bidirectional",
            "length_mm": 60,
            "gauge": "21G",
        },
        "entry": list(entry),
        "path": [list(end)],
        "plane": "subcutaneous",
    }


def test_the_same_plan_on_two_faces_meets_each_faces_own_zones(kb) -> None:
    """A short thread where one face's facial artery is and the other's is not."""
    near = variant_face("female-sided", "lateral-left")  # artery 33.5 mm from the angle
    far = variant_face("female-mirrored", "lateral-left")  # 29.1 mm
    zone_near = build_zones(near, kb)["facial_artery"].geometry
    zone_far = build_zones(far, kb)["facial_artery"].geometry
    only_near = zone_near.difference(zone_far.buffer(4.0))
    p = only_near.representative_point()
    entry, end = (p.x, p.y - 0.3), (p.x, p.y + 0.3)
    segment = shapely.LineString([entry, end])
    assert segment.intersects(zone_near)
    assert not segment.intersects(zone_far)
    plan = parse_plan(
        {"view": "lateral-left", "indication": "jowl", "threads": [_thread(entry, end)]}
    )

    def artery_findings(face) -> list:
        findings = score_plan(plan, kb, face).findings
        return [f for f in findings if f.zone == "facial_artery" and f.rule == "zone_crossing"]

    assert artery_findings(near)
    assert not artery_findings(far)
    assert score_plan(plan, kb, near) != score_plan(plan, kb, far)


def _mirrored(geom):
    return affinity.scale(geom, xfact=-1.0, yfact=1.0, origin=(0.0, 0.0))


def test_the_mirrored_variant_mirrors_the_frontal_zones(kb) -> None:
    sided = build_zones(variant_face("female-sided", "frontal"), kb)
    mirrored = build_zones(variant_face("female-mirrored", "frontal"), kb)
    assert sided.ids == mirrored.ids
    for zone in sided:
        other = mirrored[zone.id].geometry
        assert _mirrored(zone.geometry).symmetric_difference(other).area < 1e-6
    artery = sided["facial_artery"].geometry
    assert _mirrored(artery).symmetric_difference(artery).area > 1.0  # the sides differ


def test_the_right_profile_is_the_mirror_of_the_mirrored_left_profile(kb) -> None:
    right = variant_face("female-sided", "lateral-right")
    left_of_mirror = variant_face("female-mirrored", "lateral-left")
    expected = mirror_face(left_of_mirror).landmarks
    assert set(right.landmarks) == set(expected)
    for name, (x, y) in right.landmarks.items():
        assert math.dist((x, y), expected[name]) < 1e-9, name
    zr = build_zones(right, kb)
    zl = build_zones(left_of_mirror, kb)
    for zone in zr:
        assert _mirrored(zl[zone.id].geometry).symmetric_difference(zone.geometry).area < 1e-6
