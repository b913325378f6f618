"""Guards for the anatomy and planning data: citations resolve, values are graded."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
import yaml

from threadlift.knowledge.vocab import EVIDENCE_GRADES

FILES = [
    ("threadlift.anatomy", "data/template_faces.yaml"),
    ("threadlift.anatomy", "data/zones.yaml"),
    ("threadlift.planning", "data/indications.yaml"),
    ("threadlift.planning", "data/anchoring_areas.yaml"),
    ("threadlift.planning", "data/rules.yaml"),
    ("threadlift.planning", "data/access_rules.yaml"),
]


def _walk(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}[{i}]")


def _load(package: str, name: str) -> Any:
    return yaml.safe_load(resources.files(package).joinpath(name).read_text())


@pytest.mark.parametrize(("package", "name"), FILES)
def test_every_cited_source_is_in_the_bibliography(kb, package, name) -> None:
    for path, node in _walk(_load(package, name)):
        for source in node.get("sources", []):
            kb.source(source)  # raises, naming the id, if it is not in the bibliography
        assert isinstance(node.get("sources", []), list), path


@pytest.mark.parametrize(("package", "name"), FILES)
def test_every_sourced_record_carries_an_evidence_grade_and_a_status(package, name) -> None:
    for path, node in _walk(_load(package, name)):
        if "sources" in node and name != "data/template_faces.yaml":
            assert node.get("evidence") in EVIDENCE_GRADES, path
        if "evidence" in node and "status" in node:
            assert node["status"] in {"sourced", "derived", "unconfirmed"}, path


def test_policy_values_without_a_source_are_marked_unconfirmed() -> None:
    rules = _load("threadlift.planning", "data/rules.yaml")
    for section in ("lift_vector", "length", "coverage", "objectives", "symmetry", "score"):
        assert rules[section]["status"] == "unconfirmed", section


def test_every_indication_states_its_objectives_with_sources_and_the_nose_supports() -> None:
    data = _load("threadlift.planning", "data/indications.yaml")
    for name, record in data.items():
        objectives = record["objectives"]
        assert objectives["purpose"] in ("lift", "support"), name
        assert objectives["sources"], name
        assert objectives["status"] == "unconfirmed", name
    assert data["nose"]["objectives"] == {**data["nose"]["objectives"], "purpose": "support"}
    # no skin-quality indication exists, so smooth or screw threads pass no indication alone
    assert {r["objectives"]["purpose"] for r in data.values()} == {"lift", "support"}
