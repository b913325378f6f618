"""Fixtures for the content tests: the knowledge base, the fixture tree and editable copies."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from threadlift.content.checks import check_content
from threadlift.knowledge import KnowledgeBase, load_knowledge

GOOD = Path(__file__).parent / "fixtures" / "good"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A writable copy of the fixture content tree."""
    target = tmp_path / "content"
    shutil.copytree(GOOD, target)
    return target


Edit = Callable[[str, Callable[[Any], None]], None]


@pytest.fixture
def edit(tree: Path) -> Edit:
    """edit("questions/anatomy_ageing.yaml", change) loads a YAML file, lets `change` mutate it,
    writes it back."""

    def run(relative: str, change: Callable[[Any], None]) -> None:
        path = tree / relative
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    return run


@pytest.fixture
def problems(tree: Path, kb: KnowledgeBase) -> Callable[[], list[str]]:
    """The problems of the (edited) tree, as printed lines."""

    def run() -> list[str]:
        return [str(p) for p in check_content(kb, tree).problems]

    return run
