"""A server-rendered SVG histogram of quiz scores (no JavaScript), with its data for a table."""

from __future__ import annotations

from html import escape

BINS = tuple((lo, lo + 10) for lo in range(0, 100, 10))


def bins(percents: list[int]) -> list[tuple[str, int]]:
    counts = [0] * len(BINS)
    for p in percents:
        counts[min(max(p, 0) // 10, len(BINS) - 1)] += 1
    return [
        (f"{lo}–{hi if hi < 100 else 100}%", c) for (lo, hi), c in zip(BINS, counts, strict=True)
    ]


def histogram(percents: list[int], title: str, pass_mark: int | None = None) -> str:
    data = bins(percents)
    top = max((c for _, c in data), default=0) or 1
    w, h, left, bottom = 320, 160, 28, 28
    bar = (w - left - 8) / len(data)
    out = [
        f'<svg class="histogram" viewBox="0 0 {w} {h}" role="img" '
        f'aria-label="{escape(title)}: {len(percents)} attempts; the table below gives the '
        'numbers" xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{left}" y1="{h - bottom}" x2="{w - 4}" y2="{h - bottom}" '
        'stroke="#555" stroke-width="1"/>',
        f'<text x="4" y="12" font-size="9" fill="#555">{top}</text>',
        f'<text x="4" y="{h - bottom}" font-size="9" fill="#555">0</text>',
    ]
    for i, (label, count) in enumerate(data):
        bh = (h - bottom - 16) * count / top
        x = left + i * bar
        out.append(
            f'<rect x="{x + 2:.1f}" y="{h - bottom - bh:.1f}" width="{bar - 4:.1f}" '
            f'height="{bh:.1f}" '
            f'fill="#2b6c8f"><title>{escape(label)}: {count}</title></rect>'
        )
        if i % 2 == 0:
            out.append(
                f'<text x="{x + 2:.1f}" y="{h - bottom + 12}" font-size="8" '
                f'fill="#333">{i * 10}</text>'
            )
    out.append(
        f'<text x="{w - 4}" y="{h - 4}" font-size="8" fill="#333" text-anchor="end">score %</text>'
    )
    if pass_mark is not None:
        x = left + (w - left - 8) * pass_mark / 100
        out.append(
            f'<line x1="{x:.1f}" y1="8" x2="{x:.1f}" y2="{h - bottom}" stroke="#a50026" '
            'stroke-dasharray="3 2" stroke-width="1"/>'
            f'<text x="{x + 2:.1f}" y="14" font-size="8" fill="#a50026">pass {pass_mark}%</text>'
        )
    out.append("</svg>")
    return "".join(out)
