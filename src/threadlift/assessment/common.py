"""Shared output pieces of the assessment engine: frozen models and citation fields."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from threadlift.knowledge.vocab import Evidence, Mark


class Frozen(BaseModel):
    """Base of every result model: immutable and closed."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Cited(Frozen):
    """A statement's provenance: bibliography ids, evidence grade and the fact base's marks."""

    sources: tuple[str, ...]
    evidence: Evidence
    marks: tuple[Mark, ...] = ()


class InputProblem(ValueError):
    """Bad input to the engine, naming each offending field (dotted path) and what is wrong."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{field}: {message}" for field, message in problems))

    @property
    def field(self) -> str:
        return self.problems[0][0]

    @property
    def message(self) -> str:
        return "; ".join(message for _, message in self.problems)


def unique(items: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Items in first-seen order without repeats."""
    return tuple(dict.fromkeys(items))
