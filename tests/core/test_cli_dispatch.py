"""The `threadlift` dispatcher: every package's commands are registered; output into a closed
pipe ends quietly."""

from __future__ import annotations

import subprocess
import sys

from threadlift.cli import build_parser


def test_every_core_package_registers_its_commands() -> None:
    help_text = build_parser().format_help()
    for command in ("knowledge", "score", "zones", "assess", "triage", "aftercare", "content"):
        assert command in help_text


def test_a_reader_closing_the_pipe_early_gives_no_traceback() -> None:
    export = subprocess.Popen(
        [sys.executable, "-m", "threadlift", "knowledge", "export"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert export.stdout is not None
    export.stdout.read(10)  # like `| head -c 10`
    export.stdout.close()
    _, stderr = export.communicate()
    assert b"Traceback" not in stderr
