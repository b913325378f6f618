"""Plan parsing: contract shape in, frozen models out, errors that name the field path."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from threadlift.anatomy import AnchoredPoint, BetweenPoint, template_face
from threadlift.planning import Plan, PlanError, ProductSpec, parse_plan

from .helpers import BIDI, plan, thread

ENTRY = {"landmark": "tragion_left", "anterior_mm": 20, "superior_mm": 50}


def test_a_contract_plan_parses_into_frozen_models() -> None:
    parsed = parse_plan(
        plan(
            "lateral-left",
            "midface",
            thread(ENTRY, [-60.0, 15.0], {"between": ["tragion_left", "cheilion_left"], "t": 0.5}),
            thread(ENTRY, [-55, 20], product="mint"),
        )
    )
    assert isinstance(parsed, Plan)
    assert parsed.face == "template"
    first = parsed.threads[0]
    assert isinstance(first.product, ProductSpec)
    assert first.entry == AnchoredPoint(landmark="tragion_left", anterior_mm=20, superior_mm=50)
    assert first.path[0] == (-60.0, 15.0)
    assert isinstance(first.path[1], BetweenPoint)
    assert parsed.threads[1].product == "mint"
    with pytest.raises(ValidationError, match="frozen"):
        first.plane = "dermis"  # type: ignore[misc]


def test_an_inline_face_is_accepted() -> None:
    face = template_face("lateral-left")
    raw = plan("lateral-left", "jowl", thread(ENTRY, [-40, 50]))
    raw["face"] = {
        "view": "lateral-left",
        "landmarks": {k: list(v) for k, v in face.landmarks.items()},
    }
    parsed = parse_plan(raw)
    assert parsed.face != "template"


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (
            lambda p: p["threads"][2]["entry"].update(landmark="tragus_left"),
            "threads[2].entry.landmark",
        ),
        (lambda p: p["threads"][1].update(plane="muscle"), "threads[1].plane"),
        (lambda p: p["threads"][0]["path"].append([1, "x"]), "threads[0].path[1][1]"),
        (
            lambda p: p["threads"][0].update(product={**BIDI, "design": "barbed"}),
            "threads[0].product.design",
        ),
        (
            lambda p: p["threads"][0].update(product={**BIDI, "gauge": "21"}),
            "threads[0].product.gauge",
        ),
        (lambda p: p["threads"][0]["product"].pop("length_mm"), "threads[0].product.length_mm"),
        (lambda p: p["threads"][1].update(path=[]), "threads[1].path"),
        (lambda p: p["threads"][2]["entry"].update(medial_mm=3), "threads[2].entry.medial_mm"),
        (lambda p: p["threads"][0].pop("plane"), "threads[0].plane"),
        (lambda p: p["threads"][0].update(colour="red"), "threads[0].colour"),
        (lambda p: p.update(view="oblique"), "view"),
        (lambda p: p.update(indication="lips"), "indication"),
        (lambda p: p.update(threads={}), "threads"),
        (
            lambda p: p.update(face={"view": "frontal", "landmarks": {"nasion": [0, 0]}}),
            "face.view",
        ),
    ],
)
def test_errors_name_the_field_path(mutate, field) -> None:
    raw = plan(
        "lateral-left",
        "jowl",
        thread(dict(ENTRY), [-40, 50]),
        thread(dict(ENTRY), [-40, 55]),
        thread(dict(ENTRY), [-40, 60]),
    )
    raw["threads"][0]["product"] = dict(BIDI)
    mutate(raw)
    with pytest.raises(PlanError) as info:
        parse_plan(raw)
    assert info.value.field == field


def test_a_face_object_is_accepted_and_its_view_checked() -> None:
    raw = plan("lateral-left", "jowl", thread(ENTRY, [-40, 50]))
    parsed = parse_plan({**raw, "face": template_face("lateral-left")})
    assert parsed.face == template_face("lateral-left")
    with pytest.raises(PlanError) as info:
        parse_plan({**raw, "face": template_face("frontal")})
    assert info.value.field == "face.view"
    with pytest.raises(PlanError) as info:
        parse_plan({**raw, "face": "photo"})
    assert info.value.field == "face"


def test_a_plan_that_is_not_an_object_is_rejected() -> None:
    with pytest.raises(PlanError, match="object"):
        parse_plan([1, 2])
