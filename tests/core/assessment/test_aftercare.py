"""Aftercare dates, follow-up visits, the .ics calendar and the PDF."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from threadlift.assessment import aftercare_schedule, schedule_ics, schedule_pdf
from threadlift.assessment.aftercare import add_months, applies
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
    # every timed instruction that applies to the neck with no design given (issue 9 limits
    # cone and brow items to cones and the brow)
    timed = [a for a in kb.aftercare if a.duration is not None and applies(a, "neck", ())]
    assert len(schedule.entries) == len(timed)
    assert schedule.indication_name == kb.indication("neck").name


def test_the_ics_calendar_is_well_formed(kb: KnowledgeBase) -> None:
    schedule = aftercare_schedule(kb, DAY, "jowl")
    text = schedule_ics(schedule, NOW, "patient-1")
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-2] == "END:VCALENDAR"
    assert lines[-1] == ""
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    events = len(schedule.entries) + len(schedule.visits) + 1  # and the red flags
    assert unfolded.count("BEGIN:VEVENT") == unfolded.count("END:VEVENT") == events
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


# Filtering by area and design, the red flags, calendar ids (issue 9) ----------------------


def ids(kb: KnowledgeBase, indication: str, designs: tuple[str, ...] = ()) -> set[str]:
    schedule = aftercare_schedule(kb, DAY, indication, designs)  # type: ignore[arg-type]
    return {e.id for e in schedule.entries}


def test_the_nose_gets_no_dental_or_mouth_opening_items(kb: KnowledgeBase) -> None:
    nose = ids(kb, "nose")
    assert not nose & {"dental_treatment_after", "dental_treatment_before", "limit_mouth_opening"}
    assert {"dental_treatment_after", "limit_mouth_opening"} <= ids(kb, "jowl")
    schedule = aftercare_schedule(kb, DAY, "nose")
    assert "dental_treatment_after" in schedule.omitted


def test_cone_items_are_given_only_for_cone_sutures(kb: KnowledgeBase) -> None:
    assert "expect_dimpling_to_settle" not in ids(kb, "midface", ("cog_bidirectional",))
    assert "expect_dimpling_to_settle" not in ids(kb, "midface")
    assert "expect_dimpling_to_settle" in ids(kb, "midface", ("cone",))


def test_the_brow_gets_the_toxin_timing_and_other_areas_do_not(kb: KnowledgeBase) -> None:
    brow = aftercare_schedule(kb, DAY, "brow")
    toxin = next(e for e in brow.entries if e.id == "brow_toxin_before")
    assert toxin.starts == date(2026, 11, 17)
    assert toxin.sources == ("R63",)
    assert "weak-source" in toxin.marks
    assert "brow_toxin_before" not in ids(kb, "jowl")


def test_every_schedule_ends_with_the_triage_red_flags_and_the_clinic_contact(
    kb: KnowledgeBase,
) -> None:
    schedule = aftercare_schedule(kb, DAY, "jowl", clinic_contact="  Demo Clinic,\n 020 7946 0000 ")
    flagged = {r.id for r in kb.triage_rules if r.red_flag}
    assert {f.rule for f in schedule.red_flags} == flagged
    assert schedule.red_flags[0].text
    assert all(f.sources for f in schedule.red_flags)
    assert schedule.clinic_contact == "Demo Clinic, 020 7946 0000"
    assert schedule.contact_heading == "Contact us at once if"
    assert aftercare_schedule(kb, DAY, "jowl").clinic_contact is None


def uids(text: str) -> set[str]:
    unfolded = text.replace("\r\n ", "")
    return {line for line in unfolded.split("\r\n") if line.startswith("UID:")}


def test_calendar_event_ids_are_unique_per_patient_and_procedure(kb: KnowledgeBase) -> None:
    jowl = aftercare_schedule(kb, DAY, "jowl")
    first = uids(schedule_ics(jowl, NOW, "patient-1"))
    assert uids(schedule_ics(jowl, NOW, "patient-1")) == first  # same procedure: same ids
    assert not first & uids(schedule_ics(jowl, NOW, "patient-2"))
    assert not first & uids(schedule_ics(aftercare_schedule(kb, DAY, "neck"), NOW, "patient-1"))
    later = aftercare_schedule(kb, date(2027, 3, 1), "jowl")
    assert not first & uids(schedule_ics(later, NOW, "patient-1"))
    assert all("patient-1" not in uid for uid in first)  # the reference is hashed


def test_the_calendar_and_pdf_carry_the_red_flags(kb: KnowledgeBase) -> None:
    schedule = aftercare_schedule(kb, DAY, "jowl", clinic_contact="Demo <b>Clinic & Co")
    text = schedule_ics(schedule, NOW, "p").replace("\r\n ", "")
    assert "Contact us at once if" in text
    assert "Contact: Demo <b>Clinic & Co" in text
    assert schedule_pdf(schedule, kb).startswith(b"%PDF-")  # typed markup is escaped
