"""`threadlift knowledge check | export | schema` through the real dispatcher."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import threadlift.cli
from threadlift.knowledge import COLLECTIONS

from .conftest import edit, record


@pytest.fixture(autouse=True)
def only_the_knowledge_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """Other packages' commands may be half-built while these tests run; register ours only."""
    monkeypatch.setattr(threadlift.cli, "COMMAND_MODULES", ("threadlift.knowledge.cli",))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = threadlift.cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_exits_0_with_a_one_line_summary_of_counts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "knowledge", "check")
    assert code == 0
    (line,) = out.splitlines()
    assert line.startswith("knowledge: ok: ")
    assert "danger_zones 15" in line  # 11 danger zones + 4 no-go regions (issue 19)
    for name in COLLECTIONS:
        assert f"{name} " in line


def test_check_exits_1_listing_every_problem(
    capsys: pytest.CaptureFixture[str], data_copy: Path
) -> None:
    edit(data_copy, "products", lambda rs: record(rs, "mint").update(material="silk"))
    edit(data_copy, "complications", lambda rs: record(rs, "swelling").update(severity="huge"))
    code, out, _ = run(capsys, "knowledge", "check", "--data", str(data_copy))
    assert code == 1
    assert out.splitlines() == [
        "products.yaml: mint: material: "
        "Input should be 'pdo', 'plla', 'plcl', 'pcl' or 'polypropylene'",
        "complications.yaml: swelling: severity: Input should be 'minor', 'moderate' or 'serious'",
        "knowledge: 2 problem(s)",
    ]


@pytest.mark.parametrize("command", ["check", "export"])
def test_a_data_directory_that_does_not_exist_is_bad_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    missing = tmp_path / "nowhere"
    code, _, err = run(capsys, "knowledge", command, "--data", str(missing))
    assert code == 2
    assert err.startswith("threadlift: error: --data: ")


def test_export_prints_every_collection_with_id_sources_and_evidence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "knowledge", "export")
    assert code == 0
    exported = json.loads(out)
    assert list(exported) == list(COLLECTIONS)
    for name, records in exported.items():
        assert records, name
        for item in records:
            assert item["id"]
            assert item["sources"]
            assert item["evidence"]


def test_schema_prints_a_json_schema_with_one_array_per_data_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "knowledge", "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["type"] == "object"
    assert set(schema["properties"]) == set(COLLECTIONS)
    for name in COLLECTIONS:
        assert schema["properties"][name]["type"] == "array"
    zone = schema["$defs"]["DangerZone"]
    assert "planes_at_risk" in zone["required"]
    assert zone["additionalProperties"] is False
