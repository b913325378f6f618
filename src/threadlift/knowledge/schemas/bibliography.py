"""The bibliography: one record per reference of the fact base."""

from __future__ import annotations

from pydantic import computed_field

from threadlift.knowledge.schemas.common import Frozen, Marks, SourceId, Text
from threadlift.knowledge.vocab import Evidence


class Source(Frozen):
    """A reference, keyed by the fact base's own label (`R1`, `A12`).

    `evidence` grades the kind of publication; `note` says what a reader must know about it
    (not peer-reviewed, vendor-funded, read only in a secondary copy). `marks` carry the fact
    base's caveats on the reference itself (e.g. authors unconfirmed). `preprint` is true for
    work not yet peer-reviewed, so that every figure taken from it can say so. Fields not known
    are left empty rather than guessed.
    """

    id: SourceId
    authors: str | None = None
    year: int | None = None
    title: Text
    journal: str | None = None
    doi: str | None = None
    url: str | None = None
    note: str | None = None
    evidence: Evidence
    preprint: bool = False
    marks: Marks = ()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def sources(self) -> tuple[str, ...]:
        """A reference cites itself, so every exported record carries `sources`."""
        return (self.id,)
