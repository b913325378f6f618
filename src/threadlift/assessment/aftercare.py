"""Aftercare: a dated schedule from a procedure date, indication and thread designs, as data,
.ics and PDF.

Dates are calendar dates (no time zone). An instruction "after" treatment starts on the day of
the procedure and ends between `ends_earliest` and `ends_latest` (procedure date plus the
sources' minimum and maximum days); "before" instructions end on the procedure date.
Instructions limited to some areas or designs (data) are given only there; every schedule ends
with the red flags of the triage data in the patient's words ("contact us at once if") and the
clinic's contact details when given.
"""

from __future__ import annotations

import calendar
import hashlib
import io
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from threadlift.assessment.common import Cited, InputProblem, unique
from threadlift.assessment.pdf import a4_document
from threadlift.knowledge.base import KnowledgeBase
from threadlift.knowledge.schemas import Aftercare, Visit
from threadlift.knowledge.vocab import DESIGN_IDS, DesignId, IndicationId

AREA_NOTE = (
    "The aftercare sources (clinic leaflets) do not vary their advice by treatment area; items "
    "are left out only where they do not apply to the area or the thread design (our reading, "
    "noted on the item)."
)
CONTACT_HEADING = "Contact us at once if"
# Procedure dates a schedule is made for: every instruction's and visit's date (months before
# and after) stays a real calendar date, so 0001-01-01 and 9999-12-31 are refused, not overflowed.
EARLIEST_PROCEDURE = date(1900, 1, 1)
LATEST_PROCEDURE = date(2999, 12, 31)


def check_procedure_date(procedure_date: date) -> None:
    """InputProblem (field `date`) for a date outside the years a schedule is made for."""
    if not EARLIEST_PROCEDURE <= procedure_date <= LATEST_PROCEDURE:
        raise InputProblem(
            [
                (
                    "date",
                    f"the procedure date must be between {EARLIEST_PROCEDURE.isoformat()} "
                    f"and {LATEST_PROCEDURE.isoformat()}",
                )
            ]
        )


class ScheduleEntry(Cited):
    id: str
    instruction: str
    category: str
    timing: str
    starts: date
    ends_earliest: date | None
    ends_latest: date | None
    range_text: str
    duration_note: str | None = None
    applies_note: str | None = None


class RedFlag(Cited):
    """A red flag of the triage data in the patient's words."""

    rule: str
    text: str


class VisitEntry(Cited):
    label: str
    earliest: date
    latest: date


class AftercareSchedule(Cited):
    procedure_date: date
    indication: IndicationId
    indication_name: str
    designs: tuple[DesignId, ...] = ()
    entries: tuple[ScheduleEntry, ...]
    visits: tuple[VisitEntry, ...]
    omitted: tuple[str, ...] = ()
    """Ids of the instructions left out because they do not apply to this area or design."""
    red_flags: tuple[RedFlag, ...]
    contact_heading: str = CONTACT_HEADING
    clinic_contact: str | None = None
    note: str


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later (the last day of a shorter month)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def applies(item: Aftercare, indication: IndicationId, designs: Iterable[DesignId]) -> bool:
    """Whether an instruction applies to this area and these thread designs (an item limited
    to some designs needs one of them to be among `designs`)."""
    if item.indications and indication not in item.indications:
        return False
    return not item.designs or bool(set(item.designs) & set(designs))


def red_flags(kb: KnowledgeBase) -> tuple[RedFlag, ...]:
    """The red flags of the triage data, in the patient's words, most urgent first."""
    flagged = [r for r in kb.triage_rules if r.red_flag and r.patient_text]
    flagged.sort(key=lambda r: r.urgency != "emergency")
    return tuple(
        RedFlag(
            rule=r.id,
            text=r.patient_text or "",
            sources=r.sources,
            evidence=r.evidence,
            marks=r.marks,
        )
        for r in flagged
    )


def aftercare_schedule(
    kb: KnowledgeBase,
    procedure_date: date,
    indication: IndicationId,
    designs: Iterable[DesignId] = (),
    clinic_contact: str | None = None,
) -> AftercareSchedule:
    """The aftercare instructions of `kb` that apply to `indication` and `designs`, dated from
    `procedure_date`, the visits, and the red flags with the clinic's contact details.

    Raises InputProblem for a procedure date outside EARLIEST_PROCEDURE..LATEST_PROCEDURE."""
    check_procedure_date(procedure_date)
    area = kb.indication(indication)
    chosen = tuple(d for d in DESIGN_IDS if d in set(designs))
    items = [item for item in kb.aftercare if applies(item, indication, chosen)]
    entries = [_entry(item, procedure_date) for item in items if item.duration is not None]
    entries.sort(key=lambda e: (e.starts, e.ends_latest or e.starts))
    visits = [_visit(visit, item, procedure_date) for item in items for visit in item.visits]
    sources = sorted({s for item in items for s in item.sources})
    contact = " ".join((clinic_contact or "").split()) or None
    return AftercareSchedule(
        procedure_date=procedure_date,
        indication=indication,
        indication_name=area.name,
        designs=chosen,
        entries=tuple(entries),
        visits=tuple(visits),
        omitted=tuple(item.id for item in kb.aftercare if item not in items),
        red_flags=red_flags(kb),
        clinic_contact=contact,
        note=AREA_NOTE,
        sources=unique(sources),
        evidence="expert-opinion",
        marks=("weak-source",),
    )


def _days_text(low: float | None, high: float | None) -> str:
    def fmt(value: float) -> str:
        return f"{value:g}"

    if low is not None and high is not None:
        if low == high:
            return f"{fmt(low)} day" if low == 1 else f"{fmt(low)} days"
        return f"{fmt(low)}-{fmt(high)} days"
    if high is not None:
        return f"up to {fmt(high)} days"
    if low is not None:
        return f"at least {fmt(low)} days"
    return "no duration given"


def _entry(item: Aftercare, day: date) -> ScheduleEntry:
    assert item.duration is not None
    low, high = item.duration.min_days, item.duration.max_days
    ends_earliest: date | None
    ends_latest: date | None
    if item.timing == "before":
        starts = day - timedelta(days=high or low or 0)
        ends_earliest = ends_latest = day
        text = f"{_days_text(low, high)} before the procedure"
    else:
        starts = day - timedelta(days=high or 0) if item.timing == "before-and-after" else day
        ends_earliest = day + timedelta(days=low) if low is not None else None
        ends_latest = day + timedelta(days=high) if high is not None else None
        text = _days_text(low, high)
        if item.timing == "before-and-after":
            text = f"{text} before and after"
    return ScheduleEntry(
        id=item.id,
        instruction=item.instruction,
        category=item.category,
        timing=item.timing,
        starts=starts,
        ends_earliest=ends_earliest,
        ends_latest=ends_latest,
        range_text=text,
        duration_note=item.duration.note,
        applies_note=item.applies_note,
        sources=item.sources,
        evidence=item.evidence,
        marks=item.marks,
    )


def _visit(visit: Visit, item: Aftercare, day: date) -> VisitEntry:
    if visit.days is not None:
        earliest = day + timedelta(days=visit.days.min_days or 0)
        latest = day + timedelta(days=visit.days.max_days or visit.days.min_days or 0)
    else:
        assert visit.months is not None
        earliest = latest = add_months(day, visit.months)
    return VisitEntry(
        label=visit.label,
        earliest=earliest,
        latest=latest,
        sources=item.sources,
        evidence=item.evidence,
        marks=item.marks,
    )


# iCalendar (RFC 5545) ------------------------------------------------------------------------


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, continuation lines starting with a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        limit = 75 if not parts else 74
        if len(current) + len(encoded) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _cite_text(item: Cited) -> str:
    marks = f"; {', '.join(m.replace('-', ' ') for m in item.marks)}" if item.marks else ""
    grade = item.evidence.replace("-", " ")
    return f"Sources: {', '.join(item.sources)} (evidence: {grade}{marks})"


def procedure_key(schedule: AftercareSchedule, patient_ref: str) -> str:
    """A short opaque key for one patient's procedure (the patient reference is hashed, never
    written into the calendar)."""
    text = f"{patient_ref.strip()}\n{schedule.indication}\n{schedule.procedure_date.isoformat()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def schedule_ics(schedule: AftercareSchedule, now: datetime, patient_ref: str) -> str:
    """The schedule as an iCalendar file: one all-day event per instruction (until its latest
    end) and per visit window, and the red flags on the procedure day. `now` stamps the events
    (DTSTAMP, UTC). Event ids are unique per patient and procedure: they contain a hash of
    `patient_ref`, the indication and the date, so two patients' calendars never collide and
    downloading the same schedule again updates the events instead of duplicating them."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    day = f"{schedule.procedure_date:%Y%m%d}-{procedure_key(schedule, patient_ref)}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Threadlift Academy//Aftercare//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]

    def event(uid: str, start: date, end: date, summary: str, description: str) -> None:
        lines.extend(
            [
                "BEGIN:VEVENT",
                f"UID:{uid}-{day}@threadlift.academy",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
                f"DTEND;VALUE=DATE:{end + timedelta(days=1):%Y%m%d}",
                f"SUMMARY:{_escape(summary)}",
                f"DESCRIPTION:{_escape(description)}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
        )

    for entry in schedule.entries:
        end = entry.ends_latest or entry.ends_earliest or entry.starts
        until = (
            f"Until {entry.ends_earliest:%d %b %Y} to {end:%d %b %Y}"
            if entry.ends_earliest and entry.ends_earliest != end
            else f"Until {end:%d %b %Y}"
        )
        description = f"{entry.instruction}\n{until} ({entry.range_text}).\n{_cite_text(entry)}"
        event(entry.id, entry.starts, end, f"Aftercare: {entry.instruction}", description)
    for index, visit in enumerate(schedule.visits, start=1):
        description = (
            f"Follow-up visit {visit.label} after the procedure, between "
            f"{visit.earliest:%d %b %Y} and {visit.latest:%d %b %Y}.\n{_cite_text(visit)}"
        )
        event(
            f"visit-{index}",
            visit.earliest,
            visit.latest,
            f"Follow-up visit ({visit.label})",
            description,
        )
    event(
        "contact-us",
        schedule.procedure_date,
        schedule.procedure_date,
        f"Aftercare: {schedule.contact_heading.lower()}...",
        contact_text(schedule),
    )
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def contact_text(schedule: AftercareSchedule) -> str:
    """The red-flag block as plain text: heading, one line per red flag, the clinic's contact."""
    lines = [f"{schedule.contact_heading}:"]
    lines += [f"- {flag.text}" for flag in schedule.red_flags]
    lines.append(
        f"Contact: {schedule.clinic_contact}"
        if schedule.clinic_contact
        else "Contact your clinic, or the emergency services if you cannot reach it."
    )
    return "\n".join(lines)


# PDF -----------------------------------------------------------------------------------------


def schedule_pdf(schedule: AftercareSchedule, kb: KnowledgeBase) -> bytes:
    """The schedule as a printable A4 PDF (ReportLab), with sources and evidence grades."""
    from reportlab.lib import colors
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    buffer = io.BytesIO()
    doc = a4_document(buffer, f"Aftercare schedule - {schedule.indication_name}")

    def p(text: str, style: object = small) -> Paragraph:
        return Paragraph(_xml(text), style)

    story: list[object] = [
        p(f"Aftercare after thread lifting: {schedule.indication_name}", styles["Title"]),
        p(f"Procedure date: {schedule.procedure_date:%A %d %B %Y}", styles["BodyText"]),
        p(
            "Evidence: clinic leaflets only (weak source). Ranges are what the leaflets give, "
            "not evidence-based limits. " + schedule.note,
            small,
        ),
        Spacer(1, 4 * mm),
    ]
    rows: list[list[object]] = [[p("<b>Instruction</b>"), p("<b>From</b>"), p("<b>Until</b>"),
                                 p("<b>Sources, grade</b>")]]  # fmt: skip
    for e in schedule.entries:
        end = e.ends_latest or e.ends_earliest or e.starts
        until = (
            f"{e.ends_earliest:%d %b} to {end:%d %b %Y}"
            if e.ends_earliest and e.ends_earliest != end
            else f"{end:%d %b %Y}"
        )
        rows.append(
            [
                p(e.instruction),
                p(f"{e.starts:%d %b %Y}"),
                p(f"{until} ({e.range_text})"),
                p(_cite_text(e).removeprefix("Sources: ")),
            ]
        )
    table = Table(rows, colWidths=[78 * mm, 24 * mm, 42 * mm, 34 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [table, Spacer(1, 5 * mm), p("Follow-up visits", styles["Heading2"])]
    visits: list[object] = []
    for v in schedule.visits:
        window = (
            f"{v.earliest:%d %b %Y}"
            if v.earliest == v.latest
            else f"{v.earliest:%d %b} to {v.latest:%d %b %Y}"
        )
        visits.append(p(f"{v.label}: {window}. {_cite_text(v)}", styles["BodyText"]))
    story += visits
    story += [Spacer(1, 5 * mm), p(f"{schedule.contact_heading}...", styles["Heading2"])]
    story += [p(f"- {flag.text}", styles["BodyText"]) for flag in schedule.red_flags]
    contact = contact_text(schedule).rsplit("\n", 1)[-1]
    bold = Paragraph(f"<b>{_escape_xml(contact)}</b>", styles["BodyText"])
    story += [Spacer(1, 2 * mm), bold]
    story += [Spacer(1, 5 * mm), p("References", styles["Heading2"])]
    for source_id in schedule.sources:
        source = kb.source(source_id)
        story.append(p(f"[{source.id}] {source.title}. {source.note or ''}"))
    doc.build(story)
    return buffer.getvalue()


def _escape_xml(text: str) -> str:
    """Escape typed text (e.g. the clinic's contact) completely: no tags survive."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml(text: str) -> str:
    """Escape text for a ReportLab paragraph, keeping the <b> tags we write ourselves."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("&lt;b&gt;", "<b>").replace("&lt;/b&gt;", "</b>")
