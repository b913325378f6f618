"""Faces and points: the coordinate contract of DESIGN.md in frozen pydantic models.

Units are millimetres. Axes are image-like: x to the viewer's right, y down. In the frontal
view the subject's left side is on the viewer's right (x > 0 when the origin is the nasion);
in `lateral-left` the face looks to the viewer's left (anterior = -x), in `lateral-right` to
the viewer's right (anterior = +x).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from threadlift.knowledge.vocab import View

LandmarkName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
XY = tuple[float, float]

PAIRED_LANDMARKS: tuple[str, ...] = (
    "alare",
    "endocanthion",
    "exocanthion",
    "pupil",
    "orbitale",
    "brow_tail",
    "brow_head",
    "frontotemporale",
    "zygion",
    "tragion",
    "intertragic_notch",
    "otobasion_inferius",
    "gonion",
    "cheilion",
    "antegonial_notch",
    "mandible_border_mid",
)
"""Contract landmarks that exist once per side (`<name>_left`, `<name>_right`)."""

MIDLINE_LANDMARKS: tuple[str, ...] = (
    "trichion",
    "glabella",
    "nasion",
    "pronasale",
    "subnasale",
    "stomion",
    "labrale_superius",
    "labrale_inferius",
    "pogonion",
    "gnathion",
    "menton",
)
"""Contract landmarks on the midline (no side suffix)."""


def contract_landmarks(view: View) -> tuple[str, ...]:
    """The contract landmark names visible in `view` (both sides in frontal, one in profile)."""
    if view == "frontal":
        sides: tuple[str, ...] = ("left", "right")
    else:
        sides = ("left",) if view == "lateral-left" else ("right",)
    paired = tuple(f"{name}_{side}" for name in PAIRED_LANDMARKS for side in sides)
    return MIDLINE_LANDMARKS + paired


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FaceSource(Frozen):
    """Where a template face comes from: population, sex, sources and weak coordinates.

    `unconfirmed` names the landmarks whose coordinates rest on at least one unconfirmed input
    (anthropometry.md tags [U], [D] of unconfirmed inputs, [MP], [S], [n=1] or [P?]), with the
    tags that apply.
    """

    population: str
    sex: Literal["female", "male"]
    sources: tuple[str, ...]
    note: str
    tags: dict[str, str] = Field(default_factory=dict)


class Face(Frozen):
    """Named landmarks (mm) of one face in one view."""

    view: View
    landmarks: dict[LandmarkName, XY] = Field(min_length=1)
    source: FaceSource | None = None

    def __hash__(self) -> int:
        # Hashable so that zones can be cached per face. Computed each time (no cached value
        # that model_copy could carry over); consistent with the field-wise __eq__.
        return hash((self.view, frozenset(self.landmarks.items())))

    @property
    def anterior_sign(self) -> float:
        """+1 when anterior is +x (lateral-right), -1 for lateral-left; 0 in the frontal view."""
        return {"frontal": 0.0, "lateral-left": -1.0, "lateral-right": 1.0}[self.view]

    def midline_x(self) -> float:
        """x of the facial midline in the frontal view (mean x of the midline landmarks)."""
        # Not cached on the instance: model_copy(update=...) would carry a stale value over.
        xs = [self.landmarks[n][0] for n in MIDLINE_LANDMARKS if n in self.landmarks]
        return sum(xs) / len(xs) if xs else 0.0


class AnchoredPoint(Frozen):
    """A point given relative to a landmark in anatomical directions (mm).

    `anterior_mm` applies in lateral views, `medial_mm` in the frontal view (towards the
    midline); `superior_mm` in both. Negative values mean posterior, lateral, inferior.
    """

    landmark: LandmarkName
    anterior_mm: float | None = None
    medial_mm: float | None = None
    superior_mm: float = 0.0


class BetweenPoint(Frozen):
    """The point at fraction `t` of the way from the first landmark to the second.

    `normal_mm` (an extension used by zone constructions) moves the point perpendicular to
    the line, towards superior; negative values move it inferior.
    """

    between: tuple[LandmarkName, LandmarkName]
    t: float
    normal_mm: float = 0.0


Point = XY | AnchoredPoint | BetweenPoint
"""Any of the three point forms of the contract."""
