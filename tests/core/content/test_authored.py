"""Academy-authored items are checked with the curriculum's own checks, plus stated references."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threadlift.content import DATA_DIR, Content, load_content
from threadlift.content.authored import (
    STATED_REFERENCE_LABEL,
    StatedReference,
    authored_id,
    lesson_text,
    module_of,
    reference_problems,
    to_yaml,
    validate_case,
    validate_lesson,
    validate_question,
)
from threadlift.knowledge import KnowledgeBase

HANDBOOK = StatedReference("ACAD-1", "Our academy's thread handbook, 2nd edition, 2024")
ID = authored_id(7, "my_item")


@pytest.fixture(scope="module")
def content(kb: KnowledgeBase) -> Content:
    return load_content(kb)


def a_question(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "module": "complications",
        "outcome": "comp_common",
        "kind": "single",
        "difficulty": 1,
        "stem": "On day 3 there is swelling and bruising only. How urgent is it?",
        "options": [
            {"id": "a", "text": "Emergency", "correct": False, "why": "It is expected. [R1]"},
            {"id": "b", "text": "Routine", "correct": True, "why": "Expected and settles. [R1]"},
            {"id": "c", "text": "Same day", "correct": False, "why": "No red flag. [R58]"},
            {"id": "d", "text": "Abscess", "correct": False, "why": "No pus or fever. [R58]"},
        ],
        "explanation": "Swelling and bruising are the commonest effects and settle. [R1]",
        "sources": ["R1", "R58"],
    }
    item.update(changes)
    return item


def check(kb: KnowledgeBase, content: Content, item: dict[str, Any], refs: Any = ()) -> Any:
    return validate_question(to_yaml(item), item_id=ID, kb=kb, content=content, references=refs)


def test_a_good_question_gives_the_core_object_with_the_academys_id(
    kb: KnowledgeBase, content: Content
) -> None:
    result = check(kb, content, a_question())
    assert result.ok, result.problems
    assert result.item.id == "acad7_my_item"
    assert result.item.correct_ids == {"b"}


def test_an_academy_id_never_collides_with_the_curriculum(content: Content) -> None:
    curriculum = {q.id for q in content.all_questions()} | {x.id for x in content.lessons}
    curriculum |= {c.id for c in content.cases}
    assert not any(i.startswith("acad") for i in curriculum)
    assert authored_id(1, "x") != authored_id(2, "x")


def test_a_wrong_option_without_why_is_refused(kb: KnowledgeBase, content: Content) -> None:
    item = a_question()
    del item["options"][2]["why"]
    result = check(kb, content, item)
    assert not result.ok
    assert result.by_field() == {"options.2.why": ["Field required"]}


def test_an_item_without_explanation_is_refused(kb: KnowledgeBase, content: Content) -> None:
    result = check(kb, content, a_question(explanation="  "))
    assert "explanation" in result.by_field()


def test_an_unknown_source_is_refused(kb: KnowledgeBase, content: Content) -> None:
    item = a_question(sources=["R1", "R58", "NOPE-1"])
    item["explanation"] = "Settles. [R1, NOPE-2]"
    result = check(kb, content, item)
    assert result.by_field() == {
        "sources.2": ["unknown source 'NOPE-1'"],
        "explanation": ["cites unknown source 'NOPE-2'"],
    }


def test_a_stated_reference_is_accepted_and_labelled(kb: KnowledgeBase, content: Content) -> None:
    item = a_question(sources=["R1", "R58", "ACAD-1"])
    item["options"][1]["why"] = "Our handbook's protocol for day 3. [ACAD-1]"
    result = check(kb, content, item, [HANDBOOK])
    assert result.ok, result.problems
    assert result.stated == (HANDBOOK,)
    assert "not checked by Threadlift" in STATED_REFERENCE_LABEL


def test_a_stated_reference_of_another_academy_is_unknown(
    kb: KnowledgeBase, content: Content
) -> None:
    item = a_question(sources=["R1", "R58", "ACAD-1"])
    assert check(kb, content, item, []).by_field() == {"sources.2": ["unknown source 'ACAD-1'"]}


def test_a_citation_not_listed_in_sources_is_refused(kb: KnowledgeBase, content: Content) -> None:
    item = a_question()
    item["stem"] = "How urgent? [R3]"
    assert check(kb, content, item).by_field() == {
        "stem": ["cites 'R3', which is not in `sources`"]
    }


def test_the_outcome_must_be_one_of_the_module(kb: KnowledgeBase, content: Content) -> None:
    result = check(kb, content, a_question(outcome="tech_entry_path"))
    assert list(result.by_field()) == ["outcome"]


def test_a_given_id_that_is_not_the_platforms_is_a_problem(
    kb: KnowledgeBase, content: Content
) -> None:
    assert list(check(kb, content, a_question(id="q_comp_day3_swelling")).by_field()) == ["id"]


def test_a_hotspot_answer_region_that_is_not_a_zone_is_refused(
    kb: KnowledgeBase, content: Content
) -> None:
    item = a_question(kind="hotspot", view="lateral-left", options=[])
    del item["options"]
    item["answer"] = {"inside": ["preauricular", "elbow"], "outside_all_zones": True}
    result = check(kb, content, item)
    assert result.by_field() == {"answer.inside.1": ["'elbow' is not a danger-zone or area id"]}
    item["answer"] = {"inside": ["preauricular"], "outside_all_zones": True}
    assert check(kb, content, item).ok


def test_not_yaml_and_not_a_mapping_are_problems_not_crashes(
    kb: KnowledgeBase, content: Content
) -> None:
    for text in ("stem: [unclosed", "- a list", "", "42"):
        result = validate_question(text, item_id=ID, kb=kb, content=content)
        assert not result.ok
        assert result.problems[0].field == "-"


def _lesson_source(lesson_id: str) -> str:
    path = next(DATA_DIR.glob(f"modules/*/{lesson_id}.md"))
    return path.read_text(encoding="utf-8").replace(f"id: {lesson_id}\n", "", 1)


def test_a_packaged_lesson_passes_as_an_academys_lesson(
    kb: KnowledgeBase, content: Content
) -> None:
    result = validate_lesson(
        _lesson_source("infection"), item_id=ID, kb=kb, content=content, references=[]
    )
    assert result.ok, result.problems
    assert result.item.module == "complications"


def test_a_lesson_body_problem_names_the_line_of_the_body(
    kb: KnowledgeBase, content: Content
) -> None:
    front = {
        "module": "complications",
        "title": "Our way",
        "outcomes": ["comp_common"],
        "sources": ["R1"],
        "minutes": 5,
    }
    body = "Swelling settles. [R1]\n\n{{record complications/nope}}\n\nOur tip. [ACAD-1]\n"
    text = lesson_text(front, body)
    result = validate_lesson(text, item_id=ID, kb=kb, content=content, references=[HANDBOOK])
    assert result.by_field() == {
        "body.line 3": ["no knowledge record complications/nope"],
        "body": ["cites 'ACAD-1', which is not in `sources`"],
    }
    assert module_of(text, "lesson") == "complications"


def test_a_lesson_without_front_matter_is_a_problem(kb: KnowledgeBase, content: Content) -> None:
    result = validate_lesson("Just text", item_id=ID, kb=kb, content=content)
    assert [p.field for p in result.problems] == ["-"]


def _case(name: str) -> dict[str, Any]:
    data = yaml.safe_load((DATA_DIR / "cases" / f"{name}.yaml").read_text(encoding="utf-8"))
    del data["id"]
    assert isinstance(data, dict)
    return data


def test_a_packaged_case_passes_as_an_academys_case(kb: KnowledgeBase, content: Content) -> None:
    result = validate_case(
        to_yaml(_case("case_active_infection")), item_id=ID, kb=kb, content=content
    )
    assert result.ok, result.problems
    assert module_of(to_yaml(_case("case_active_infection")), "case") == result.item.module


def test_a_case_whose_suitability_answer_disagrees_with_the_engine_is_refused(
    kb: KnowledgeBase, content: Content
) -> None:
    data = _case("case_active_infection")
    step = next(s for s in data["steps"].values() if s.get("kind") == "suitability")
    for choice in step["choices"]:
        choice["correct"] = choice["verdict"] == "caution"
    result = validate_case(to_yaml(data), item_id=ID, kb=kb, content=content)
    assert not result.ok
    assert any("the assessment engine says" in p.message for p in result.problems)
    assert result.parsed is not None  # a preview can still show it


def test_stated_references_need_acad_ids_and_a_citation(kb: KnowledgeBase) -> None:
    refs = [HANDBOOK, StatedReference("R1", "x"), StatedReference("ACAD-1", " ")]
    found = [(i, p.field) for i, p in reference_problems(refs, kb)]
    assert found == [(1, "id"), (2, "id"), (2, "citation")]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(missing=st.integers(0, 3), field=st.sampled_from(["why", "text", "correct"]))
def test_any_option_missing_a_field_is_refused_at_that_field(
    kb: KnowledgeBase, content: Content, missing: int, field: str
) -> None:
    item = a_question()
    del item["options"][missing][field]
    result = check(kb, content, item)
    assert not result.ok
    assert f"options.{missing}.{field}" in result.by_field()


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sid=st.from_regex(r"\A[A-Z][A-Z0-9-]{0,8}\Z"))
def test_a_source_is_accepted_only_if_in_the_bibliography_or_stated(
    kb: KnowledgeBase, content: Content, sid: str
) -> None:
    item = a_question(sources=["R1", "R58", sid])
    result = check(kb, content, item, [HANDBOOK])
    known = {s.id for s in kb.sources} | {"ACAD-1"}
    assert result.ok == (sid in known)
