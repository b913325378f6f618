"""Thread plans and scores: the plan and score shapes of the DESIGN.md contract."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from threadlift.anatomy.models import Face, Point
from threadlift.knowledge.vocab import DesignId, IndicationId, MaterialId, Plane, View

Severity = Literal["critical", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "critical": 2}


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ProductSpec(Frozen):
    """A thread described inline instead of by knowledge-base product id."""

    material: MaterialId
    design: DesignId
    length_mm: float = Field(gt=0)
    gauge: str = Field(pattern=r"^\d{1,2}G$")


InstrumentKind = Literal["needle", "cannula"]
EntrySkin = Literal["hair_bearing", "non_hair_bearing"]
INSTRUMENT_KINDS: tuple[str, ...] = ("needle", "cannula")
ENTRY_SKINS: tuple[str, ...] = ("hair_bearing", "non_hair_bearing")


class Instrument(Frozen):
    """What carries the thread in: a sharp `needle` or a blunt `cannula`, of a gauge ("23G")."""

    kind: InstrumentKind
    gauge: str | None = Field(default=None, pattern=r"^\d{1,2}G$")


def _plane_optional_with_planes(schema: dict[str, Any]) -> None:
    """In JSON, `plane` may be omitted when `planes` is given (the parser takes planes[-1])."""
    schema["required"] = [k for k in schema.get("required", []) if k != "plane"]
    schema["anyOf"] = [{"required": ["plane"]}, {"required": ["planes"]}]


class Thread(Frozen):
    """One thread: inserted at `entry`, running along `path` in tissue `plane`.

    The thread pulls tissue from its distal end (the last path point) towards its entry,
    which is where a unidirectional barbed thread is fixed.

    `planes` (optional) gives one plane per segment: entry→path[0], path[0]→path[1], …, so
    `len(planes) == len(path)`. With `planes`, `plane` is the last segment's plane (the run
    that holds the tissue; an anchoring segment comes first); without it, `plane` is the
    plane of every segment. `instrument` and `entry_skin` are optional (None: not stated).
    """

    model_config = ConfigDict(
        frozen=True, extra="forbid", json_schema_extra=_plane_optional_with_planes
    )

    product: str | ProductSpec
    entry: Point
    path: tuple[Point, ...] = Field(min_length=1)
    plane: Plane
    planes: tuple[Plane, ...] | None = None
    instrument: Instrument | None = None
    entry_skin: EntrySkin | None = None

    @model_validator(mode="after")
    def _planes_fit_the_path(self) -> Thread:
        if self.planes is not None:
            if len(self.planes) != len(self.path):
                raise ValueError("planes needs one plane per path segment (len(path))")
            if self.plane != self.planes[-1]:
                raise ValueError("plane must be the last segment's plane when planes is given")
        return self

    @property
    def segment_planes(self) -> tuple[Plane, ...]:
        """The plane of each segment (entry→path[0] first)."""
        return self.planes if self.planes is not None else (self.plane,) * len(self.path)


class Plan(Frozen):
    """A thread plan on a face (the template of `view` unless a face is given)."""

    face: Literal["template"] | Face = "template"
    view: View
    indication: IndicationId
    threads: tuple[Thread, ...] = ()


class _Unset:
    """The type of `UNSET`: an argument not passed (None is a value of its own)."""


UNSET = _Unset()


# bound once for Finding.trusted (a model's __new__ is object's): a plan makes dozens of
# findings, where looking these up each time showed in profiles
_new = object.__new__
_set = object.__setattr__


class Finding(Frozen):
    """One result of one rule. `thread` is the 0-based thread index (None: the whole plan)."""

    rule: str
    severity: Severity
    thread: int | None
    zone: str | None = None
    message: str
    sources: tuple[str, ...] = ()

    @classmethod
    def trusted(
        cls,
        *,
        rule: str,
        severity: Severity,
        thread: int | None,
        message: str,
        sources: tuple[str, ...],
        zone: str | _Unset | None = UNSET,
    ) -> Finding:
        """A finding the scorer builds from its own values, already of the declared types
        (strings, an int or None, a tuple of strings): stored without validating them again.

        Validation costs more than the rest of making a finding, and a busy plan has dozens.
        The result equals, hashes and dumps as `Finding(...)` with the same arguments, `zone`
        left unset when it is not passed (tests/core/planning/test_trusted_findings.py)."""
        finding = _new(cls)
        if zone is UNSET:
            zone = None
            given = {"rule", "severity", "thread", "message", "sources"}
        else:
            given = {"rule", "severity", "thread", "message", "sources", "zone"}
        values = {
            "rule": rule,
            "severity": severity,
            "thread": thread,
            "zone": zone,
            "message": message,
            "sources": sources,
        }
        _set(finding, "__dict__", values)
        _set(finding, "__pydantic_fields_set__", given)
        _set(finding, "__pydantic_extra__", None)
        _set(finding, "__pydantic_private__", None)
        return finding


class Score(Frozen):
    """Safety, efficacy and overall on 0–100; `passed` = no critical finding and efficacy met."""

    safety: int = Field(ge=0, le=100)
    efficacy: int = Field(ge=0, le=100)
    overall: int = Field(ge=0, le=100)
    passed: bool
    findings: tuple[Finding, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The contract's score JSON: `zone` appears only on findings that concern a zone."""
        findings = []
        for f in self.findings:
            item: dict[str, Any] = {"rule": f.rule, "severity": f.severity, "thread": f.thread}
            if f.zone is not None:
                item["zone"] = f.zone
            item["message"] = f.message
            item["sources"] = list(f.sources)
            findings.append(item)
        return {
            "safety": self.safety,
            "efficacy": self.efficacy,
            "overall": self.overall,
            "passed": self.passed,
            "findings": findings,
        }
