"""`threadlift knowledge check | export | schema`: validate, dump and describe the data files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from threadlift.errors import InputError
from threadlift.knowledge.base import KnowledgeBase
from threadlift.knowledge.errors import KnowledgeError
from threadlift.knowledge.loader import load_knowledge

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def register(subparsers: Any) -> None:
    """Add the `knowledge` command and its sub-commands to the dispatcher's subparsers."""
    parser = subparsers.add_parser(
        "knowledge", help="validate, export or describe the knowledge data files"
    )
    commands = parser.add_subparsers(dest="knowledge_command", required=True, metavar="SUBCOMMAND")

    check = commands.add_parser("check", help="validate the data files; list every problem")
    check.add_argument("--data", metavar="DIR", help="data directory (default: the packaged data)")
    check.set_defaults(func=check_command)

    export = commands.add_parser("export", help="print all collections as one JSON object")
    export.add_argument("--data", metavar="DIR", help="data directory (default: the packaged data)")
    export.set_defaults(func=export_command)

    schema = commands.add_parser("schema", help="print the JSON Schema of the data files")
    schema.set_defaults(func=schema_command)


def check_command(args: argparse.Namespace) -> int:
    """Exit 0 with a one-line summary of counts, or 1 listing every problem."""
    try:
        kb = _load(args.data)
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"knowledge: {len(exc.problems)} problem(s)")
        return 1
    counts = ", ".join(f"{name} {count}" for name, count in kb.counts().items())
    print(f"knowledge: ok: {counts}")
    return 0


def export_command(args: argparse.Namespace) -> int:
    """Print one JSON object keyed by collection name, each a list of records."""
    try:
        kb = _load(args.data)
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    print(json.dumps(kb.model_dump(mode="json"), ensure_ascii=False, indent=2))
    return 0


def schema_command(args: argparse.Namespace) -> int:
    """Print the JSON Schema of the data files (one property per file, each a list)."""
    schema = KnowledgeBase.model_json_schema(mode="validation")
    schema = {"$schema": JSON_SCHEMA_DIALECT, **schema}
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return 0


def _load(data: str | None) -> KnowledgeBase:
    if data is None:
        return load_knowledge()
    directory = Path(data)
    if not directory.is_dir():
        raise InputError("--data", f"no such directory: {data}")
    return load_knowledge(directory)
