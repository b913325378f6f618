"""The CPD data (data/cpd.yaml), validated once: retention, how a run's hours count, the NMC
Code's themes, the GDC's development outcomes, the regulators' requirements and the accreditor
export's columns. Each figure carries its source id and, where unconfirmed, the (U) mark."""

from __future__ import annotations

import functools
from decimal import Decimal
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

CreditType = Literal["participatory", "self_directed"]
RequirementKind = Literal["cpd_hours", "participatory_hours", "feedback", "reflections", "pdp"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Retention(_Frozen):
    years: int = Field(ge=1, le=50)
    source: str
    evidence: str


class CreditSplit(_Frozen):
    source: str
    evidence: str
    note: str
    hands_on: CreditType
    theory_by_mode: dict[str, CreditType]
    theory_unconfirmed: bool = False

    def split(self, *, mode: str, theory: Decimal, hands_on: Decimal) -> dict[str, Decimal]:
        """Hours of a run by credit type: {participatory, self_directed}, hours to 0.1 h."""
        out = {"participatory": Decimal("0"), "self_directed": Decimal("0")}
        out[self.hands_on] += hands_on
        out[self.theory_by_mode.get(mode, "self_directed")] += theory
        return out


class Choice(_Frozen):
    id: str
    label: str


class Themes(_Frozen):
    source: str
    evidence: str
    themes: tuple[Choice, ...] = ()
    outcomes: tuple[Choice, ...] = ()


class Role(_Frozen):
    id: str
    label: str
    cpd_hours: int | None = None
    source: str | None = None


class Requirement(_Frozen):
    kind: RequirementKind
    need: int | Literal["role"] | None
    label: str
    source: str
    evidence: str
    unconfirmed: bool = False
    note: str = ""


class Note(_Frozen):
    text: str
    source: str


class Regulator(_Frozen):
    id: str
    name: str
    cycle_years: int = Field(ge=1, le=10)
    cycle_source: str
    roles: tuple[Role, ...] = Field(min_length=1)
    requirements: tuple[Requirement, ...] = Field(min_length=1)
    notes: tuple[Note, ...] = ()

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)


class Column(_Frozen):
    header: str
    field: str
    unconfirmed: bool = False

    @property
    def title(self) -> str:
        return f"{self.header} (U)" if self.unconfirmed else self.header


class ExportFormat(_Frozen):
    source: str
    template_source: str | None = None
    evidence: str
    columns: tuple[Column, ...] = Field(min_length=1)


class CpdPolicy(_Frozen):
    retention: Retention
    credit_split: CreditSplit
    code_themes: Themes
    development_outcomes: Themes
    regulators: tuple[Regulator, ...] = Field(min_length=1)
    exports: dict[str, ExportFormat]

    def regulator(self, regulator_id: str) -> Regulator | None:
        return next((r for r in self.regulators if r.id == regulator_id), None)

    def source_ids(self) -> set[str]:
        """Every source id the data cites (checked against the knowledge base by a test)."""
        ids = {self.retention.source, self.credit_split.source}
        ids |= {self.code_themes.source, self.development_outcomes.source}
        for reg in self.regulators:
            ids.add(reg.cycle_source)
            ids |= {r.source for r in reg.requirements} | {n.source for n in reg.notes}
            ids |= {r.source for r in reg.roles if r.source}
        ids |= {e.source for e in self.exports.values()}
        ids |= {e.template_source for e in self.exports.values() if e.template_source}
        return ids


@functools.cache
def cpd_policy() -> CpdPolicy:
    text = resources.files("threadlift.cpd").joinpath("data/cpd.yaml").read_text("utf-8")
    return CpdPolicy.model_validate(yaml.safe_load(text))
