"""Template faces: contract landmarks, provenance, mirroring."""

from __future__ import annotations

import pytest

from threadlift.anatomy import contract_landmarks, mirror_face, swap_side, template_face
from threadlift.knowledge.vocab import VIEWS


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("sex", ["female", "male"])
def test_every_contract_landmark_visible_in_a_view_exists_in_its_template(view, sex) -> None:
    face = template_face(view, sex)
    assert face.view == view
    assert set(contract_landmarks(view)) <= set(face.landmarks)


def test_the_frontal_template_has_its_origin_at_the_nasion_and_is_symmetric() -> None:
    face = template_face("frontal")
    assert face.landmarks["nasion"] == (0.0, 0.0)
    for name, (x, y) in face.landmarks.items():
        mx, my = face.landmarks[swap_side(name)]
        assert (mx, my) == (-x, y)
    assert face.landmarks["tragion_left"][0] > 0  # the subject's left is on the viewer's right


def test_the_left_lateral_template_looks_to_the_left_with_its_origin_at_the_tragion() -> None:
    face = template_face("lateral-left")
    assert face.landmarks["tragion_left"] == (0.0, 0.0)
    assert face.landmarks["pronasale"][0] < face.landmarks["nasion"][0] < 0


def test_lateral_right_is_the_mirror_image_of_lateral_left() -> None:
    left = template_face("lateral-left")
    right = template_face("lateral-right")
    for name, (x, y) in left.landmarks.items():
        assert right.landmarks[swap_side(name)] == (-x, y)
    assert mirror_face(right) == left


def test_templates_say_which_population_and_sex_they_describe() -> None:
    female = template_face("frontal").source
    male = template_face("frontal", "male").source
    assert female is not None
    assert male is not None
    assert female.sex == "female"
    assert male.sex == "male"
    assert "Saudi" in female.population
    assert "composite" in female.population.lower()
    assert {"A3", "A9", "A37"} <= set(female.sources)


def test_coordinates_resting_on_unconfirmed_inputs_are_tagged() -> None:
    tags = template_face("lateral-left").source.tags  # type: ignore[union-attr]
    assert "U" in tags["intertragic_notch_left"]
    assert "n=1" in tags["nasion"]
    assert "tragion_left" not in tags  # the origin rests on nothing
    frontal = template_face("frontal").source.tags  # type: ignore[union-attr]
    assert "nasion" not in frontal
    assert "subnasale" not in frontal
    assert "MP" in frontal["pronasale"]


def test_the_male_template_is_larger_than_the_female_one() -> None:
    female, male = template_face("frontal"), template_face("frontal", "male")
    assert male.landmarks["menton"][1] > female.landmarks["menton"][1]
    assert male.landmarks["gonion_left"][0] > female.landmarks["gonion_left"][0]
