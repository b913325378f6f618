"""The learner's logbook as PDF (A4, ReportLab, the toolkit's page set-up) and CSV: cases,
supervision levels, products and batches, plan scores, DOPS ratings and signatures with their
hashes, competency status — the evidence an appraiser or regulator asks for."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from academy.accounts.access import login_required
from academy.accounts.models import User
from academy.logbook.access import courses_of_learner_for_viewer, get_learner_logbook
from academy.logbook.competency import Progress, progress_for
from academy.logbook.models import Case, Dops
from academy.logbook.vocab import DOPS_DOMAINS, ISCP_SOURCE, OSCORE_SOURCE, DopsStatus, OverallLevel
from threadlift.assessment.pdf import a4_document

POLICY_NOTE = (
    "Practice rules are the academy's policy: no published minimum number of supervised "
    "thread-lift cases was found (TA-FACTBASE)."
)


def _data(request: HttpRequest, learner_id: int) -> tuple[User, list[Case], list[Progress]]:
    viewer = request.user
    assert isinstance(viewer, User)
    person, cases = get_learner_logbook(viewer, learner_id)
    rows = list(cases.prefetch_related("products", "dops__signed_by").order_by("date", "id"))
    return person, rows, progress_for(person, list(courses_of_learner_for_viewer(viewer, person)))


def _private(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def logbook_csv(request: HttpRequest, learner_id: int) -> HttpResponse:
    person, cases, progress = _data(request, learner_id)
    out = io.StringIO()
    w = _SafeWriter(csv.writer(out))
    w.writerow(
        [
            "case",
            "date",
            "course",
            "setting",
            "supervision",
            "indication",
            "products",
            "plan_overall",
            "plan_passed",
            "critical_findings",
            "signed_by",
            "signed_at",
            "dops_overall",
            "dops_ratings",
            "dops_signed_by",
            "dops_signed_at",
            "dops_sha256",
        ]
    )
    for c in cases:
        products = "; ".join(
            f"{p.product} batch {p.batch} exp {p.expiry}" for p in c.products.all()
        )
        signed: list[Dops | None] = [d for d in c.dops.all() if d.status == DopsStatus.SIGNED]
        signed = signed or [None]
        for d in signed:
            w.writerow(
                [
                    c.pk,
                    c.date,
                    c.run.course.title,
                    c.get_setting_display(),
                    c.get_supervision_display(),
                    c.indication,
                    products,
                    c.plan_score.get("overall"),
                    c.plan_score.get("passed"),
                    len(c.critical_findings),
                    c.signed_by or "",
                    c.signed_at.isoformat() if c.signed_at else "",
                    d.get_overall_display() if d else "",
                    " ".join(f"{k}={v}" for k, v in d.ratings.items()) if d else "",
                    d.signed_by if d else "",
                    d.signed_at.isoformat() if d and d.signed_at else "",
                    d.content_hash if d else "",
                ]
            )
    w.writerow([])
    w.writerow(["competency", "rule", "done", "needed", "met", "signed_off_by", "signed_off_at"])
    for p in progress:
        for r in p.rules:
            w.writerow(
                [
                    p.course.title,
                    r.text,
                    r.done,
                    r.needed,
                    r.met,
                    p.signoff.signed_by if p.signoff else "",
                    p.signoff.signed_at.isoformat() if p.signoff else "",
                ]
            )
    w.writerow([POLICY_NOTE])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    return _private(response, f"logbook-{person.pk}.csv")


@login_required
def logbook_pdf(request: HttpRequest, learner_id: int) -> HttpResponse:
    person, cases, progress = _data(request, learner_id)
    response = HttpResponse(render_pdf(person, cases, progress), content_type="application/pdf")
    return _private(response, f"logbook-{person.pk}.pdf")


class _SafeWriter:
    """A CSV writer that neutralises cells a spreadsheet would run as a formula."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def writerow(self, row: list[Any]) -> None:
        self.writer.writerow(
            [f"'{v}" if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v for v in row]
        )


def render_pdf(person: User, cases: list[Case], progress: list[Progress]) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    mono = small.clone("mono", fontName="Courier", fontSize=7)

    def p(text: Any, style: Any = small) -> Paragraph:
        return Paragraph(_xml(str(text)), style)

    def table(rows: list[list[Any]], widths: list[float] | None = None) -> Table:
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

    buffer = io.BytesIO()
    doc = a4_document(buffer, f"Logbook of {person}")
    story: list[Any] = [
        Paragraph(_xml(f"Supervised-case logbook: {person}"), styles["Title"]),
        p(f"{person.email} · generated {timezone.now():%d %b %Y %H:%M} UTC · Threadlift Academy"),
        Spacer(1, 6),
        Paragraph("Competency", styles["Heading2"]),
        p(POLICY_NOTE),
    ]
    for prog in progress:
        status = (
            f"signed off by {prog.signoff.signed_by} on {prog.signoff.signed_at:%d %b %Y} "
            f"(SHA-256 {prog.signoff.content_hash})"
            if prog.signoff
            else ("all rules met, awaiting sign-off" if prog.all_met else "in progress")
        )
        story += [Paragraph(_xml(f"{prog.course.title}: {status}"), styles["Heading4"])]
        rows = [[p("Rule"), p("Done"), p("Needed"), p("Met")]]
        rows += [
            [p(r.text), p(r.done), p(r.needed), p("yes" if r.met else "no")] for r in prog.rules
        ]
        if prog.rules:
            story.append(table(rows, [300, 50, 50, 50]))
    story += [Paragraph("Cases", styles["Heading2"])]
    rows = [
        [
            p("Date"),
            p("Case"),
            p("Supervision"),
            p("Indication"),
            p("Products (batch, expiry)"),
            p("Plan score"),
            p("Signed"),
        ]
    ]
    for c in cases:
        products = "; ".join(f"{x.product} {x.batch} exp {x.expiry}" for x in c.products.all())
        verdict = "passed" if c.plan_score.get("passed") else "failed"
        score = f"{c.plan_score.get('overall')} ({verdict})"
        if c.critical_findings:
            score += f"; {len(c.critical_findings)} CRITICAL finding(s)"
        rows.append(
            [
                p(f"{c.date:%d %b %Y}"),
                p(f"#{c.pk} {c.get_setting_display()}"),
                p(c.get_supervision_display()),
                p(c.indication),
                p(products),
                p(score),
                p(f"{c.signed_by} {c.signed_at:%d %b %Y}" if c.signed_at else "not signed"),
            ]
        )
    story.append(table(rows, [58, 62, 70, 52, 124, 70, 70]))
    story += [
        Paragraph("DOPS", styles["Heading2"]),
        p(
            "Domains rated on the O-SCORE entrustment scale 1-5 or n = not observed "
            f"({OSCORE_SOURCE}); overall on the ISCP DOPS global levels 0-4 ({ISCP_SOURCE})."
        ),
    ]
    labels = dict(DOPS_DOMAINS)
    for c in cases:
        for d in c.dops.all():
            if d.status != DopsStatus.SIGNED:
                continue
            ratings = ", ".join(f"{labels.get(k, k)} {v}" for k, v in d.ratings.items())
            story += [
                Paragraph(
                    _xml(f"Case #{c.pk}, {c.date:%d %b %Y}: {OverallLevel(d.overall or 0).label}"),
                    styles["Heading4"],
                ),
                p(ratings),
                p(f"Strengths: {d.strengths}"),
                p(f"Points to develop: {d.development}"),
                p(
                    f"Signed by {d.signed_by} on {d.signed_at:%d %b %Y %H:%M} UTC with "
                    f"{d.signed_with}."
                ),
                p(f"SHA-256 {d.content_hash}", mono),
            ]
    doc.build(story)
    return buffer.getvalue()


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
