"""Registration numbers: does a practitioner's number have the shape their register publishes?

A shape check only catches typing mistakes and placeholders before a verifier spends time on the
regulator's public register; a number that fits is not thereby verified. The formats come from
the knowledge base's `registers` collection with their sources and marks (today all
`unconfirmed`, which the pages show).
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from threadlift.knowledge import KnowledgeBase


class RegistrationCheck(BaseModel):
    """The outcome of checking one regulator + number (+ where and what the person practises).

    `number` is the normalised number (spaces removed; upper case where the register has a
    format). `problem` blocks (a number that does not fit a known format, or a missing regulator
    or number); `warnings` are for the verifier (a register of another country or profession).
    """

    model_config = ConfigDict(frozen=True)

    regulator: str
    number: str
    register_id: str | None = None
    register_name: str | None = None
    number_format: str | None = None
    number_example: str | None = None
    problem: str | None = None
    warnings: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.problem is None


def normalise_number(number: str) -> str:
    """Spaces removed and letters upper-cased: `12a 3456e` -> `12A3456E`."""
    return "".join(number.split()).upper()


def check_registration(
    kb: KnowledgeBase,
    *,
    regulator: str,
    number: str,
    jurisdiction: str = "",
    profession: str = "",
) -> RegistrationCheck:
    """Check the shape of `number` for `regulator`; missing details are a problem (fail safe)."""
    regulator = " ".join(regulator.split())
    register = kb.register_named(regulator) if regulator else None
    cleaned = normalise_number(number) if register is not None else number.strip()
    base = {"regulator": regulator, "number": cleaned}
    if not regulator or not cleaned:
        missing = "regulator" if not regulator else "registration number"
        return RegistrationCheck(**base, problem=f"No {missing} is given.")
    if register is None:
        return RegistrationCheck(**base)
    details = {
        "register_id": register.id,
        "register_name": register.name,
        "number_format": register.number_format,
        "number_example": register.number_example,
        "sources": register.sources,
        "marks": register.marks,
    }
    warnings = []
    country = jurisdiction.strip().upper().partition("-")[0]
    if country and country not in register.countries:
        warnings.append(
            f"{register.name} registers practitioners in {', '.join(register.countries)}, "
            f"not in {country}."
        )
    if profession and profession not in register.professions:
        warnings.append(f"{register.name} does not register this profession.")
    problem = None
    if register.number_pattern and not re.fullmatch(register.number_pattern, cleaned):
        problem = (
            f"{register.names[0]} numbers are {register.number_format} "
            f"(for example {register.number_example})."
        )
    return RegistrationCheck(**base, **details, problem=problem, warnings=tuple(warnings))
