"""The ledger as CSV and PDF (a learner's, an academy's), one activity's completions in the
accreditor's upload layout (ACCME PARS, columns from data, (U) where unconfirmed), and the
revalidation statement as PDF (A4, ReportLab, the toolkit's page set-up)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone

from academy.cpd.models import CreditEntry, Reflection
from academy.cpd.selectors import FeedbackItem
from threadlift.assessment.pdf import a4_document
from threadlift.cpd.policy import cpd_policy
from threadlift.cpd.statement import Statement

LEDGER_COLUMNS = [
    "entry",
    "kind",
    "learner",
    "academy",
    "academy_id",
    "course",
    "course_id",
    "run",
    "run_id",
    "awarded_on",
    "participatory_hours",
    "self_directed_hours",
    "total_hours",
    "evidence_url",
    "reverses",
    "reason",
    "kept_until",
]


def _safe(value: Any) -> Any:
    """Cells a spreadsheet would run as a formula start with a quote instead."""
    return f"'{value}" if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") else value


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe(v) for v in row])
    return out.getvalue().encode("utf-8")


def _ledger_row(e: CreditEntry) -> list[Any]:
    return [
        e.pk,
        e.kind,
        e.learner_name,
        e.provider_name,
        e.provider_id,
        e.course_title,
        e.course_id_snapshot,
        e.run_label,
        e.run_id_snapshot,
        e.awarded_on.isoformat(),
        e.participatory_hours,
        e.self_directed_hours,
        e.total_hours,
        e.evidence_url,
        e.reverses_id or "",
        e.reason,
        e.keep_until.isoformat(),
    ]


def ledger_csv(entries: Iterable[CreditEntry]) -> bytes:
    return _csv(LEDGER_COLUMNS, (_ledger_row(e) for e in entries))


def pars_csv(entries: Iterable[CreditEntry]) -> bytes:
    """One row per credited learner of one activity, in the PARS upload's columns. We hold no
    board ID nor date of birth: those cells are empty for the academy to fill in."""
    fmt = cpd_policy().exports["pars"]
    rows = []
    for e in entries:
        first, _, last = e.learner_name.partition(" ")
        values = {
            "activity_id": f"{e.provider_id}-{e.run_id_snapshot}",
            "first_name": first,
            "last_name": last,
            "birth_month_day": "",
            "board_id": "",
            "completion_date": e.awarded_on.strftime("%m/%d/%Y"),
            "credits": e.total_hours,
        }
        rows.append([values[c.field] for c in fmt.columns])
    return _csv([c.title for c in fmt.columns], rows)


def _tools() -> tuple[Any, Any, Any]:
    from reportlab.lib import colors
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, Table, TableStyle

    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)

    def p(text: Any, style: Any = small) -> Any:
        return Paragraph(_xml(str(text)), style)

    def table(rows: list[list[Any]], widths: list[float] | None = None) -> Any:
        t = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f5")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return t

    return styles, p, table


def _ledger_table(entries: list[CreditEntry], p: Any, table: Any, *, learner: bool) -> Any:
    head = ["Date", "Learner" if learner else "Academy", "Activity", "Particip. h", "Self-dir. h"]
    rows = [[p(h) for h in head]]
    for e in entries:
        what = f"{e.course_title}, {e.run_label}"
        if e.kind == "reversal":
            what += f" — REVERSAL: {e.reason}"
        rows.append(
            [
                p(f"{e.awarded_on:%d %b %Y}"),
                p(e.learner_name if learner else e.provider_name),
                p(what),
                p(e.participatory_hours),
                p(e.self_directed_hours),
            ]
        )
    return table(rows, [58, 100, 230, 50, 50])


def ledger_pdf(title: str, entries: list[CreditEntry], *, by_learner: bool) -> bytes:
    styles, p, table = _tools()
    buffer = io.BytesIO()
    doc = a4_document(buffer, title)
    story: list[Any] = [
        p(title, styles["Title"]),
        p(f"Generated {timezone.now():%d %b %Y %H:%M} UTC · Threadlift Academy"),
        p(
            f"Entries are kept at least {cpd_policy().retention.years} years after the activity "
            f"(ACCME attendance records, {cpd_policy().retention.source}); corrections are "
            "reversing entries."
        ),
        _ledger_table(entries, p, table, learner=by_learner),
    ]
    doc.build(story)
    return buffer.getvalue()


def statement_pdf(
    *,
    person: str,
    statement: Statement,
    credits: list[CreditEntry],
    external: list[Any],
    reflections: list[Reflection],
    feedback: list[FeedbackItem],
) -> bytes:
    from reportlab.platypus import Spacer

    styles, p, table = _tools()
    reg = statement.regulator
    buffer = io.BytesIO()
    doc = a4_document(buffer, f"Revalidation statement: {person}")
    story: list[Any] = [
        p(f"Revalidation statement — {reg.name}", styles["Title"]),
        p(
            f"{person} · {statement.role_label} · cycle {statement.start:%d %b %Y} to "
            f"{statement.end:%d %b %Y} · generated {timezone.now():%d %b %Y} · Threadlift Academy"
        ),
        p(
            "A summary of the records held in this portfolio, for you and your confirmer or "
            "appraiser. It is not a submission to the regulator. (U) marks a figure or reading "
            "we could not confirm at its source."
        ),
        Spacer(1, 6),
        p("Requirements", styles["Heading2"]),
    ]
    rows = [[p("Requirement"), p("Status"), p("Source")]]
    for line in statement.lines:
        status = "no figure set" if line.met is None else ("met" if line.met else "not yet")
        text = line.text + (f" — {line.note}" if line.note else "")
        rows.append([p(text), p(status), p(line.source)])
    story.append(table(rows, [340, 70, 60]))
    for note in reg.notes:
        story.append(p(f"{note.text} ({note.source})"))
    split = cpd_policy().credit_split
    story.append(p(f"How course hours count: {split.note} ({split.source})"))
    story += [p("CPD credits from courses", styles["Heading2"])]
    story.append(_ledger_table(credits, p, table, learner=False) if credits else p("None."))
    story += [p("Other CPD", styles["Heading2"])]
    if external:
        rows = [[p("Date"), p("Activity"), p("Type"), p("Hours")]]
        rows += [
            [
                p(f"{x.date:%d %b %Y}"),
                p(f"{x.title} ({x.provider_name})"),
                p(x.get_credit_type_display()),
                p(x.hours),
            ]
            for x in external
        ]
        story.append(table(rows, [58, 300, 80, 50]))
    else:
        story.append(p("None."))
    story += [p("Practice-related feedback", styles["Heading2"])]
    story += [p(f"{f.received_on:%d %b %Y} · {f.source}: {f.summary}") for f in feedback] or [
        p("None.")
    ]
    themes = {t.id: t.label for t in cpd_policy().code_themes.themes}
    story += [p("Written reflective accounts", styles["Heading2"])]
    for r in reflections:
        story += [
            p(f"{r.written_on:%d %b %Y} · {r.about}", styles["Heading4"]),
            p(f"The activity, feedback or experience: {r.nature}"),
            p(f"What I learned: {r.learned}"),
            p(f"How I changed or improved my practice: {r.changed}"),
            p(
                "How it relates to the Code ("
                + ", ".join(themes.get(t, t) for t in r.code_themes)
                + f"): {r.code_relation}"
            ),
        ]
    if not reflections:
        story.append(p("None."))
    doc.build(story)
    return buffer.getvalue()


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
