"""The core's SVG drawings (`render_face`, `render_plan`), inline in the simulator's pages.

Test mode draws the face without its danger zones but with the
target area outlined. The result adds the exercise's model answer
as a hidden layer over the same face, shown by the page's "Show the model answer" button.
"""

from __future__ import annotations

from html import escape

from threadlift.anatomy import Face, build_zones, resolve_point
from threadlift.anatomy.svg import render_face
from threadlift.knowledge import load_knowledge
from threadlift.planning import Plan, Score
from threadlift.planning.svg import render_plan, render_target

MODEL_COLOUR = "#2b6cb0"


def face_svg(face: Face, *, show_zones: bool, target: str | None = None) -> str:
    """The face (and its zones when `show_zones`) as inline SVG; viewBox in face mm. With
    `target` (an indication id), its target area is outlined (test mode: the target without
    the danger zones)."""
    zones = build_zones(face, load_knowledge())
    if target is not None:
        return render_target(face, zones, target, show_zones=show_zones, prefix="sim-")
    return render_face(face, zones, show_zones=show_zones, prefix="sim-")


def _model_layer(face: Face, model_answer: Plan) -> str:
    parts = ['<g class="model-answer" data-model-answer hidden><title>Model answer</title>']
    for i, thread in enumerate(model_answer.threads):
        pts = [resolve_point(p, face) for p in (thread.entry, *thread.path)]
        d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        parts.append(
            f'<g data-model-thread="{i}"><title>Model answer, thread {i + 1} '
            f"({escape(thread.plane)})</title>"
            f'<path d="{d}" fill="none" stroke="{MODEL_COLOUR}" stroke-width="1.2" '
            'stroke-dasharray="1.5 1"/>'
            f'<circle cx="{pts[0][0]:.1f}" cy="{pts[0][1]:.1f}" r="1.3" fill="{MODEL_COLOUR}"/>'
            "</g>"
        )
    parts.append("</g>")
    return "\n".join(parts)


def plan_svg(face: Face, plan: Plan, score: Score, model_answer: Plan | None = None) -> str:
    """The face with the plan coloured by its findings, markers where they happened, and the
    model answer as a hidden layer."""
    text = render_plan(face, build_zones(face, load_knowledge()), plan, score, prefix="res-")
    if model_answer is None:
        return text
    head, _, tail = text.rpartition("</svg>")
    return head + _model_layer(face, model_answer) + "\n</svg>" + tail
