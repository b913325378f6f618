"""The one page set-up every printable document of the toolkit uses (ReportLab, A4)."""

from __future__ import annotations

import io
from typing import Any


def a4_document(buffer: io.BytesIO, title: str) -> Any:
    """A4 portrait with 16 mm margins, titled `title`, written into `buffer` when built."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=title,
        author="Threadlift Academy",
    )
