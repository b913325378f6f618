"""Face variants: the template faces plus faces generated from the anthropometric norms.

The norms, the limits and the list of variants are data (`data/variants.yaml`, citing the
anthropometry sources); this module only moves landmarks, deterministically. Landmarks move
piecewise (vertical thirds independently, face, temple and jaw widths by landmark group, the
profile depth with face height, gonion by the gonial angle, the antegonial notch by the
facial-artery crossing), so every zone built from them by `build_zones` follows the face, and
anchored plan points resolve on the variant.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable
from importlib import resources
from typing import Literal

import yaml
from pydantic import Field

from threadlift.anatomy.faces import Sex, mirror_face, swap_side, template_face
from threadlift.anatomy.models import XY, Face, Frozen
from threadlift.knowledge.vocab import View

MeasurementId = Literal[
    "upper_third",
    "middle_third",
    "lower_third",
    "bizygomatic",
    "bitemporal",
    "bigonial",
    "gonial_angle",
    "facial_artery",
]


class Norm(Frozen):
    mean: float
    sd: float = Field(gt=0)


class Measurement(Frozen):
    pair: str
    female: Norm
    male: Norm
    sources: tuple[str, ...] = Field(min_length=1)
    status: str

    def norm(self, sex: Sex) -> Norm:
        return self.female if sex == "female" else self.male


class SideMeans(Frozen):
    left: float
    right: float


class VariantSpec(Frozen):
    """One variant: the sex, offsets in SD units, published side values, mirroring."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    sex: Sex
    params: dict[MeasurementId, float] = Field(default_factory=dict)
    sides: Literal["template", "published"] = "template"
    mirrored: bool = False
    description: str


class VariantData(Frozen):
    sources: tuple[str, ...]
    max_sd: float = Field(gt=0)
    max_sd_status: str
    measurements: dict[MeasurementId, Measurement]
    facial_artery_side: dict[Sex, SideMeans]
    variants: tuple[VariantSpec, ...]


@functools.cache
def variant_data() -> VariantData:
    """The validated contents of `data/variants.yaml`."""
    text = resources.files("threadlift.anatomy").joinpath("data/variants.yaml").read_text()
    data = VariantData.model_validate(yaml.safe_load(text))
    for spec in data.variants:
        for name, value in spec.params.items():
            if abs(value) > data.max_sd:
                raise ValueError(f"variants.yaml: {spec.id}.{name}: beyond ±{data.max_sd} SD")
    ids = [v.id for v in data.variants]
    if len(set(ids)) != len(ids):
        raise ValueError("variants.yaml: variant ids must be unique")
    return data


def _spec(face_id: str) -> VariantSpec:
    for spec in variant_data().variants:
        if spec.id == face_id:
            return spec
    raise KeyError(f"unknown face {face_id!r}")


def face_ids(view: View) -> tuple[str, ...]:
    """The stable ids of the faces offered in `view` (every variant exists in every view)."""
    return tuple(v.id for v in variant_data().variants)


def describe(face_id: str) -> str:
    """A short description for the UI, e.g. "Male, wide square jaw (bigonial +1 SD, …)"."""
    return _spec(face_id).description


def variant_face(face_id: str, view: View) -> Face:
    """The face `face_id` in `view` (mm). Raises KeyError for an unknown id."""
    return _variant_cached(face_id, view)


@functools.cache
def _variant_cached(face_id: str, view: View) -> Face:
    return build_variant(_spec(face_id), view)


# ---------------------------------------------------------------- the generator


def target(spec: VariantSpec, name: MeasurementId) -> float:
    """The value of measurement `name` on the variant: the mean + offset × SD."""
    norm = variant_data().measurements[name].norm(spec.sex)
    return norm.mean + spec.params.get(name, 0.0) * norm.sd


def _artery(spec: VariantSpec, side: Literal["left", "right"]) -> float:
    """The facial-artery crossing (mm from the angle along the border) on one side."""
    if spec.sides == "template":
        return target(spec, "facial_artery")
    means = variant_data().facial_artery_side[spec.sex]
    if spec.mirrored:
        side = "right" if side == "left" else "left"
    return means.left if side == "left" else means.right


def build_variant(spec: VariantSpec, view: View) -> Face:
    """The face of `spec` in `view`; the unchanged template when nothing is varied."""
    if not spec.params and spec.sides == "template":
        return _relabel(template_face(view, spec.sex), spec, ())
    if view == "frontal":
        face, moved = _frontal(spec)
    elif view == "lateral-left":
        face, moved = _lateral(spec, _artery(spec, "left"))
    else:  # the right side, drawn as the mirror image of a left profile with its values
        left, moved = _lateral(spec, _artery(spec, "right"))
        face = mirror_face(left)
        moved = tuple(swap_side(n) for n in moved)
    return _relabel(face, spec, moved)


def _relabel(face: Face, spec: VariantSpec, moved: tuple[str, ...]) -> Face:
    source = face.source
    if source is not None:
        tags = dict(source.tags)
        for name in moved:
            tags[name] = " ".join(dict.fromkeys([*tags.get(name, "").split(), "D"]))
        source = source.model_copy(
            update={
                "sources": tuple(dict.fromkeys([*source.sources, *variant_data().sources])),
                "note": f"{spec.description}. {source.note}",
                "tags": tags,
            }
        )
    return Face(view=face.view, landmarks=dict(face.landmarks), source=source)


def _vertical(spec: VariantSpec, base: Face) -> Callable[[float], float]:
    """y (frontal, origin nasion) → y on the variant: the three thirds scale independently."""
    tr, sn, me = (base.landmarks[n][1] for n in ("trichion", "subnasale", "menton"))
    upper = target(spec, "upper_third") / -tr
    middle = target(spec, "middle_third") / sn
    lower = target(spec, "lower_third") / (me - sn)
    new_sn = sn * middle

    def f(y: float) -> float:
        if y < 0:
            return y * upper
        if y <= sn:
            return y * middle
        return new_sn + (y - sn) * lower

    return f


_WIDTH_GROUPS: dict[str, MeasurementId] = {
    "zygion": "bizygomatic",
    "tragion": "bizygomatic",
    "intertragic_notch": "bizygomatic",
    "otobasion_inferius": "bizygomatic",
    "frontotemporale": "bitemporal",
    "gonion": "bigonial",
    "antegonial_notch": "bigonial",
    "mandible_border_mid": "bigonial",
}


def _base_name(name: str) -> str:
    for suffix in ("_left", "_right"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _frontal(spec: VariantSpec) -> tuple[Face, tuple[str, ...]]:
    base = template_face("frontal", spec.sex)
    vmap = _vertical(spec, base)
    data = variant_data()
    ratio = {
        group: target(spec, group) / data.measurements[group].norm(spec.sex).mean
        for group in ("bizygomatic", "bitemporal", "bigonial")
    }
    landmarks: dict[str, XY] = {}
    for name, (x, y) in base.landmarks.items():
        group = _WIDTH_GROUPS.get(_base_name(name))
        landmarks[name] = (x * ratio[group] if group else x, vmap(y))
    template_artery = data.measurements["facial_artery"].norm(spec.sex).mean
    for side in ("left", "right"):
        # the notch slides along the jaw contour (gonion → notch → border mid → menton) in
        # proportion to the crossing distance; at the template distance it stays put
        chain = [
            landmarks[f"gonion_{side}"],
            landmarks[f"antegonial_notch_{side}"],
            landmarks[f"mandible_border_mid_{side}"],
            landmarks["menton"],
        ]
        s = math.dist(chain[0], chain[1]) * _artery(spec, side) / template_artery
        landmarks[f"antegonial_notch_{side}"] = _along(chain, s)
    moved = tuple(n for n, xy in landmarks.items() if xy != base.landmarks[n])
    return Face(view="frontal", landmarks=landmarks, source=base.source), moved


def _along(chain: list[XY], s: float) -> XY:
    for a, b in itertools.pairwise(chain):
        seg = math.dist(a, b)
        if s <= seg or b is chain[-1]:
            k = s / seg if seg else 0.0
            return (a[0] + k * (b[0] - a[0]), a[1] + k * (b[1] - a[1]))
        s -= seg
    return chain[-1]  # pragma: no cover


def gonial_angle(face: Face, side: str = "left") -> float:
    """The angle tragion–gonion–menton (degrees) of a lateral face."""
    t, g, m = (face.landmarks[n] for n in (f"tragion_{side}", f"gonion_{side}", "menton"))
    return _angle(t, g, m)


def _angle(t: XY, g: XY, m: XY) -> float:
    a = math.atan2(t[1] - g[1], t[0] - g[0])
    b = math.atan2(m[1] - g[1], m[0] - g[0])
    d = abs(math.degrees(a - b)) % 360
    return 360 - d if d > 180 else d


def _lateral(spec: VariantSpec, artery_mm: float) -> tuple[Face, tuple[str, ...]]:
    base = template_face("lateral-left", spec.sex)
    frontal = template_face("frontal", spec.sex)
    vmap = _vertical(spec, frontal)
    v_t = frontal.landmarks["tragion_left"][1]  # tragion below nasion (the lateral origin)
    n_gn = frontal.landmarks["menton"][1]
    depth = (vmap(n_gn) - vmap(0.0)) / n_gn  # profile depth scales with face height
    landmarks: dict[str, XY] = {
        name: (x * depth, vmap(y + v_t) - vmap(v_t)) for name, (x, y) in base.landmarks.items()
    }
    t = landmarks["tragion_left"]
    me = landmarks["menton"]
    gy = landmarks["gonion_left"][1]
    angle = target(spec, "gonial_angle")
    lo, hi = -60.0, 40.0  # the angle grows as gonion moves anterior (x decreases)
    for _ in range(60):
        mid = (lo + hi) / 2
        if _angle(t, (mid, gy), me) > angle:
            lo = mid
        else:
            hi = mid
    go = ((lo + hi) / 2, gy)
    length = math.dist(go, me)
    ux, uy = (me[0] - go[0]) / length, (me[1] - go[1]) / length
    landmarks["gonion_left"] = go
    landmarks["antegonial_notch_left"] = (go[0] + artery_mm * ux, go[1] + artery_mm * uy)
    landmarks["mandible_border_mid_left"] = ((go[0] + me[0]) / 2, (go[1] + me[1]) / 2)
    moved = tuple(n for n, xy in landmarks.items() if xy != base.landmarks[n])
    return Face(view="lateral-left", landmarks=landmarks, source=base.source), moved


def measurements(face: Face) -> dict[str, float]:
    """The variant-generator's measurements read back from a face (for tests and the UI)."""
    lm = face.landmarks
    out: dict[str, float] = {}
    if face.view == "frontal":
        out["upper_third"] = lm["nasion"][1] - lm["trichion"][1]
        out["middle_third"] = lm["subnasale"][1] - lm["nasion"][1]
        out["lower_third"] = lm["menton"][1] - lm["subnasale"][1]
        out["bizygomatic"] = lm["zygion_left"][0] - lm["zygion_right"][0]
        out["bitemporal"] = lm["frontotemporale_left"][0] - lm["frontotemporale_right"][0]
        out["bigonial"] = lm["gonion_left"][0] - lm["gonion_right"][0]
        return out
    side = "left" if face.view == "lateral-left" else "right"
    out["gonial_angle"] = gonial_angle(face, side)
    out["facial_artery"] = math.dist(lm[f"gonion_{side}"], lm[f"antegonial_notch_{side}"])
    return out
