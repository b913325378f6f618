"""The WBA forms and scales as frozen pydantic models, loaded from `data/forms.yaml`."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, model_validator

from threadlift.knowledge import load_knowledge
from threadlift.knowledge.vocab import Evidence, Mark

FormId = Literal["cbd", "mini_cex", "msf", "patient"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def unconfirmed(marks: tuple[Mark, ...]) -> bool:
    return "unconfirmed" in marks


class Point(_Frozen):
    """One point of a scale: its value, its anchor wording and the band it falls in."""

    value: int
    label: str
    band: str


class Scale(_Frozen):
    id: str
    name: str
    points: tuple[Point, ...]
    not_observed: str
    note: str
    sources: tuple[str, ...]
    evidence: Evidence
    marks: tuple[Mark, ...] = ()

    @property
    def low(self) -> int:
        return min(p.value for p in self.points)

    @property
    def high(self) -> int:
        return max(p.value for p in self.points)

    @property
    def unconfirmed(self) -> bool:
        return unconfirmed(self.marks)

    def point(self, value: int) -> Point | None:
        return next((p for p in self.points if p.value == value), None)


class Domain(_Frozen):
    id: str
    label: str
    marks: tuple[Mark, ...] = ()

    @property
    def unconfirmed(self) -> bool:
        return unconfirmed(self.marks)


class FormSpec(_Frozen):
    """A WBA form. `case`: whether it concerns one logbook case (required, optional or none);
    `assessor`: who completes it; `overall`: the domain that is the global rating
    (`overall_item` scoring), or none when the result is the CARE sum (`care_sum`)."""

    id: FormId
    name: str
    purpose: str
    case: Literal["required", "optional", "none"]
    assessor: Literal["clinician", "colleague", "patient"]
    scale: str
    overall: str | None
    scoring: Literal["overall_item", "care_sum"]
    domains: tuple[Domain, ...]
    sources: tuple[str, ...]
    evidence: Evidence
    marks: tuple[Mark, ...] = ()

    @property
    def unconfirmed(self) -> bool:
        return unconfirmed(self.marks)

    @model_validator(mode="after")
    def _overall_is_a_domain(self) -> FormSpec:
        ids = [d.id for d in self.domains]
        if len(set(ids)) != len(ids):
            raise ValueError(f"{self.id}: domain ids repeat")
        if self.scoring == "overall_item" and self.overall not in ids:
            raise ValueError(f"{self.id}: the overall item must be one of its domains")
        return self


class WbaCatalogue(_Frozen):
    scales: tuple[Scale, ...]
    forms: tuple[FormSpec, ...]

    def form(self, form_id: str) -> FormSpec:
        for form in self.forms:
            if form.id == form_id:
                return form
        raise KeyError(form_id)

    def scale_of(self, form: FormSpec) -> Scale:
        return next(s for s in self.scales if s.id == form.scale)

    def overall_range(self, form: FormSpec) -> tuple[int, int]:
        """The range of a form's overall result: its scale's, or the CARE sum's (items x points)."""
        scale = self.scale_of(form)
        if form.scoring == "care_sum":
            return scale.low * len(form.domains), scale.high * len(form.domains)
        return scale.low, scale.high

    @model_validator(mode="after")
    def _scales_exist(self) -> WbaCatalogue:
        known = {s.id for s in self.scales}
        for form in self.forms:
            if form.scale not in known:
                raise ValueError(f"{form.id}: unknown scale {form.scale}")
        return self


def parse_forms(text: str, source_ids: set[str]) -> WbaCatalogue:
    """Validate the forms file; every cited source must be in the bibliography."""
    catalogue = WbaCatalogue.model_validate(yaml.safe_load(text))
    records: list[Scale | FormSpec] = [*catalogue.scales, *catalogue.forms]
    for record in records:
        missing = set(record.sources) - source_ids
        if missing or not record.sources:
            raise ValueError(f"{record.id}: unknown or missing sources {sorted(missing)}")
    return catalogue


@lru_cache(maxsize=1)
def load_forms() -> WbaCatalogue:
    text = resources.files("threadlift.wba").joinpath("data/forms.yaml").read_text("utf-8")
    return parse_forms(text, {s.id for s in load_knowledge().sources})
