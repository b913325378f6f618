"""What people download: the certificate PDF (A4 landscape, QR to the verification page) and the
baked badge images."""

from __future__ import annotations

import io
import zlib
from pathlib import Path
from struct import pack
from typing import Any

import segno

from academy.catalog.vocab import DESIGN_LABELS, MATERIAL_LABELS
from academy.credentials.dates import in_words
from academy.credentials.models import AcademyCertificateLook, Credential
from threadlift.credentials import baking
from threadlift.credentials import credential as cred

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def _fonts() -> tuple[str, str]:
    """DejaVu for any script (names like "Zoë Ångström-Núñez ✓"); Helvetica if it is missing."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        return "Helvetica", "Helvetica-Bold"
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
    return "DejaVuSans", "DejaVuSans-Bold"


def credential_facts(document: dict[str, Any]) -> dict[str, Any]:
    """What a credential says, in words: the same lines on the public page and the PDF."""
    subject = document.get("credentialSubject", {})
    achievement = subject.get("achievement", {})
    alignments = [a for a in achievement.get("alignment", []) if isinstance(a, dict)]
    return {
        "holder": str(subject.get("name", "")),
        "issuer": str(document.get("issuer", {}).get("name", "")),
        "achievement": achievement,
        "requirements": cred.criteria_lines(document),
        "results": cred.result_lines(document),
        "competencies": [
            str(a.get("targetName", ""))
            for a in alignments
            if a.get("targetType") != "ext:Accreditation"
        ],
        "accreditations": [
            str(a.get("targetFramework", ""))
            + (f" ({a['targetCode']})" if a.get("targetCode") else "")
            for a in alignments
            if a.get("targetType") == "ext:Accreditation"
        ],
        "covered": ", ".join(tag_label(str(t)) for t in achievement.get("tag", [])),
        "cpd_hours": achievement.get("creditsAvailable"),
        "issued": in_words(document.get("validFrom")),
        "valid_until": in_words(document.get("validUntil")),
    }


def competency_areas(competencies: list[str]) -> list[str]:
    """The module part of "Module: outcome" names, in order, once each (what fits on paper)."""
    areas: list[str] = []
    for name in competencies:
        area = name.split(": ", 1)[0]
        if area not in areas:
            areas.append(area)
    return areas


def _image(field: Any) -> Any:
    """A stored image as reportlab reads it, or None when absent or unreadable."""
    from reportlab.lib.utils import ImageReader

    if not field:
        return None
    try:
        with field.open("rb") as handle:
            return ImageReader(io.BytesIO(handle.read()))
    except (OSError, ValueError):
        return None


def certificate_pdf(credential: Credential, verify_url: str) -> bytes:
    """One A4 landscape page: the academy's logo and name, the holder, the achievement, the
    requirements met and values achieved (as the credential states them), the signatory, and
    the QR code and link to the public verification page."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    doc = credential.document or {}
    said = credential_facts(doc)
    look = AcademyCertificateLook.objects.filter(provider_id=credential.provider_id).first()
    regular, bold = _fonts()
    width, height = landscape(A4)
    out = io.BytesIO()
    pdf = Canvas(out, pagesize=(width, height))
    pdf.setTitle(f"Certificate — {said['achievement'].get('name', '')}")
    pdf.setAuthor(said["issuer"] or "Threadlift Academy")
    teal, ink, muted = HexColor("#0f5c63"), HexColor("#222222"), HexColor("#555555")
    pdf.setStrokeColor(teal)
    pdf.setLineWidth(3)
    pdf.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
    left, top = 22 * mm, height - 22 * mm
    right_col = width - 22 * mm - 62 * mm  # the QR code and the signatory live right of this
    text_width = right_col - left - 8 * mm

    # Header: logo, then the academy's name beside it.
    logo = _image(look.logo if look else None)
    name_x = left
    if logo is not None:
        w, h = logo.getSize()
        box_h = 18 * mm
        box_w = min(box_h * w / h, 60 * mm)
        box_h = box_w * h / w
        pdf.drawImage(logo, left, top - box_h, box_w, box_h, mask="auto")
        name_x = left + box_w + 6 * mm
    pdf.setFillColor(teal)
    pdf.setFont(bold, 16)
    pdf.drawString(name_x, top - 11 * mm, said["issuer"])

    y = top - 34 * mm
    pdf.setFillColor(ink)
    pdf.setFont(regular, 12)
    pdf.drawString(left, y, "This certifies that")
    y -= 12 * mm
    pdf.setFont(bold, 26)
    pdf.drawString(left, y, _fit(pdf, said["holder"], bold, 26, width - 2 * left))
    y -= 9 * mm
    pdf.setFont(regular, 12)
    pdf.drawString(left, y, "has achieved")
    y -= 10 * mm
    pdf.setFont(bold, 18)
    for line in simpleSplit(str(said["achievement"].get("name", "")), bold, 18, text_width)[:2]:
        pdf.drawString(left, y, line)
        y -= 8 * mm

    dates = [f"Issued on {said['issued']}"]
    if said["valid_until"]:
        dates.append(f"valid until {said['valid_until']}")
    if said["cpd_hours"]:
        dates.append(f"{said['cpd_hours']:g} CPD hours")
    lines: list[tuple[str, str]] = [(regular, " · ".join(dates))]
    for body in said["accreditations"]:
        lines.append((regular, f"CPD accredited by {body}"))
    if said["results"]:
        lines.append((bold, "Achieved"))
        lines += [(regular, f"• {name}: {value}") for name, value in said["results"]]
    if said["requirements"]:
        lines.append((bold, "Requirements met when it was issued"))
        lines += [(regular, f"• {r}") for r in said["requirements"]]
    areas = competency_areas(said["competencies"])
    if areas:
        lines.append((bold, "Competency areas"))
        lines.append((regular, "; ".join(areas) + "."))
    if said["covered"]:
        lines.append((regular, f"Covered: {said['covered']}"))
    y -= 2 * mm
    bottom_limit = 30 * mm
    size, leading = 10, 4.6 * mm
    for font, text in lines:
        if font == bold:
            y -= 1.5 * mm  # a little air above each heading
        for part in simpleSplit(text, font, size, text_width):
            if y < bottom_limit:
                break
            pdf.setFont(font, size)
            pdf.drawString(left, y, part)
            y -= leading
    # Right column: QR code to the public verification page (vector squares), then who signs.
    qr = segno.make(verify_url, error="m")
    size_qr = 44 * mm
    cells = qr.symbol_size(scale=1, border=2)[0]
    cell = size_qr / cells
    qr_left, qr_bottom = width - 22 * mm - size_qr, top - 6 * mm - size_qr
    pdf.setFillColor(HexColor("#000000"))
    for row_number, row in enumerate(qr.matrix_iter(scale=1, border=2)):
        for col_number, dark in enumerate(row):
            if dark:
                pdf.rect(
                    qr_left + col_number * cell,
                    qr_bottom + size_qr - (row_number + 1) * cell,
                    cell,
                    cell,
                    stroke=0,
                    fill=1,
                )
    pdf.setFillColor(muted)
    pdf.setFont(regular, 9)
    pdf.drawCentredString(qr_left + size_qr / 2, qr_bottom - 5 * mm, "Scan to verify")
    if look and look.signatory_name:
        sig_x, sig_w = right_col, width - 22 * mm - right_col
        line_y = 46 * mm
        signature = _image(look.signature)
        if signature is not None:
            w, h = signature.getSize()
            box_w = min(sig_w, 20 * mm * w / h)
            box_h = box_w * h / w
            pdf.drawImage(signature, sig_x, line_y + 1.5 * mm, box_w, box_h, mask="auto")
        pdf.setStrokeColor(muted)
        pdf.setLineWidth(0.6)
        pdf.line(sig_x, line_y, sig_x + sig_w, line_y)
        pdf.setFillColor(ink)
        pdf.setFont(bold, 10)
        pdf.drawString(sig_x, line_y - 5 * mm, _fit(pdf, look.signatory_name, bold, 10, sig_w))
        pdf.setFont(regular, 9)
        role = look.signatory_role or said["issuer"]
        for index, part in enumerate(simpleSplit(role, regular, 9, sig_w)[:2]):
            pdf.drawString(sig_x, line_y - (9.5 + 4 * index) * mm, part)
    pdf.setFillColor(muted)
    pdf.setFont(regular, 8)
    pdf.drawString(left, 16 * mm, f"Check this certificate at {verify_url}")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _fit(pdf: Any, text: str, font: str, size: float, room: float) -> str:
    """`text`, cut with an ellipsis if it would run past `room` points."""
    if pdf.stringWidth(text, font, size) <= room:
        return text
    while text and pdf.stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text + "…"


def _badge_png() -> bytes:
    """A 128 × 128 teal medal, drawn pixel by pixel (no image library needed)."""
    size, radius = 128, 60
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            d2 = (x - 63.5) ** 2 + (y - 63.5) ** 2
            if d2 <= (radius - 8) ** 2:
                row += bytes((15, 92, 99, 255))
            elif d2 <= radius**2:
                row += bytes((212, 175, 55, 255))
            else:
                row += bytes((0, 0, 0, 0))
        rows.append(bytes(row))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return pack(">I", len(data)) + tag + data + pack(">I", zlib.crc32(tag + data))

    header = pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


BADGE_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">'
    b'<circle cx="64" cy="64" r="60" fill="#d4af37"/><circle cx="64" cy="64" r="52" '
    b'fill="#0f5c63"/><path d="M40 66l16 16 32-36" stroke="#fff" stroke-width="9" '
    b'fill="none"/></svg>'
)


def badge_png(credential: Credential) -> bytes:
    return baking.bake_into_png(_badge_png(), credential.document or {})


def badge_svg(credential: Credential) -> bytes:
    return baking.bake_into_svg(BADGE_SVG, credential.document or {})


def tag_label(tag: str) -> str:
    """`material:pdo` → "PDO (polydioxanone)": the catalog's words, the token when unknown."""
    _, _, token = tag.partition(":")
    token = token or tag
    return MATERIAL_LABELS.get(token) or DESIGN_LABELS.get(token) or token
