"""The checked curriculum: read the files (loader.py), check them against the knowledge base
(checks.py) and refuse with every problem; the packaged tree is loaded once per knowledge base."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from threadlift.content.checks import check_content
from threadlift.content.loader import DATA_DIR, ContentError
from threadlift.content.schemas import Content
from threadlift.knowledge.identity import ByIdentity


def load_content(kb: Any, root: str | Path | None = None, *, strict: bool = False) -> Content:
    """Load and check the content against `kb`; raise `ContentError` listing every problem.

    Without `root` the packaged curriculum is loaded once per process (per knowledge base).
    With `strict`, the curriculum counts (7 modules, 120 items, ...) are problems too.
    """
    if root is None:
        return _load_packaged(ByIdentity(kb), strict)
    return _load(kb, Path(root), strict)


@functools.lru_cache(maxsize=4)
def _load_packaged(key: ByIdentity, strict: bool) -> Content:
    return _load(key.obj, DATA_DIR, strict)


def _load(kb: Any, root: Path, strict: bool) -> Content:
    report = check_content(kb, root)
    problems = report.problems + (report.count_problems if strict else [])
    if problems:
        raise ContentError(problems)
    assert report.content is not None
    return report.content
