"""Dates as people write them on a certificate: "7 December 2026", never ISO."""

from __future__ import annotations

import datetime as dt


def in_words(day: dt.date | dt.datetime | str | None) -> str:
    """`7 December 2026`; an ISO string (a credential's `validFrom`) is read first."""
    if day is None or day == "":
        return ""
    if isinstance(day, str):
        day = dt.datetime.fromisoformat(day.replace("Z", "+00:00"))
    if isinstance(day, dt.datetime):
        day = day.date()
    return f"{day.day} {day:%B %Y}"
