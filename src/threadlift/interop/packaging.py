"""What both exports share: the format rules (data), a reproducible zip, the face image."""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from threadlift.anatomy.faces import template_face
from threadlift.anatomy.svg import assemble, face_drawing
from threadlift.content.regions import zones_in
from threadlift.knowledge.vocab import View

# Every file of a package carries this date: the same content gives the same bytes.
FIXED_DATE = (2020, 1, 1, 0, 0, 0)

STATEMENT = (
    "Threadlift Academy supports clinicians; it does not replace clinical judgement, supervised "
    "hands-on training, or the law and professional rules where you practise."
)


@functools.cache
def formats() -> dict[str, Any]:
    """The format rules of `data/formats.yaml`."""
    text = resources.files("threadlift.interop").joinpath("data/formats.yaml").read_text()
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def asset(name: str) -> str:
    return resources.files("threadlift.interop").joinpath(f"assets/{name}").read_text()


def zip_bytes(files: Iterable[tuple[str, str | bytes]]) -> bytes:
    """A zip of (path, content) in the order given, deflated, with fixed dates."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in files:
            info = zipfile.ZipInfo(path, FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content.encode() if isinstance(content, str) else content)
    return out.getvalue()


@dataclass(frozen=True)
class FaceImage:
    """The template face of a view as a standalone SVG file, without its danger zones."""

    view: str
    svg: str
    left: float  # the viewBox, in face millimetres
    top: float
    width: float
    height: float

    def px(self, x: float, y: float, per_mm: float) -> tuple[int, int]:
        return round((x - self.left) * per_mm), round((y - self.top) * per_mm)


@functools.cache
def face_image(view: View, kb: Any, prefix: str = "qti-") -> FaceImage:
    face = template_face(view)
    drawing = face_drawing(face, zones_in(face.view, kb), show_zones=False, prefix=prefix)
    drawing.notes = ["Template face drawn to scale in millimetres; the answer is not drawn."]
    svg = assemble(drawing, title=f"Template face, {view.replace('-', ' ')} view")
    svg = svg.replace(", with 0 danger zones shown.", ".")
    svg = svg.replace(
        "Zone outlines are published landmark constructions (hover for sources); not for "
        "clinical use without review.",
        "",
    )
    box = svg.split('viewBox="', 1)[1].split('"', 1)[0].split()
    left, top, width, height = (float(v) for v in box)
    return FaceImage(
        view, '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n", left, top, width, height
    )
