"""The `threadlift` command line: one entry point, sub-commands registered by each core package.

Exit codes are part of the interface: 0 success (or a plan that passed), 1 a negative result
(a plan that did not pass, invalid knowledge data), 2 bad input, naming the field.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from threadlift.errors import InputError

# Each module exposes `register(subparsers)`; the sub-commands it adds set `func` to a callable
# taking the parsed namespace and returning the exit code.
COMMAND_MODULES = (
    "threadlift.knowledge.cli",
    "threadlift.planning.cli",
    "threadlift.assessment.cli",
    "threadlift.content.cli",
    "threadlift.simulator.cli",
)


__all__ = ["InputError", "build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="threadlift",
        description="Threadlift Academy core: knowledge, plan scoring and clinical assessment.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.func
    try:
        return handler(args)
    except InputError as exc:
        print(f"threadlift: error: {exc.field}: {exc.message}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader went away (`threadlift … | head`): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
