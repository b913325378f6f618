"""The core's SVG drawings, made fit to sit inline in a page under our CSP.

The core's SVG carries its own `<style>` element; the page's policy (`style-src 'self'`) does
not run inline styles, so the element is taken out and served as a stylesheet (`face_css`),
scoped to `.sim-face`. Test mode draws the face without its danger zones.
"""

from __future__ import annotations

import functools
import re
from html import escape

from threadlift.anatomy import Face, build_zones, resolve_point, svg
from threadlift.knowledge import load_knowledge
from threadlift.planning import Plan, Score

_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_ZONE_GROUP = re.compile(r'<g class="zone-group"[^>]*>.*?</g>', re.S)
_IDS = re.compile(r'\b(id|aria-labelledby)="([^"]*)"')


def _inline(text: str, prefix: str) -> str:
    """Without its `<style>`; element ids prefixed so two drawings on a page do not clash."""
    text = _STYLE.sub("", text)

    def rename(m: re.Match[str]) -> str:
        ids = " ".join(f"{prefix}-{i}" for i in m.group(2).split())
        return f'{m.group(1)}="{ids}"'

    return _IDS.sub(rename, text)


def face_svg(face: Face, *, show_zones: bool, prefix: str = "sim") -> str:
    """The face (and its zones when `show_zones`) as inline SVG; viewBox in face mm."""
    text = svg.render(face, build_zones(face, load_knowledge()))
    if not show_zones:
        text = _ZONE_GROUP.sub("", text)
    return _inline(text, prefix)


def plan_svg(face: Face, plan: Plan, score: Score, model_answer: Plan | None = None) -> str:
    """The face with the plan coloured by its findings, and the model answer as a hidden layer
    (shown by the page's "Show the model answer" button)."""
    text = _inline(svg.render(face, build_zones(face, load_knowledge()), plan, score), "res")
    if model_answer is None:
        return text
    parts = ['<g class="model-answer" data-model-answer hidden><title>Model answer</title>']
    for i, thread in enumerate(model_answer.threads):
        pts = [resolve_point(p, face) for p in (thread.entry, *thread.path)]
        d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        parts.append(
            f'<g data-model-thread="{i}"><title>Model answer thread {i + 1} '
            f"({escape(thread.plane)})</title>"
            f'<path d="{d}" fill="none" stroke="#2b6cb0" stroke-width="1.2" '
            'stroke-dasharray="1.5 1"/>'
            f'<circle cx="{pts[0][0]:.1f}" cy="{pts[0][1]:.1f}" r="1.3" fill="#2b6cb0"/></g>'
        )
    parts.append("</g>")
    return text.replace("</svg>", "\n".join(parts) + "\n</svg>")


@functools.cache
def face_css() -> str:
    """The core drawing's own style rules, each scoped to `.sim-face`."""
    from threadlift.anatomy import template_face

    found = _STYLE.search(
        svg.render(
            template_face("frontal"), build_zones(template_face("frontal"), load_knowledge())
        )
    )
    rules = found.group(1) if found else ""
    out = []
    for rule in rules.split("}"):
        if "{" not in rule:
            continue
        selectors, body = rule.split("{", 1)
        scoped = ",".join(f".sim-face {s.strip()}" for s in selectors.split(",") if s.strip())
        out.append(f"{scoped}{{{body.strip()}}}")
    return "\n".join(out) + "\n"
