"""The consent document as a printable A4 PDF (ReportLab), with sources, grades and marks."""

from __future__ import annotations

import io
from typing import Any

from threadlift.assessment.common import Cited
from threadlift.assessment.consent import ConsentDocument
from threadlift.assessment.pdf import a4_document
from threadlift.knowledge.base import KnowledgeBase


def _esc(text: str) -> str:
    """Escape text for a ReportLab paragraph: typed or data text never becomes markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cite_text(item: Cited) -> str:
    marks = f"; {', '.join(m.replace('-', ' ') for m in item.marks)}" if item.marks else ""
    return f"[{', '.join(item.sources)}] ({item.evidence.replace('-', ' ')}{marks})"


def consent_pdf(doc: ConsentDocument, kb: KnowledgeBase) -> bytes:
    """The consent document as PDF bytes."""
    from reportlab.lib import colors
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    small = body.clone("small", fontSize=8, leading=10)
    h2 = styles["Heading2"]
    buffer = io.BytesIO()
    pdf = a4_document(buffer, f"Consent to thread lifting - {doc.indication_name}")

    def p(text: str, style: Any = body, bold: str = "") -> Paragraph:
        lead = f"<b>{_esc(bold)}</b> " if bold else ""
        return Paragraph(lead + _esc(text), style)

    def cite(item: Cited) -> Paragraph:
        return p(cite_text(item), small)

    def clause(section: str) -> list[Any]:
        c = doc.clause(section)
        return [p(c.title, h2), p(c.text), cite(c)]

    def table(rows: list[list[Any]], widths: list[float]) -> Table:
        t = Table(rows, colWidths=[w * mm for w in widths], repeatRows=1)
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f5")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return t

    story: list[Any] = [
        p(f"Consent to thread lifting: {doc.indication_name}", styles["Title"]),
        p(doc.patient_name or "", bold="Patient:"),
        p(doc.clinician, bold="Performed by:"),
        p(doc.clinic_contact, bold="Clinic contact:"),
        Spacer(1, 3 * mm),
    ]
    story += clause("procedure")
    story += clause("regulatory")
    rows: list[list[Any]] = [[p("", small, "Product"), p("", small, "Regulatory status")]]
    for product in doc.products:
        lines = [p(product.status, small)]
        lines += [
            p(
                f"{c.regulator} {c.reference}: {c.indication} - "
                f"{'covers' if c.covers_indication else 'does not cover'} this use. "
                f"{cite_text(c)}",
                small,
            )
            for c in product.clearances
        ]
        label = f"{product.name} ({product.manufacturer}; {product.material}, {product.design})"
        rows.append([p(label, small), lines])
    story += [table(rows, [60, 118]), Spacer(1, 2 * mm)]
    if doc.off_label:
        story.append(p("At least one product is used off-label, as named above.", body, "Note:"))
    story += clause("duration")
    for study in doc.longevity:
        kind = "independent" if study.independent else "vendor-linked"
        story.append(p(f"{study.study} ({kind}): {study.finding} {cite_text(study)}", small))
    story += clause("alternatives")
    for alt in doc.alternatives:
        story.append(p(f"{alt.why} {cite_text(alt)}", small, alt.treatment + "."))
    story += clause("complications")
    rows = [[p("", small, "Complication"), p("", small, "How often")]]
    for risk in doc.risks:
        figures = [
            f"{f.figure}{f' ({f.population})' if f.population else ''} [{f.source}]"
            f"{' (preprint)' if f.preprint else ''}"
            for f in risk.figures
        ]
        often = "; ".join(filter(None, [risk.frequency, *figures]))
        marks = f" ({', '.join(risk.marks)})" if risk.marks else ""
        rows.append([p(risk.name + marks, small), p(often, small)])
    story += [table(rows, [60, 118])]
    story += clause("aftercare")
    story += [p(f"- {a.instruction}", small) for a in doc.aftercare]
    story += clause("emergency")
    story += [p(f"- {flag.text}", small) for flag in doc.red_flags]
    story += clause("photography")
    story += [p(f"[  ] {option}") for option in doc.clause("photography").options]
    story += clause("cooling_off")
    story += [p("Signatures", h2)]
    for who in ("Patient", "Clinician performing the procedure"):
        story += [
            Spacer(1, 8 * mm),
            p(f"{who}: ______________________________   Date: ___________"),
        ]
    story += [Spacer(1, 6 * mm), p("References", h2)]
    for source_id in doc.sources:
        source = kb.source(source_id)
        story.append(p(f"[{source.id}] {source.title}. {source.note or ''}", small))
    pdf.build(story)
    return buffer.getvalue()
