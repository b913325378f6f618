"""What a lesson body or an explanation contains: citations, `{{...}}` directives."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# [R30] or [R30, R26]: bibliography ids (capital first); not a Markdown link `[text](url)`.
CITATION = re.compile(r"\[([A-Z][A-Za-z0-9-]*(?:\s*,\s*[A-Z][A-Za-z0-9-]*)*)\](?!\()")
DIRECTIVE = re.compile(r"\{\{\s*([a-z_]+)([^}]*)\}\}")
BLOCK_DIRECTIVES = ("record", "figure", "table")
INLINE_DIRECTIVES = ("unconfirmed",)


def citations(text: str) -> list[str]:
    """Every source id cited in square brackets, in order of appearance (repeats kept)."""
    return [sid.strip() for match in CITATION.finditer(text) for sid in match.group(1).split(",")]


@dataclass(frozen=True)
class Directive:
    name: str
    args: tuple[str, ...]
    options: dict[str, str]
    line: int
    alone: bool  # the directive is the whole line


def directives(text: str) -> Iterator[Directive]:
    """Every `{{name arg key=value}}` in `text`, with its 1-based line number."""
    for number, line in enumerate(text.splitlines(), start=1):
        for match in DIRECTIVE.finditer(line):
            words = match.group(2).split()
            args = tuple(w for w in words if "=" not in w)
            options = dict(w.split("=", 1) for w in words if "=" in w)
            alone = line.strip() == match.group(0)
            yield Directive(match.group(1), args, options, number, alone)
