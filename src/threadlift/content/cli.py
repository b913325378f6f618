"""`threadlift content check | export`: validate the curriculum files, or print them as JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from threadlift.content.checks import check_content
from threadlift.content.curriculum import load_content
from threadlift.content.loader import DATA_DIR, ContentError
from threadlift.errors import InputError
from threadlift.knowledge import load_knowledge


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("content", help="validate or export the curriculum content")
    commands = parser.add_subparsers(dest="content_command", required=True, metavar="SUBCOMMAND")

    check = commands.add_parser("check", help="validate every content file; list every problem")
    check.add_argument(
        "--root", metavar="DIR", help="content directory (default: the packaged one)"
    )
    check.add_argument(
        "--strict", action="store_true", help="unmet curriculum counts are problems too"
    )
    check.set_defaults(func=check_command)

    export = commands.add_parser("export", help="print all content as one JSON object")
    export.add_argument(
        "--root", metavar="DIR", help="content directory (default: the packaged one)"
    )
    export.set_defaults(func=export_command)


def _root(value: str | None) -> Path:
    if value is None:
        return DATA_DIR
    root = Path(value)
    if not root.is_dir():
        raise InputError("--root", f"no such directory: {value}")
    return root


def check_command(args: argparse.Namespace) -> int:
    """Exit 0 with the counts, or 1 listing every problem as `FILE: ID: FIELD: message`."""
    report = check_content(load_knowledge(), _root(args.root))
    problems = report.problems + (report.count_problems if args.strict else [])
    for problem in problems:
        print(problem)
    counts = ", ".join(f"{name} {n}" for name, n in report.counts.items())
    if not args.strict:
        for problem in report.count_problems:
            what = "" if problem.record_id == "-" else f"{problem.record_id}: "
            print(f"note (a problem with --strict): {what}{problem.message}")
    if problems:
        print(f"content: {len(problems)} problem(s); {counts}")
        return 1
    print(f"content: ok: {counts}")
    return 0


def export_command(args: argparse.Namespace) -> int:
    """Print {"modules", "lessons", "questions", "cases"} as JSON (questions by module)."""
    root = _root(args.root)
    try:
        content = load_content(load_knowledge(), None if args.root is None else root)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    print(json.dumps(content.model_dump(mode="json"), ensure_ascii=False, indent=2))
    return 0
