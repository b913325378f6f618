"""A case's follow-ups as an iCalendar file for the clinician (RFC 5545, all-day events).

The events name the case by its logbook number only (no patient detail leaves the platform in
a calendar). Event ids are stable per case and visit, so downloading again updates them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def follow_ups_ics(
    case_id: int, visits: Iterable[tuple[int, str, dt.date, int]], now: dt.datetime
) -> str:
    """`visits`: (day, label, due date, window in days) → one all-day event per visit, lasting
    from the due date to the end of its window."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Threadlift Academy//Follow-ups//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for day, label, due, window in visits:
        lines += [
            "BEGIN:VEVENT",
            f"UID:follow-up-{case_id}-day-{day}@threadlift.academy",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{due + dt.timedelta(days=window + 1):%Y%m%d}",
            f"SUMMARY:{_escape(f'Follow-up {label.lower()}: logbook case {case_id}')}",
            "DESCRIPTION:"
            + _escape(
                f"{label} follow-up of logbook case {case_id}, due {due:%d %b %Y}"
                + (f" (within {window} days)" if window else "")
                + ". Record it in Threadlift Academy under Follow-ups."
            ),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
