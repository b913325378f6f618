"""Fixtures for the knowledge-base tests: the packaged data and editable copies of it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from threadlift.knowledge import DATA_DIR, KnowledgeBase, load_knowledge

Records = list[dict[str, Any]]


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the packaged data directory."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def edit(directory: Path, collection: str, change: Callable[[Records], None]) -> None:
    """Load `<collection>.yaml`, let `change` mutate the list of records, write it back."""
    path = directory / f"{collection}.yaml"
    records: Records = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(records)
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")


def record(records: Records, record_id: str) -> dict[str, Any]:
    """The raw record with this id (fails the test if there is none)."""
    for item in records:
        if item["id"] == record_id:
            return item
    raise AssertionError(f"no record {record_id!r}")
