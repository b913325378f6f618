"""One revalidation statement: a regulator's requirements against the learner's totals over a
cycle ("32 of 35 hours"). The shell counts; this module compares and words it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from threadlift.cpd.policy import CpdPolicy, Regulator, Requirement


class StatementError(ValueError):
    """The request cannot make a statement; `field` names the input to correct."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class Totals(BaseModel):
    """What the learner's records hold within the cycle (hours in decimal hours)."""

    model_config = ConfigDict(frozen=True)
    cpd_hours: Decimal = Decimal("0")
    participatory_hours: Decimal = Decimal("0")
    feedback: int = 0
    reflections: int = 0
    pdp: int = 0


class Line(BaseModel):
    model_config = ConfigDict(frozen=True)
    kind: str
    label: str
    have: Decimal | int
    need: int | None
    met: bool | None  # None: the regulator sets no figure
    source: str
    unconfirmed: bool
    note: str

    @property
    def text(self) -> str:
        have = _fmt(self.have)
        mark = " (U)" if self.unconfirmed else ""
        if self.need is None:
            return f"{have} {self.label} (no figure set by the regulator){mark}"
        return f"{have} of {self.need} {self.label}{mark}"


class Statement(BaseModel):
    model_config = ConfigDict(frozen=True)
    regulator: Regulator
    role_label: str
    start: dt.date
    end: dt.date
    lines: tuple[Line, ...]

    @property
    def all_met(self) -> bool:
        return all(line.met is not False for line in self.lines)


EARLIEST = dt.date(2000, 1, 1)


def check_request(
    policy: CpdPolicy,
    *,
    regulator_id: str,
    role_id: str,
    start: dt.date,
    end: dt.date,
    today: dt.date,
) -> tuple[Regulator, str]:
    """The regulator and role label asked for, or StatementError naming the field."""
    regulator = policy.regulator(regulator_id)
    if regulator is None:
        known = ", ".join(r.id.upper() for r in policy.regulators)
        raise StatementError("regulator", f"Unknown regulator; choose one of {known}.")
    role = regulator.role(role_id) if role_id else regulator.roles[0]
    if role is None:
        raise StatementError("role", f"Choose a role registered with the {regulator.id.upper()}.")
    if end < start:
        raise StatementError("end", "The cycle must end on or after its start.")
    if start < EARLIEST or end > today.replace(year=today.year + regulator.cycle_years):
        raise StatementError("start", "These dates are out of range.")
    longest = regulator.cycle_years * 366
    if (end - start).days > longest:
        raise StatementError(
            "end", f"A {regulator.id.upper()} cycle lasts {regulator.cycle_years} year(s) at most."
        )
    return regulator, role.label


def build_statement(
    policy: CpdPolicy,
    *,
    regulator_id: str,
    role_id: str,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    totals: Totals,
) -> Statement:
    regulator, role_label = check_request(
        policy, regulator_id=regulator_id, role_id=role_id, start=start, end=end, today=today
    )
    role = regulator.role(role_id) if role_id else regulator.roles[0]
    lines = tuple(
        _line(req, totals, role.cpd_hours if role else None) for req in regulator.requirements
    )
    return Statement(regulator=regulator, role_label=role_label, start=start, end=end, lines=lines)


def _line(req: Requirement, totals: Totals, role_hours: int | None) -> Line:
    have: Decimal | int = getattr(totals, req.kind)
    need = role_hours if req.need == "role" else req.need
    return Line(
        kind=req.kind,
        label=req.label,
        have=have,
        need=need,
        met=None if need is None else have >= need,
        source=req.source,
        unconfirmed=req.unconfirmed,
        note=req.note,
    )


def _fmt(value: Decimal | int) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value == value.to_integral() else f"{value:.1f}"
    return str(value)
