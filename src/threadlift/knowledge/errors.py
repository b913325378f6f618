"""Problems found in the knowledge data, and the error that carries all of them."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict


class Problem(BaseModel):
    """One problem: the data file, the record id (`-` for the whole file), the field path
    (dotted, `-` for the whole record) and what is wrong."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str
    record_id: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record_id}: {self.field}: {self.message}"


class KnowledgeError(KeyError):
    """Invalid knowledge data (every problem found), or a lookup of an id that does not exist.

    A subclass of KeyError so that `except KeyError` around a lookup works as with a dict.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)
