"""Run Digital Bazaar's verifier (tests/interop/verify.mjs) on a credential, offline."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openbadgeslib.ob3.contexts import bundled_contexts

HERE = Path(__file__).parent


def require_node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    if not (HERE / "node_modules" / "@digitalbazaar" / "vc").exists():
        pytest.fail(
            "The JS verifier is not installed: run `make setup` (npm ci --prefix tests/interop)"
        )
    return node


def js_verify(
    tmp_path: Path,
    credential: dict[str, Any],
    *,
    did_document: dict[str, Any],
    status_lists: list[dict[str, Any]],
    now: dt.datetime,
) -> dict[str, Any]:
    node = require_node()

    def write(name: str, value: Any) -> str:
        path = tmp_path / name
        path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        return str(path)

    command = [
        node,
        str(HERE / "verify.mjs"),
        "--credential", write("credential.json", credential),
        "--did", write("did.json", did_document),
        "--contexts", write("contexts.json", bundled_contexts()),
        "--now", now.strftime("%Y-%m-%dT%H:%M:%SZ"),
    ]  # fmt: skip
    for number, status_list in enumerate(status_lists):
        command += ["--status", write(f"status-{number}.json", status_list)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    try:
        outcome: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        raise AssertionError(f"The JS verifier failed: {done.stderr}") from None
    assert outcome["verified"] == (done.returncode == 0)
    return outcome
