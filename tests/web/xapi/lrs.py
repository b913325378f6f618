"""A real Learning Record Store for the tests: Ralph (ralph-malph), started as a subprocess from
its own venv (.tools/ralph, installed by `make setup`) with the file-system backend in a
temporary directory, on a free local port, behind HTTP basic auth made by `ralph auth`."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from base64 import b64encode
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[3]
RALPH_PYTHON = ROOT / ".tools" / "ralph" / "bin" / "python"
RALPH_CLI = ROOT / ".tools" / "ralph" / "bin" / "ralph"
USERNAME = "academy"
PASSWORD = "lrs-test-password-not-a-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Ralph:
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def _get(self, path: str, params: dict[str, str] | None = None) -> Any:
        query = ("?" + urlencode(params)) if params else ""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}{query}",
            headers={
                "Authorization": "Basic " + b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode(),
                "X-Experience-API-Version": "1.0.3",
            },
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def statements(self, **filters: str) -> list[dict[str, Any]]:
        """GET /xAPI/statements with xAPI filters (agent as JSON, activity, since…)."""
        return list(self._get("/xAPI/statements", {"limit": "500", **filters})["statements"])

    def up(self) -> bool:
        try:
            self._get("/__heartbeat__")
        except (urllib.error.URLError, OSError):
            return False
        return True


def unavailable_reason() -> str | None:
    if not RALPH_PYTHON.exists():
        return (
            "Ralph LRS is not installed (.tools/ralph): run `make setup`, which installs "
            "tests/web/xapi/ralph-requirements.txt into its own venv"
        )
    return None


@contextmanager
def running_ralph(tmp: Path, port: int | None = None) -> Iterator[Ralph]:
    """Start Ralph on `port` (a free one if None), wait until it answers, stop it after."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("RALPH_", "DJANGO_", "DATABASE"))
    }
    env.update(
        RALPH_APP_DIR=str(tmp),
        RALPH_AUTH_FILE=str(tmp / "auth.json"),
        RALPH_RUNSERVER_BACKEND="fs",
        RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=str(tmp / "statements"),
    )
    if not (tmp / "auth.json").exists():
        subprocess.run(
            [
                str(RALPH_CLI),
                "auth",
                "-u",
                USERNAME,
                "-p",
                PASSWORD,
                "-s",
                "all",
                "-w",
                "-A",
                USERNAME,
                "https://lrs.test/",
            ],
            env=env,
            check=True,
            capture_output=True,
            timeout=60,
        )
    ralph = Ralph(port=port or free_port(), log=tmp / "ralph.log")
    with ralph.log.open("ab") as log:
        process = subprocess.Popen(
            [str(RALPH_PYTHON), str(Path(__file__).with_name("ralph_server.py")), str(ralph.port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while not ralph.up():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("Ralph did not start:\n" + ralph.log.read_text()[-2000:])
            time.sleep(0.2)
        yield ralph
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
