"""The Ralph LRS fixture (tests/web/xapi/lrs.py) and xAPI switched on against it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.xapi import lrs


@pytest.fixture(scope="module")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[lrs.Ralph]:
    reason = lrs.unavailable_reason()
    if reason:
        pytest.skip(reason)
    tmp: Path = tmp_path_factory.mktemp("ralph")
    with lrs.running_ralph(tmp) as server:
        yield server
