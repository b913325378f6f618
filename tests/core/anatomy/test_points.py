"""Resolving the three point forms of the contract."""

from __future__ import annotations

import pytest

from threadlift.anatomy import (
    AnchoredPoint,
    BetweenPoint,
    PointError,
    resolve_point,
    template_face,
)


def test_an_absolute_point_is_its_own_coordinates() -> None:
    assert resolve_point([12.5, -3], template_face("frontal")) == (12.5, -3.0)


def test_anterior_moves_towards_the_face_in_each_lateral_view() -> None:
    left, right = template_face("lateral-left"), template_face("lateral-right")
    point = {"landmark": "tragion_left", "anterior_mm": 10, "superior_mm": 5}
    assert resolve_point(point, left) == (-10.0, -5.0)
    mirrored = {"landmark": "tragion_right", "anterior_mm": 10, "superior_mm": 5}
    assert resolve_point(mirrored, right) == (10.0, -5.0)


def test_medial_moves_towards_the_midline_on_both_sides_of_a_frontal_face() -> None:
    face = template_face("frontal")
    xl, _ = face.landmarks["cheilion_left"]
    assert resolve_point({"landmark": "cheilion_left", "medial_mm": 5}, face)[0] == xl - 5
    assert resolve_point({"landmark": "cheilion_right", "medial_mm": 5}, face)[0] == -xl + 5


def test_a_between_point_interpolates_two_landmarks() -> None:
    face = template_face("lateral-left")
    (ax, ay), (bx, by) = face.landmarks["intertragic_notch_left"], face.landmarks["cheilion_left"]
    x, y = resolve_point({"between": ["intertragic_notch_left", "cheilion_left"], "t": 0.5}, face)
    assert (x, y) == pytest.approx(((ax + bx) / 2, (ay + by) / 2))


def test_models_and_raw_dicts_resolve_alike() -> None:
    face = template_face("frontal")
    assert resolve_point(
        AnchoredPoint(landmark="pupil_left", superior_mm=3), face
    ) == resolve_point({"landmark": "pupil_left", "superior_mm": 3}, face)
    assert (
        resolve_point(BetweenPoint(between=("nasion", "menton"), t=1.0), face)
        == (face.landmarks["menton"])
    )


def test_an_unknown_landmark_is_named_in_the_error() -> None:
    with pytest.raises(PointError, match="zygomatic_arch_left") as info:
        resolve_point({"landmark": "zygomatic_arch_left"}, template_face("frontal"), "entry")
    assert info.value.field == "entry.landmark"


def test_a_landmark_of_the_other_side_is_unknown_in_a_lateral_view() -> None:
    with pytest.raises(PointError, match="tragion_right"):
        resolve_point(
            {"between": ["tragion_left", "tragion_right"], "t": 0.3}, template_face("lateral-left")
        )


@pytest.mark.parametrize(
    "raw",
    [[1, 2, 3], {"landmark": 5}, {"x": 1}, "tragion_left", {"between": ["nasion"], "t": 0.5}],
)
def test_a_malformed_point_is_rejected_with_the_field_named(raw) -> None:
    with pytest.raises(PointError) as info:
        resolve_point(raw, template_face("frontal"), "threads[0].entry")
    assert info.value.field.startswith("threads[0].entry")


def test_offsets_that_do_not_apply_to_the_view_are_errors() -> None:
    with pytest.raises(PointError, match="medial_mm"):
        resolve_point({"landmark": "tragion_left", "medial_mm": 3}, template_face("lateral-left"))
    with pytest.raises(PointError, match="anterior_mm"):
        resolve_point({"landmark": "tragion_left", "anterior_mm": 3}, template_face("frontal"))
    with pytest.raises(PointError, match="midline"):
        resolve_point({"landmark": "menton", "medial_mm": 3}, template_face("frontal"))
