"""What people download: the certificate PDF (A4 landscape, QR to the verification page) and the
baked badge images."""

from __future__ import annotations

import io
import zlib
from pathlib import Path
from struct import pack

import segno

from academy.catalog.vocab import DESIGN_LABELS, MATERIAL_LABELS
from academy.credentials.models import Credential
from threadlift.credentials import baking

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


def certificate_pdf(credential: Credential, verify_url: str) -> bytes:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    doc = credential.document or {}
    subject = doc.get("credentialSubject", {})
    achievement = subject.get("achievement", {})
    regular, bold = _fonts()
    width, height = landscape(A4)
    out = io.BytesIO()
    pdf = Canvas(out, pagesize=(width, height))
    pdf.setTitle(f"Certificate — {achievement.get('name', '')}")
    pdf.setAuthor(doc.get("issuer", {}).get("name", "Threadlift Academy"))
    teal = HexColor("#0f5c63")
    pdf.setStrokeColor(teal)
    pdf.setLineWidth(3)
    pdf.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    pdf.setFillColor(teal)
    pdf.setFont(bold, 16)
    pdf.drawString(24 * mm, height - 32 * mm, doc.get("issuer", {}).get("name", ""))
    pdf.setFillColor(HexColor("#222222"))
    pdf.setFont(regular, 13)
    pdf.drawString(24 * mm, height - 50 * mm, "This certifies that")
    pdf.setFont(bold, 28)
    pdf.drawString(24 * mm, height - 66 * mm, str(subject.get("name", "")))
    pdf.setFont(regular, 13)
    pdf.drawString(24 * mm, height - 80 * mm, "has achieved")
    pdf.setFont(bold, 20)
    pdf.drawString(24 * mm, height - 93 * mm, str(achievement.get("name", "")))
    lines = [f"Issued: {str(doc.get('validFrom', ''))[:10]}"]
    if doc.get("validUntil"):
        lines.append(f"Valid until: {str(doc['validUntil'])[:10]}")
    if achievement.get("creditsAvailable"):
        lines.append(f"CPD hours: {achievement['creditsAvailable']:g}")
    for alignment in achievement.get("alignment", []):
        if alignment.get("targetType") == "ext:Accreditation":
            lines.append(f"Accredited by: {alignment.get('targetFramework', '')}")
    for result in subject.get("result", []):
        if result.get("value"):
            lines.append(f"Supervised cases signed by a trainer: {result['value']}")
        elif result.get("achievedLevel"):
            level = str(result["achievedLevel"]).rsplit("-", 1)[-1]
            lines.append(f"Highest DOPS rating signed: level {level} of 4 (ISCP scale)")
    tags = ", ".join(_tag_label(str(t)) for t in achievement.get("tag", []))
    if tags:
        lines.append(f"Covered: {tags}")
    pdf.setFont(regular, 12)
    for number, line in enumerate(lines):
        pdf.drawString(24 * mm, height - (110 + 8 * number) * mm, line)
    # QR code to the public verification page, drawn as vector squares.
    qr = segno.make(verify_url, error="m")
    size = 52 * mm
    cells = qr.symbol_size(scale=1, border=2)[0]
    cell = size / cells
    left, bottom = width - 24 * mm - size, 34 * mm
    pdf.setFillColor(HexColor("#000000"))
    for row_number, row in enumerate(qr.matrix_iter(scale=1, border=2)):
        for col_number, dark in enumerate(row):
            if dark:
                pdf.rect(
                    left + col_number * cell,
                    bottom + size - (row_number + 1) * cell,
                    cell,
                    cell,
                    stroke=0,
                    fill=1,
                )
    pdf.setFont(regular, 9)
    pdf.drawCentredString(left + size / 2, bottom - 6 * mm, "Scan to verify")
    pdf.setFont(regular, 8)
    pdf.drawString(24 * mm, 20 * mm, f"Credential id: {doc.get('id', '')}")
    pdf.drawString(24 * mm, 16 * mm, f"Verify: {verify_url}")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


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


def _tag_label(tag: str) -> str:
    """`material:pdo` → "PDO (polydioxanone)": the catalog's words, the token when unknown."""
    _, _, token = tag.partition(":")
    token = token or tag
    return MATERIAL_LABELS.get(token) or DESIGN_LABELS.get(token) or token
