"""A broken copy of the data: every problem is reported, each naming file, record and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from threadlift.knowledge import KnowledgeError, load_knowledge
from threadlift.knowledge.errors import Problem

from .conftest import Records, edit, record

GRADES = (
    "'systematic-review', 'meta-analysis', 'rct', 'cohort', 'case-series', 'case-report', "
    "'cadaver-study', 'consensus', 'guideline', 'regulation', 'manufacturer', "
    "'expert-opinion' or 'unconfirmed'"
)


def break_several_files(directory: Path) -> None:
    def complications(records: Records) -> None:
        record(records, "swelling")["sources"].append("R999")
        record(records, "infection")["incidence"][0]["source"] = "R0"

    def danger_zones(records: Records) -> None:
        record(records, "parotid_duct")["planes_at_risk"] = ["smas", "deep"]
        records.remove(record(records, "angular_artery"))

    def products(records: Records) -> None:
        record(records, "mint")["design"] = "cog_tridirectional"

    def regulations(records: Records) -> None:
        del record(records, "gb-eng-physician")["confidence"]

    def instruments(records: Records) -> None:
        record(records, "gais")["id"] = "glogau"

    def longevity(records: Records) -> None:
        record(records, "bertossi_2018_pdo")["evidence"] = "anecdote"

    def aftercare(records: Records) -> None:
        record(records, "cold_compresses")["colour"] = "blue"
        record(records, "sleep_on_back")["sources"] = []

    edit(directory, "complications", complications)
    edit(directory, "danger_zones", danger_zones)
    edit(directory, "products", products)
    edit(directory, "regulations", regulations)
    edit(directory, "instruments", instruments)
    edit(directory, "longevity", longevity)
    edit(directory, "aftercare", aftercare)
    (directory / "training_standards.yaml").unlink()


EXPECTED = [
    "complications.yaml: swelling: sources: unknown source id 'R999'",
    "complications.yaml: infection: incidence.0.source: unknown source id 'R0'",
    "complications.yaml: haematoma: zones: unknown danger zone id 'angular_artery'",
    "complications.yaml: vascular_compromise: zones: unknown danger zone id 'angular_artery'",
    "danger_zones.yaml: parotid_duct: planes_at_risk.1: Input should be 'dermis', "
    "'subcutaneous', 'smas', 'sub_smas' or 'periosteal'",
    "danger_zones.yaml: angular_artery: id: missing record for a contract id",
    "products.yaml: mint: design: unknown design id 'cog_tridirectional'",
    "regulations.yaml: gb-eng-physician: confidence: Field required",
    "instruments.yaml: glogau: id: duplicate id 'glogau'",
    f"longevity.yaml: bertossi_2018_pdo: evidence: Input should be {GRADES}",
    "aftercare.yaml: cold_compresses: colour: Extra inputs are not permitted",
    "aftercare.yaml: sleep_on_back: sources: Tuple should have at least 1 item after "
    "validation, not 0",
    "training_standards.yaml: -: -: file is missing",
]


def test_a_broken_copy_reports_every_problem_with_its_exact_message(data_copy: Path) -> None:
    break_several_files(data_copy)
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(data_copy)
    assert sorted(str(p) for p in caught.value.problems) == sorted(EXPECTED)


def test_each_problem_names_file_record_and_field(data_copy: Path) -> None:
    edit(data_copy, "products", lambda rs: record(rs, "mint").update(design="spiral"))
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(data_copy)
    assert caught.value.problems == [
        Problem(
            file="products.yaml",
            record_id="mint",
            field="design",
            message="unknown design id 'spiral'",
        ),
    ]


def test_a_yaml_syntax_error_names_the_file_and_line(data_copy: Path) -> None:
    (data_copy / "designs.yaml").write_text("- id: mono\n  name: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(data_copy)
    problems = [p for p in caught.value.problems if p.file == "designs.yaml"]
    assert len(problems) == 1
    assert problems[0].record_id == "-"
    assert "line 2" in problems[0].message or "line 3" in problems[0].message


def test_a_duplicated_key_in_a_record_is_a_problem_not_a_silent_overwrite(
    data_copy: Path,
) -> None:
    path = data_copy / "contraindications.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("- id: pregnancy\n", "- id: pregnancy\n  kind: relative\n", 1),
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(data_copy)
    (problem,) = caught.value.problems
    assert problem.file == "contraindications.yaml"
    assert "duplicate key 'kind'" in problem.message


def test_a_record_without_an_id_is_named_by_its_position(data_copy: Path) -> None:
    edit(data_copy, "aftercare", lambda rs: rs.append({"instruction": "Rest."}))
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(data_copy)
    labels = {(p.record_id, p.field) for p in caught.value.problems}
    position = f"#{len(load_knowledge().aftercare) + 1}"
    assert (position, "id") in labels
    assert (position, "sources") in labels


def test_a_file_that_is_not_a_list_is_reported(data_copy: Path) -> None:
    (data_copy / "longevity.yaml").write_text("id: x\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(data_copy)
    assert [str(p) for p in caught.value.problems] == [
        "longevity.yaml: -: -: expected a list of records"
    ]


def test_a_conditional_status_without_conditions_is_a_problem(data_copy: Path) -> None:
    edit(data_copy, "regulations", lambda rs: record(rs, "gb-sct-dentist").update(conditions=[]))
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(data_copy)
    assert [str(p) for p in caught.value.problems] == [
        "regulations.yaml: gb-sct-dentist: -: Value error, status may_perform_with_conditions "
        "needs at least one condition"
    ]


def test_a_clearance_reading_must_match_a_product_clearance_and_every_clearance_be_read(
    data_copy: Path,
) -> None:
    """The one reading of clearances must fit the products: no dead reading, no unread one."""
    edit(data_copy, "clearance_readings", lambda rs: record(rs, "k142061").update(reference="K1"))
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(data_copy)
    assert [str(p) for p in caught.value.problems] == [
        "clearance_readings.yaml: k142061: reference: no product clearance 'K1' in products.yaml",
        "products.yaml: silhouette_instalift: clearances.0.reference: clearance 'K142061' has no "
        "reading in clearance_readings.yaml",
    ]
