"""Danger zones: where a thread can injure a nerve, an artery or the parotid duct."""

from __future__ import annotations

from pydantic import Field, model_validator

from threadlift.knowledge.schemas.common import CitedFigure, Marks, Record, Text
from threadlift.knowledge.vocab import PLANES, Plane, StructureType, View, ZoneId


class DangerZone(Record):
    """A facial danger zone.

    `structure` is what is at risk; `planes_at_risk` the tissue planes in which a thread can
    reach it; `depth_note` where in depth it runs; `construction` the surface construction in
    words; `depth_marks` are caveats on the planes and depth (the fact base rarely states a
    plane, so mapping the anatomy onto the five planes is often ours); `measurements` the
    published numbers, each with its source and caveats; `deficit`
    what the patient loses if it is injured; `views` the views in which it is drawn. `no_go`
    marks a region no thread may enter in any plane (its `planes_at_risk` are every plane).
    """

    id: ZoneId
    name: Text
    seckel_zone: int | None = Field(default=None, ge=1, le=7)
    structure: Text
    structure_type: StructureType
    planes_at_risk: tuple[Plane, ...] = Field(min_length=1)
    depth_note: Text
    depth_marks: Marks = ()
    construction: Text
    measurements: tuple[CitedFigure, ...] = ()
    deficit: Text
    views: tuple[View, ...] = Field(min_length=1)
    no_go: bool = False

    @model_validator(mode="after")
    def _no_go_is_every_plane(self) -> DangerZone:
        if self.no_go and set(self.planes_at_risk) != set(PLANES):
            raise ValueError("a no-go region is at risk in every plane: list them all")
        return self
