"""Face variants: the template faces and faces generated from the anthropometric norms."""

from __future__ import annotations

from threadlift.anatomy.faces import template_face
from threadlift.anatomy.models import Face
from threadlift.knowledge.vocab import View

_TEMPLATES = {"female": "Female (template)", "male": "Male (template)"}


def face_ids(view: View) -> tuple[str, ...]:
    """The stable ids of the faces an exercise in `view` may be attempted on."""
    return tuple(_TEMPLATES)


def variant_face(face_id: str, view: View) -> Face:
    """The face `face_id` in `view`; KeyError for an unknown id."""
    if face_id not in _TEMPLATES:
        raise KeyError(f"unknown face {face_id!r}")
    return template_face(view, "male" if face_id == "male" else "female")


def describe(face_id: str) -> str:
    """A short description for the UI."""
    return _TEMPLATES[face_id]
