"""Source checks shared by every record's check (lessons, questions, cases): each citation is a
known source listed in the record's `sources`. Below `checks.py` and `checks_cases.py`."""

from __future__ import annotations

from collections.abc import Iterable

from threadlift.content.loader import RawContent
from threadlift.content.text import citations


def cited_sources(
    raw: RawContent,
    file: str,
    record_id: str,
    where: str,
    text: str,
    listed: Iterable[str],
    known: set[str],
) -> None:
    """Every citation in `text` is a known source and listed in the record's `sources`."""
    listed_set = set(listed)
    for sid in dict.fromkeys(citations(text)):
        if sid not in known:
            raw.problem(file, record_id, where, f"cites unknown source {sid!r}")
        elif sid not in listed_set:
            raw.problem(file, record_id, where, f"cites {sid!r}, which is not in `sources`")


def known_listed(
    raw: RawContent, file: str, record_id: str, listed: Iterable[str], known: set[str]
) -> None:
    for i, sid in enumerate(listed):
        if sid not in known:
            raw.problem(file, record_id, f"sources.{i}", f"unknown source {sid!r}")
