"""The HTML pages of a package: a page frame, cited text, the sources page (pure core)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from threadlift.content.render import MARKS, badge, grade, render_lesson
from threadlift.interop.packaging import STATEMENT

SOURCES_PAGE = "sources.html"


def page(title: str, body: str, *, kind: str, root: str = "", done: str = "") -> str:
    """A complete page: the package's own stylesheet and script, nothing from outside."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        f'<link rel="stylesheet" href="{root}assets/package.css">'
        f'<script src="{root}assets/sco.js" defer></script></head>'
        f'<body data-sco="{kind}"'
        + (f' data-done="{escape(done)}"' if done else "")
        + f"><main>{body}"
        f'<p class="statement">{escape(STATEMENT)}</p></main></body></html>\n'
    )


def cited(text: str, kb: Any) -> tuple[str, tuple[str, ...], bool]:
    """A short text (a stem, an option) as HTML with its citations linked to the sources page,
    the sources it cites, and whether it is marked unconfirmed."""
    rendered = render_lesson(text, kb, bibliography_url=SOURCES_PAGE)
    html = rendered.html.strip()
    if html.count("<p>") == 1 and html.startswith("<p>") and html.endswith("</p>"):
        html = html[3:-4]
    return html, rendered.sources, rendered.unconfirmed


def unconfirmed_note() -> str:
    return f'<p class="note">{badge("unconfirmed")} {escape(MARKS["unconfirmed"][2])}</p>'


def source_list(ids: Iterable[str], kb: Any) -> str:
    """The sources as the bibliography shows them: who, title, where, evidence grade, marks."""
    rows = []
    for source_id in ids:
        s = kb.source(source_id)
        who = " ".join(p for p in (s.authors, f"({s.year})" if s.year else None) if p)
        where = [getattr(s, "journal", None), getattr(s, "doi", None) and f"doi:{s.doi}"]
        if getattr(s, "url", None):
            where.append(s.url)  # as text: the package links to nothing outside itself
        evidence = getattr(s, "evidence", None)
        meta = grade(str(evidence)) if evidence else ""
        marks = " ".join(badge(m) for m in getattr(s, "marks", ()) if m in MARKS)
        note = (
            f'<br><span class="small">{escape(s.note)}</span>' if getattr(s, "note", None) else ""
        )
        rows.append(
            f'<li id="{escape(source_id)}"><strong>[{escape(source_id)}]</strong> '
            f"{escape(who + '. ' if who else '')}{escape(s.title)}"
            f"{escape('. ' + '. '.join(w for w in where if w)) if any(where) else ''} "
            f"{meta} {marks}{note}</li>"
        )
    return '<ol class="sources">' + "".join(rows) + "</ol>"


def sources_page(ids: Sequence[str], kb: Any, title: str) -> str:
    body = (
        f"<h1>Sources</h1><p>Every source cited in {escape(title)}, with the grade of its "
        "evidence and the marks the platform shows.</p>" + source_list(ids, kb)
    )
    return page(f"Sources: {title}", body, kind="asset")


def strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)
