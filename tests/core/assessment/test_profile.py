"""The patient profile is validated strictly and every problem names its field."""

from __future__ import annotations

import json

import pytest

from threadlift.assessment import InputProblem, parse_profile, profile_json_schema
from threadlift.knowledge import KnowledgeBase

from .conftest import patient


def problem_fields(kb: KnowledgeBase, data: object) -> dict[str, str]:
    with pytest.raises(InputProblem) as caught:
        parse_profile(data, kb)  # type: ignore[arg-type]
    return dict(caught.value.problems)


def test_the_example_patient_parses(kb: KnowledgeBase) -> None:
    from pathlib import Path

    import threadlift.assessment

    example = Path(threadlift.assessment.__file__).parent / "examples" / "patient.json"
    profile = parse_profile(example.read_text(encoding="utf-8"), kb)
    assert set(profile.areas) == {"jowl", "midface"}


def test_an_unknown_field_is_rejected_by_name(kb: KnowledgeBase) -> None:
    fields = problem_fields(kb, patient(favourite_colour="blue"))
    assert fields == {"favourite_colour": "unknown field 'favourite_colour'"}


def test_an_unknown_nested_field_is_rejected_with_its_path(kb: KnowledgeBase) -> None:
    fields = problem_fields(kb, patient(skin={"thickness": "thin", "photodamage": "none", "x": 1}))
    assert "skin.x" in fields


def test_an_unknown_condition_id_is_rejected_by_name(kb: KnowledgeBase) -> None:
    fields = problem_fields(kb, patient(conditions=["pregnancy", "vampirism"]))
    assert list(fields) == ["conditions.1"]
    assert "'vampirism'" in fields["conditions.1"]


def test_an_unknown_area_id_is_rejected_by_name(kb: KnowledgeBase) -> None:
    fields = problem_fields(kb, patient(areas={"elbow": {"laxity": 1}}))
    (field, message), *_ = fields.items()
    assert "elbow" in field
    assert "'elbow'" in message


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"age": 17}, "age"),
        ({"fitzpatrick": 7}, "fitzpatrick"),
        ({"glogau": 0}, "glogau"),
        ({"smoker": "yes"}, "smoker"),
        ({"smoker": 1}, "smoker"),
        ({"areas": {"jowl": {"laxity": 5}}}, "areas.jowl.laxity"),
        ({"areas": {}}, "areas"),
        ({"screening": {"dcq": [0, 0, 0]}}, "screening.dcq"),
        ({"screening": {"dcq": [0, 0, 0, 0, 0, 0, 4]}}, "screening.dcq.6"),
        ({"screening": {"bddq_as": {"q1": True, "q2": True, "q3": 6}}}, "screening.bddq_as.q3"),
    ],
)
def test_out_of_range_or_mistyped_values_name_the_field(
    kb: KnowledgeBase, change: dict[str, object], field: str
) -> None:
    assert field in problem_fields(kb, patient(**change))


def test_invalid_json_text_is_a_profile_problem(kb: KnowledgeBase) -> None:
    assert "profile" in problem_fields(kb, "{not json")


def test_the_json_schema_lists_the_knowledge_base_condition_ids(kb: KnowledgeBase) -> None:
    schema = profile_json_schema(kb)
    enum = schema["properties"]["conditions"]["items"]["enum"]
    assert "pregnancy" in enum
    assert "keloid_tendency" in enum
    assert schema["additionalProperties"] is False
    json.dumps(schema)
