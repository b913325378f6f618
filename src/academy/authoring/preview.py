"""The preview of an item as a learner would see it, with explanations: the lesson renderer
(`threadlift.content.render`) for every Markdown text, the academy's stated references resolved
and labelled, a hotspot's view drawn with its zones."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from academy.authoring.models import StatedReference
from threadlift.anatomy.svg_paths import geometry_path
from threadlift.content import Case, Lesson, Question, correct_region
from threadlift.content.authored import WithStatedReferences
from threadlift.content.render import RenderError, render_lesson, zones_figure
from threadlift.knowledge import load_knowledge
from threadlift.knowledge.vocab import ZONE_IDS


def _with_answer(svg: str, item: Question) -> str:
    """The drawing with the correct region outlined (green, dashed): where a click scores."""
    assert item.view is not None
    assert item.answer is not None
    region = correct_region(item.view, item.answer, load_knowledge())
    path = geometry_path(region)
    if not path:
        return svg
    overlay = (
        f'<path class="hotspot-answer" d="{path}" fill="#2ca02c" fill-opacity="0.35" '
        'stroke="#1a7a1a" stroke-width="0.8" stroke-dasharray="2 1" fill-rule="evenodd">'
        "<title>Where a click is correct</title></path>"
    )
    return svg.replace("</svg>", overlay + "</svg>", 1) if "</svg>" in svg else svg


@dataclass
class Preview:
    kind: str
    item: Any
    parts: dict[str, SafeString] = field(default_factory=dict)
    options: list[tuple[Any, SafeString]] = field(default_factory=list)  # option, why
    steps: list[tuple[str, Any, SafeString, list[tuple[Any, SafeString]]]] = field(
        default_factory=list
    )  # step id, step, prompt, [(choice, feedback)]
    endings: list[tuple[str, Any, SafeString]] = field(default_factory=list)  # id, ending, text
    figure: SafeString | None = None
    sources: list[tuple[str, str, bool]] = field(default_factory=list)  # id, citation, stated
    unconfirmed: bool = False
    error: str | None = None


def build(kind: str, item: Question | Lesson | Case, references: list[StatedReference]) -> Preview:
    refs = {r.ref_id: r.citation for r in references}
    kb = WithStatedReferences(load_knowledge(), refs)
    preview = Preview(kind=kind, item=item)

    def md(key: str, text: str) -> SafeString:
        rendered = render_lesson(text, kb)
        preview.unconfirmed |= rendered.unconfirmed
        html = re.sub(r'href="[^"#]*#(ACAD-\d+)"', r'href="#ref-\1"', rendered.html)
        preview.parts[key] = mark_safe(html)  # the renderer escapes the source (no raw HTML)
        return preview.parts[key]

    try:
        if isinstance(item, Lesson):
            md("body", item.body)
        elif isinstance(item, Question):
            md("stem", item.stem)
            md("explanation", item.explanation)
            preview.options = [(o, md(f"why_{o.id}", o.why)) for o in item.options]
            if item.view is not None and item.answer is not None:
                zones = tuple(r for r in item.answer.inside if r in ZONE_IDS)
                svg = zones_figure(load_knowledge())(item.view, zones).svg
                preview.figure = mark_safe(_with_answer(svg, item))  # drawn by the anatomy engine
        else:
            md("story", item.story)
            for step_id, step in item.steps.items():
                prompt = md(f"prompt_{step_id}", step.prompt)
                choices = [(c, md(f"feedback_{step_id}_{c.id}", c.feedback)) for c in step.choices]
                preview.steps.append((step_id, step, prompt, choices))
            for ending_id, ending in item.endings.items():
                preview.endings.append((ending_id, ending, md(f"ending_{ending_id}", ending.text)))
    except RenderError as exc:
        preview.error = str(exc)
    for sid in item.sources:
        if sid in refs:
            preview.sources.append((sid, refs[sid], True))
        else:
            try:
                s = load_knowledge().source(sid)
                preview.sources.append((sid, s.title, False))
            except KeyError:
                preview.sources.append((sid, "unknown source", False))
    return preview
