"""Expectations: how long results last, in plain words, and the complication figures that
consent should mention, each by source."""

from __future__ import annotations

from threadlift.assessment.common import Cited, Frozen
from threadlift.knowledge.base import KnowledgeBase
from threadlift.knowledge.schemas import Complication, Longevity
from threadlift.knowledge.vocab import Mark, MaterialId


class Study(Cited):
    """A longevity study summarised by a statement."""

    id: str
    study: str
    finding: str
    independent: bool


class Statement(Cited):
    material: MaterialId | None
    text: str
    studies: tuple[Study, ...]


class Figure(Frozen):
    figure: str
    source: str
    kind: str
    population: str | None = None
    preprint: bool = False
    """The source is a preprint (not peer-reviewed); shown beside the figure."""
    marks: tuple[Mark, ...] = ()


class ConsentRisk(Cited):
    """A complication to mention at consent with its published frequencies (incidences from
    pooled analyses and treated series only; referral-cohort shares are not incidences) and
    the record's own wording of how often it happens (`frequency`), shown where no incidence
    exists so that no row reads "frequency not known" when the record says more."""

    id: str
    name: str
    severity: str
    frequency: str | None = None
    figures: tuple[Figure, ...]


class Expectations(Frozen):
    material: MaterialId | None
    statements: tuple[Statement, ...]
    risks: tuple[ConsentRisk, ...]


def expectations(kb: KnowledgeBase, material: MaterialId | None = None) -> Expectations:
    """The general statement, then the statement for `material` (if any), then consent risks."""
    chosen = [e for e in kb.expectations if e.material is None]
    if material is not None:
        chosen += [e for e in kb.expectations if e.material == material]
    statements = tuple(
        Statement(
            material=e.material,
            text=" ".join(e.statement.split()),
            studies=tuple(_study(kb, study_id) for study_id in e.longevity),
            sources=e.sources,
            evidence=e.evidence,
            marks=e.marks,
        )
        for e in chosen
    )
    return Expectations(material=material, statements=statements, risks=consent_risks(kb))


def consent_risks(kb: KnowledgeBase) -> tuple[ConsentRisk, ...]:
    """Every complication record (the overall rate aside), serious ones first, each with its
    figures and its own wording of frequency."""
    order = {"serious": 0, "moderate": 1, "minor": 2}
    chosen = [c for c in kb.complications if c.id != "any_complication"]
    chosen.sort(key=lambda c: order[c.severity])
    preprints = {s.id for s in kb.sources if s.preprint}
    return tuple(_risk(c, preprints) for c in chosen)


def _study(kb: KnowledgeBase, study_id: str) -> Study:
    return study_of(kb.longevity_study(study_id))


def study_of(s: Longevity) -> Study:
    """A longevity record as shown to clinicians and patients (the consent document uses it too)."""
    return Study(
        id=s.id,
        study=s.study,
        finding=s.finding,
        independent=s.independent,
        sources=s.sources,
        evidence=s.evidence,
        marks=s.marks,
    )


def _risk(c: Complication, preprints: set[str]) -> ConsentRisk:
    figures = tuple(
        Figure(
            figure=i.figure,
            source=i.source,
            kind=i.kind,
            population=i.population,
            preprint=i.source in preprints,
            marks=i.marks,
        )
        for i in c.incidence
        if i.kind != "referral-cohort"
    )
    return ConsentRisk(
        id=c.id,
        name=c.name,
        severity=c.severity,
        frequency=c.frequency,
        figures=figures,
        sources=c.sources,
        evidence=c.evidence,
        marks=c.marks,
    )
