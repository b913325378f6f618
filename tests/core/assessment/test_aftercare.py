"""Aftercare dates, follow-up visits, the .ics calendar and the PDF."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from threadlift.assessment import aftercare_schedule, schedule_ics, schedule_pdf
from threadlift.assessment.aftercare import add_months
from threadlift.knowledge import KnowledgeBase

DAY = date(2026, 12, 1)
NOW = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


def entry(kb: KnowledgeBase, entry_id: str) -> object:
    schedule = aftercare_schedule(kb, DAY, "jowl")
    return next(e for e in schedule.entries if e.id == entry_id)


@pytest.mark.parametrize(
    ("entry_id", "starts", "earliest", "latest"),
    [
        ("cold_compresses", date(2026, 12, 1), date(2026, 12, 1), date(2026, 12, 2)),
        ("sleep_on_back", date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 6)),
        ("limit_mouth_opening", date(2026, 12, 1), date(2026, 12, 8), date(2026, 12, 31)),
        ("no_energy_devices", date(2026, 12, 1), date(2026, 12, 29), date(2027, 2, 9)),
        ("expect_nerve_sensations", date(2026, 12, 1), None, date(2027, 1, 26)),
        ("dental_treatment_before", date(2026, 11, 17), date(2026, 12, 1), date(2026, 12, 1)),
        ("avoid_nsaids_and_aspirin", date(2026, 11, 17), date(2026, 12, 15), date(2026, 12, 15)),
    ],
)
def test_each_instruction_is_dated_from_the_procedure(
    kb: KnowledgeBase, entry_id: str, starts: date, earliest: date | None, latest: date
) -> None:
    e = entry(kb, entry_id)
    assert (e.starts, e.ends_earliest, e.ends_latest) == (starts, earliest, latest)  # type: ignore[attr-defined]
    assert e.sources == ("R58",)  # type: ignore[attr-defined]
    assert "weak-source" in e.marks  # type: ignore[attr-defined]


def test_follow_up_visits_fall_at_7_to_10_days_1_month_and_3_months(kb: KnowledgeBase) -> None:
    visits = aftercare_schedule(kb, DAY, "jowl").visits
    assert [(v.label, v.earliest, v.latest) for v in visits] == [
        ("7-10 days", date(2026, 12, 8), date(2026, 12, 11)),
        ("1 month", date(2027, 1, 1), date(2027, 1, 1)),
        ("3 months", date(2027, 3, 1), date(2027, 3, 1)),
    ]


def test_months_are_calendar_months_clamped_to_the_month_end() -> None:
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


def test_entries_are_in_date_order_and_cover_every_timed_instruction(kb: KnowledgeBase) -> None:
    schedule = aftercare_schedule(kb, DAY, "neck")
    starts = [e.starts for e in schedule.entries]
    assert starts == sorted(starts)
    assert len(schedule.entries) == sum(1 for a in kb.aftercare if a.duration is not None)
    assert schedule.indication_name == kb.indication("neck").name


def test_the_ics_calendar_is_well_formed(kb: KnowledgeBase) -> None:
    text = schedule_ics(aftercare_schedule(kb, DAY, "jowl"), NOW)
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-2] == "END:VCALENDAR"
    assert lines[-1] == ""
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert unfolded.count("BEGIN:VEVENT") == unfolded.count("END:VEVENT") == 17 + 3
    assert "DTSTAMP:20261127T080000Z" in unfolded
    assert "DTSTART;VALUE=DATE:20261208" in unfolded  # first follow-up window
    assert "SUMMARY:Follow-up visit (1 month)" in unfolded
    uids = [line for line in unfolded.split("\r\n") if line.startswith("UID:")]
    assert len(uids) == len(set(uids))
    assert "Sources: R58" in unfolded


def test_the_pdf_is_a_pdf(kb: KnowledgeBase) -> None:
    data = schedule_pdf(aftercare_schedule(kb, DAY, "jowl"), kb)
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert len(data) > 2000
