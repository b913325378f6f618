"""Template faces built from published anthropometric norms, and mirroring.

The coordinates and their provenance live in `data/template_faces.yaml`; see its header for the
populations behind each input and the status tags of every coordinate.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any, Literal

import yaml

from threadlift.anatomy.models import XY, Face, FaceSource
from threadlift.knowledge.vocab import View

Sex = Literal["female", "male"]


@functools.cache
def _template_data() -> dict[str, Any]:
    text = resources.files("threadlift.anatomy").joinpath("data/template_faces.yaml").read_text()
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def swap_side(name: str) -> str:
    """`tragion_left` ↔ `tragion_right`; midline names are unchanged."""
    if name.endswith("_left"):
        return name[: -len("_left")] + "_right"
    if name.endswith("_right"):
        return name[: -len("_right")] + "_left"
    return name


def _source(sex: Sex, tags: dict[str, str]) -> FaceSource:
    data = _template_data()
    return FaceSource(
        population=" ".join(data["templates"][sex]["population"].split()),
        sex=sex,
        sources=tuple(data["sources"]),
        note="Composite template; coordinates tagged other than 'ok' rest on unconfirmed inputs.",
        tags={name: tag for name, tag in tags.items() if tag != "ok"},
    )


@functools.cache
def template_face(view: View, sex: Sex = "female") -> Face:
    """The template face for `view` (mm): frontal origin nasion, lateral origin tragion.

    `sex` selects the female (default) or male composite; both are adults. The frontal face
    carries both sides (right = mirror of left); `lateral-right` mirrors `lateral-left`.
    """
    block = _template_data()["templates"][sex]
    if view == "frontal":
        landmarks: dict[str, XY] = {}
        tags: dict[str, str] = {}
        for name, (x, y, tag) in block["frontal"].items():
            if x == 0:
                landmarks[name] = (0.0, float(y))
                tags[name] = str(tag)
                continue
            for side, sign in (("left", 1.0), ("right", -1.0)):
                landmarks[f"{name}_{side}"] = (sign * float(x), float(y))
                tags[f"{name}_{side}"] = str(tag)
        return Face(view="frontal", landmarks=landmarks, source=_source(sex, tags))
    if view == "lateral-right":
        return mirror_face(template_face("lateral-left", sex))
    landmarks = {}
    tags = {}
    paired = set(_template_data()["templates"][sex]["frontal"])
    for name, (x, y, tag) in block["lateral_left"].items():
        is_paired = block["frontal"][name][0] != 0 if name in paired else True
        full = f"{name}_left" if is_paired else name
        landmarks[full] = (float(x), float(y))
        tags[full] = str(tag)
    return Face(view="lateral-left", landmarks=landmarks, source=_source(sex, tags))


_MIRROR_VIEW: dict[View, View] = {
    "frontal": "frontal",
    "lateral-left": "lateral-right",
    "lateral-right": "lateral-left",
}


def mirror_face(face: Face, axis_x: float = 0.0) -> Face:
    """Mirror a face about the vertical line x = `axis_x`: lateral-left ↔ lateral-right.

    Side suffixes swap, so the mirrored face is again anatomically labelled. A frontal face
    stays frontal (the subject's left becomes the viewer's left).
    """
    view = _MIRROR_VIEW[face.view]
    landmarks = {swap_side(n): (2 * axis_x - x, y) for n, (x, y) in face.landmarks.items()}
    source = face.source
    if source is not None:
        source = source.model_copy(
            update={"tags": {swap_side(n): t for n, t in source.tags.items()}}
        )
    return Face(view=view, landmarks=landmarks, source=source)


def translate_face(face: Face, dx: float, dy: float) -> Face:
    """The same face moved by (dx, dy) mm."""
    landmarks = {n: (x + dx, y + dy) for n, (x, y) in face.landmarks.items()}
    # a new model, not model_copy: the cached geometry key must not be carried over
    return Face(view=face.view, landmarks=landmarks, source=face.source)
