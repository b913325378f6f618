"""Conflict-of-interest declarations and the default learner evaluation (data/accreditation.yaml).

The rules are pure: which declared relationships fall in the look-back window, which are relevant
to a course (its product companies) and lack a mitigation, whether a declaration is still
current, and which relationships overlap. The figures (24 months, 12 months) are data with
sources, never constants here.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Months(_Frozen):
    months: int = Field(ge=1, le=120)
    sources: tuple[str, ...] = Field(min_length=1)
    evidence: str
    note: str

    @property
    def unconfirmed(self) -> bool:
        return self.evidence == "unconfirmed"


class Cited(_Frozen):
    sources: tuple[str, ...] = Field(min_length=1)
    evidence: str
    note: str


class Choice(_Frozen):
    id: str
    label: str


class RelationshipTypes(_Frozen):
    sources: tuple[str, ...] = Field(min_length=1)
    evidence: str
    values: tuple[Choice, ...] = Field(min_length=1)

    def label(self, kind: str) -> str:
        return next((c.label for c in self.values if c.id == kind), kind)


class DisclosurePolicy(_Frozen):
    lookback: Months
    current: Months
    mitigation: Cited
    relationship_types: RelationshipTypes


class ScalePoint(_Frozen):
    value: int
    label: str


class DefaultQuestion(_Frozen):
    kind: str = Field(pattern="^(scale|yes_no|text)$")
    text: str
    sources: tuple[str, ...] = Field(min_length=1)


class EvaluationPolicy(_Frozen):
    sources: tuple[str, ...] = Field(min_length=1)
    evidence: str
    note: str
    scale: tuple[ScalePoint, ...] = Field(min_length=2)
    default_questions: tuple[DefaultQuestion, ...] = Field(min_length=1)


class AccreditationPolicy(_Frozen):
    disclosure: DisclosurePolicy
    evaluation: EvaluationPolicy

    def source_ids(self) -> set[str]:
        d = self.disclosure
        ids = {*d.lookback.sources, *d.current.sources, *d.mitigation.sources}
        ids |= {*d.relationship_types.sources, *self.evaluation.sources}
        for q in self.evaluation.default_questions:
            ids |= set(q.sources)
        return ids


@functools.cache
def accreditation_policy() -> AccreditationPolicy:
    text = resources.files("threadlift.catalog").joinpath("data/accreditation.yaml").read_text()
    return AccreditationPolicy.model_validate(yaml.safe_load(text))


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (the 28th at most, so it always exists)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, 28))


class Relationship(_Frozen):
    company: str
    kind: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    mitigation: str = ""


def company_key(name: str) -> str:
    """Company names compared without case, punctuation or a trailing legal form."""
    words = re.sub(r"[^a-z0-9]+", " ", name.lower()).split()
    while words and words[-1] in {"inc", "ltd", "llc", "gmbh", "plc", "co", "corp", "sa", "ag"}:
        words.pop()
    return " ".join(words)


def in_window(rel: Relationship, *, today: dt.date, policy: DisclosurePolicy) -> bool:
    """The relationship existed during the look-back window ending today."""
    since = months_before(today, policy.lookback.months)
    return rel.ends_on is None or rel.ends_on >= since


def is_current(declared_on: dt.date, *, today: dt.date, policy: DisclosurePolicy) -> bool:
    return declared_on > months_before(today, policy.current.months)


def relevant(
    rels: list[Relationship], companies: list[str], *, today: dt.date, policy: DisclosurePolicy
) -> list[Relationship]:
    """Relationships in the window with a company whose products the course teaches."""
    keys = {company_key(c) for c in companies if company_key(c)}
    return [
        r
        for r in rels
        if company_key(r.company) in keys and in_window(r, today=today, policy=policy)
    ]


def unmitigated(
    rels: list[Relationship], companies: list[str], *, today: dt.date, policy: DisclosurePolicy
) -> list[Relationship]:
    return [
        r for r in relevant(rels, companies, today=today, policy=policy) if not r.mitigation.strip()
    ]


def overlapping(rels: list[Relationship]) -> list[tuple[int, int]]:
    """Pairs of indexes of relationships of one kind with one company whose dates overlap."""
    pairs = []
    for i, a in enumerate(rels):
        for j in range(i + 1, len(rels)):
            b = rels[j]
            if (company_key(a.company), a.kind) != (company_key(b.company), b.kind):
                continue
            a_end, b_end = a.ends_on or dt.date.max, b.ends_on or dt.date.max
            if a.starts_on <= b_end and b.starts_on <= a_end:
                pairs.append((i, j))
    return pairs
