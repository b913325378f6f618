"""A lesson (or any curriculum Markdown) as safe HTML, with its citations and directives.

    from threadlift.content.render import render_lesson
    page = render_lesson(lesson, kb)  # page.html, page.sources, page.unconfirmed

Raw HTML in the source is escaped, never passed through. `[R30]` becomes a link to the
bibliography entry; `{{unconfirmed}}` the same "Unconfirmed" badge the reference pages show;
`{{record collection/id}}` the knowledge record with its figures, sources, grade and marks;
`{{figure zones view=V highlight=A,B}}` an inline SVG of the anatomy engine with a caption and a
text alternative; `{{table materials|designs|complications|longevity}}` a table of the knowledge
base. An unknown record, view, zone or table raises `RenderError`. Pure core: no Django.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Any, cast

from markdown_it import MarkdownIt
from pydantic import BaseModel

from threadlift.content.schemas import Lesson
from threadlift.content.text import CITATION, DIRECTIVE

BIBLIOGRAPHY_URL = "/knowledge/bibliography/"
VIEWS = ("frontal", "lateral-left", "lateral-right")

MARKS = {
    "unconfirmed": (
        "Unconfirmed",
        "bad",
        "Not found in any source consulted; verify before relying on it.",
    ),
    "weak-source": ("Weak source", "warn", "Only a secondary or low-quality source supports this."),
    "manufacturer-claim": ("Manufacturer claim", "warn", "Stated by a manufacturer or vendor."),
}
TITLE_FIELDS = ("name", "title", "label", "study", "instruction", "treatment", "heading")
META_FIELDS = {"id", "sources", "evidence", "marks"}

# Columns of `{{table ...}}`: the fields shown, in order (data, not code).
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "materials": ("Thread materials", ("name", "absorbable", "absorption", "tissue_response")),
    "designs": ("Thread designs", ("name", "description", "purpose", "fixation")),
    "complications": ("Complications", ("name", "severity", "onset", "frequency")),
    "longevity": ("How long the effect lasts", ("study", "finding", "participants", "independent")),
}

FigureFn = Callable[[str, tuple[str, ...]], "Figure"]


class RenderError(ValueError):
    """The Markdown names something that does not exist (a record, view, zone or table)."""


@dataclass(frozen=True)
class Figure:
    svg: str  # one inline <svg>, no <style> (the site's CSP forbids inline styles)
    zones: tuple[tuple[str, str, bool], ...]  # (id, name, highlighted) of every zone drawn


@dataclass(frozen=True)
class RenderedLesson:
    html: str
    sources: tuple[str, ...]  # every cited source id, first citation first, no repeats
    unconfirmed: bool  # anything shown is marked unconfirmed


# ------------------------------------------------------------------ small markup helpers


def badge(mark: str) -> str:
    label, tone, title = MARKS[mark]
    return f'<span class="badge {tone} mark" title="{escape(title)}">{label}</span>'


def grade(evidence: str) -> str:
    tone = {"unconfirmed": "bad", "manufacturer": "warn", "expert-opinion": "warn"}.get(
        evidence, "info"
    )
    title, text = "Evidence grade", evidence.replace("-", " ")
    if evidence == "unconfirmed":
        title, text = f"Evidence grade: {MARKS['unconfirmed'][2]}", MARKS["unconfirmed"][0]
    return (
        f'<span class="badge {tone} grade" title="{escape(title)}">'
        f'<span class="sr-only">Evidence grade: </span>{escape(text)}</span>'
    )


class _Renderer:
    def __init__(self, kb: Any, figure: FigureFn, bibliography_url: str) -> None:
        self.kb = kb
        self.figure = figure
        self.bib = bibliography_url
        self.sources: list[str] = []
        self.unconfirmed = False
        self.figures = 0

    # citations and marks ------------------------------------------------------------------

    def cite(self, source_id: str) -> str:
        if source_id not in self.sources:
            self.sources.append(source_id)
        try:
            s = self.kb.source(source_id)
            who = " ".join(p for p in (s.authors, f"({s.year})" if s.year else None) if p)
            title = f"{who}. {s.title}" if who else s.title
        except KeyError:
            raise RenderError(f"unknown source {source_id!r}") from None
        return (
            f'<a class="cite" href="{escape(self.bib)}#{escape(source_id)}" '
            f'title="{escape(title)}">[{escape(source_id)}]</a>'
        )

    def link_citations(self, html: str) -> str:
        return CITATION.sub(
            lambda m: "".join(self.cite(s.strip()) for s in m.group(1).split(",")), html
        )

    def marks(self, values: Iterable[str], evidence: str = "") -> str:
        shown = [v for v in values if v in MARKS and not (v == "unconfirmed" == evidence)]
        if "unconfirmed" in values or evidence == "unconfirmed":
            self.unconfirmed = True
        return " ".join(badge(v) for v in shown)

    def text(self, value: str) -> str:
        return self.link_citations(escape(value))

    def meta(self, record: BaseModel) -> str:
        evidence = str(getattr(record, "evidence", ""))
        marks = self.marks(getattr(record, "marks", ()), evidence)
        cites = "".join(self.cite(s) for s in getattr(record, "sources", ()))
        return (
            f'<p class="record-meta"><span class="meta-label">Evidence:</span> {grade(evidence)}'
            f'{" " + marks if marks else ""} <span class="meta-label">Sources:</span> {cites}</p>'
        )

    # values of any record, data-driven ----------------------------------------------------

    def value(self, value: Any, depth: int = 0) -> str:
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, (int, float)):
            return escape(f"{value:g}")
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, BaseModel):
            return self.model(value, depth)
        if isinstance(value, tuple):
            items = [self.value(v, depth + 1) for v in value]
            if all(isinstance(v, str) and len(v) < 30 for v in value):
                return ", ".join(items)
            return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
        return escape(str(value))

    def model(self, value: BaseModel, depth: int) -> str:
        """A nested figure: its text (or its fields in a line), its source and its marks."""
        data = _fields(value)
        parts: list[str] = []
        main = data.pop("text", None) or data.pop("figure", None)
        if main is not None:
            parts.append(self.text(str(main)))
        source = data.pop("source", None)
        marks = data.pop("marks", ())
        if depth < 3:
            parts += [f"{escape(_label(k))}: {self.value(v, depth + 1)}" for k, v in data.items()]
        out = "; ".join(parts)
        if source:
            out += " " + self.cite(str(source))
        if marks:
            out += " " + self.marks(marks)
        return out

    def record(self, collection: str, record_id: str) -> str:
        try:
            record = self.kb.record(collection, record_id)
        except KeyError:
            raise RenderError(f"no knowledge record {collection}/{record_id}") from None
        data = _fields(record)
        title_field = next((f for f in TITLE_FIELDS if isinstance(data.get(f), str)), None)
        title = str(data.pop(title_field)) if title_field else record_id.replace("_", " ")
        rows = []
        for key, val in data.items():
            if key in META_FIELDS or key.endswith("_marks"):
                continue
            extra = self.marks(data.get(f"{key}_marks", ()))
            shown = self.value(val) + (" " + extra if extra else "")
            rows.append(f"<dt>{escape(_label(key))}</dt><dd>{shown}</dd>")
        return (
            f'<aside class="kb-record" data-record="{escape(collection)}/{escape(record_id)}">'
            f'<p class="kb-record-title"><strong>{self.text(title)}</strong> '
            f'<span class="muted small">({escape(_label(collection))})</span></p>'
            f'<dl class="kb-fields">{"".join(rows)}</dl>{self.meta(record)}</aside>'
        )

    def table(self, collection: str) -> str:
        if collection not in TABLES:
            raise RenderError(f"no table {collection!r}; one of {', '.join(TABLES)}")
        caption, columns = TABLES[collection]
        head = "".join(f'<th scope="col">{escape(_label(c))}</th>' for c in columns)
        rows = []
        for record in getattr(self.kb, collection):
            cells = [
                self.value(getattr(record, c, None))
                if getattr(record, c, None) is not None
                else '<span class="muted">—</span>'
                for c in columns
            ]
            first, rest = cells[0], cells[1:]
            rows.append(
                f'<tr><th scope="row">{first}</th>{"".join(f"<td>{c}</td>" for c in rest)}'
                f"<td>{self.meta(record)}</td></tr>"
            )
        return (
            f'<div class="table-wrap"><table class="kb-table"><caption>{escape(caption)}</caption>'
            f'<thead><tr>{head}<th scope="col">Evidence and sources</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )

    def figure_block(self, options: dict[str, str]) -> str:
        view = options.get("view", "")
        if view not in VIEWS:
            raise RenderError(f"figure: view {view!r} is not one of {', '.join(VIEWS)}")
        highlight = tuple(z for z in options.get("highlight", "").split(",") if z)
        drawn = self.figure(view, highlight)
        missing = [z for z in highlight if z not in {zid for zid, _, _ in drawn.zones}]
        if missing:
            raise RenderError(f"figure: {', '.join(missing)} not drawn in the {view} view")
        self.figures += 1
        n = self.figures
        svg = drawn.svg.replace('id="tl-title"', f'id="fig{n}-title"')
        svg = svg.replace('id="tl-desc"', f'id="fig{n}-desc"')
        svg = svg.replace(
            'aria-labelledby="tl-title tl-desc"', f'aria-labelledby="fig{n}-title fig{n}-desc"'
        )
        names = [name for _, name, lit in drawn.zones if lit]
        caption = f"Danger zones, {view.replace('-', ' ')} view"
        if names:
            caption += ". Highlighted: " + ", ".join(names)
        listing = "".join(
            f"<li>{escape(name)}{' (highlighted)' if lit else ''}</li>"
            for _, name, lit in drawn.zones
        )
        return (
            f'<figure class="lesson-figure">{svg}<figcaption>{escape(caption)}. '
            "Drawn by the anatomy engine on the template face (millimetres); the face outline is a "
            f'drawing aid, not anatomy.<details class="figure-text"><summary>Zones in this drawing '
            f"(text alternative)</summary><ul>{listing}</ul></details></figcaption></figure>"
        )


def _fields(model: BaseModel) -> dict[str, Any]:
    """The model's set fields that carry something (no None, no empty tuples), in order."""
    out: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if value is None or value == () or value == "":
            continue
        out[name] = value
    return out


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


# ------------------------------------------------------------------ the default figure


def zones_figure(kb: Any) -> FigureFn:
    """The anatomy engine's drawing of a view with `highlight` zones emphasised."""

    def draw(view: str, highlight: tuple[str, ...]) -> Figure:
        return _zones_figure(kb, view, highlight)

    return draw


_FIGURES: dict[tuple[int, str, tuple[str, ...]], tuple[Any, Figure]] = {}
_FIGURES_MAX = 256  # views x highlight sets seen in lessons; a bound, not a tuning knob


def _zones_figure(kb: Any, view: str, highlight: tuple[str, ...]) -> Figure:
    # Figures depend on the knowledge base's zones only: a view of it (an academy's stated
    # references, made per request) shares the base's figures instead of adding its own.
    base = getattr(kb, "base", kb)
    key = (id(base), view, highlight)
    hit = _FIGURES.get(key)
    if hit is not None and hit[0] is base:
        return hit[1]
    figure = _draw_zones(base, view, highlight)
    if len(_FIGURES) >= _FIGURES_MAX:
        _FIGURES.clear()
    _FIGURES[key] = (base, figure)
    return figure


def _draw_zones(kb: Any, view: str, highlight: tuple[str, ...]) -> Figure:
    from threadlift.anatomy.faces import template_face
    from threadlift.anatomy.svg import render_face
    from threadlift.anatomy.zones import build_zones

    face = template_face(cast(Any, view))
    zones = build_zones(face, kb)
    # Ids are unique per figure (a page may hold several); presentation attributes only (CSP).
    prefix = f"fig-{view}-{'-'.join(highlight) or 'all'}-".replace("_", "-")
    text = render_face(face, zones, highlight=highlight, prefix=prefix)
    listed = tuple((z.id, z.name, z.id in highlight) for z in zones.zones)
    return Figure(svg=text, zones=listed)


# ------------------------------------------------------------------ the lesson


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(
        ["table", "replacements", "smartquotes"]
    )


def render_lesson(
    lesson_or_markdown: Lesson | str,
    kb: Any,
    *,
    figure: FigureFn | None = None,
    bibliography_url: str = BIBLIOGRAPHY_URL,
) -> RenderedLesson:
    """The Markdown as safe HTML; the cited source ids in order; whether anything is unconfirmed."""
    body = lesson_or_markdown.body if isinstance(lesson_or_markdown, Lesson) else lesson_or_markdown
    r = _Renderer(kb, figure or zones_figure(kb), bibliography_url)
    blocks: list[str] = []

    def directive(m: re.Match[str]) -> str:
        name, words = m.group(1), m.group(2).split()
        args = [w for w in words if "=" not in w]
        options = dict(w.split("=", 1) for w in words if "=" in w)
        if name == "unconfirmed":
            blocks.append(badge("unconfirmed"))
            r.unconfirmed = True
        elif name == "record" and len(args) == 1 and args[0].count("/") == 1:
            blocks.append(r.record(*args[0].split("/")))
        elif name == "figure" and args == ["zones"]:
            blocks.append(r.figure_block(options))
        elif name == "table" and len(args) == 1:
            blocks.append(r.table(args[0]))
        else:
            raise RenderError(f"unknown or malformed directive {m.group(0)!r}")
        return f"TLBLOCK{len(blocks) - 1}X"

    source = DIRECTIVE.sub(directive, body)
    html = r.link_citations(_markdown().render(source))

    def put_back(m: re.Match[str]) -> str:
        return blocks[int(m.group(1))]

    html = re.sub(r"<p>TLBLOCK(\d+)X</p>", put_back, html)
    html = re.sub(r"TLBLOCK(\d+)X", put_back, html)
    return RenderedLesson(html=html, sources=tuple(r.sources), unconfirmed=r.unconfirmed)


def sources_of(lessons: Sequence[RenderedLesson]) -> tuple[str, ...]:
    """Every source of several rendered texts, in first-citation order."""
    seen: dict[str, None] = {}
    for lesson in lessons:
        seen.update(dict.fromkeys(lesson.sources))
    return tuple(seen)
