"""Read-only selections of the knowledge base for the reference pages.

Everything here is plain Python over the immutable `KnowledgeBase`: no database, no request.
The views parse their input, call one of these functions and render what it returns.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.urls import reverse

from threadlift.anatomy import build_zones, svg, template_face
from threadlift.knowledge import COLLECTIONS, KnowledgeBase
from threadlift.knowledge.schemas import (
    Complication,
    Design,
    Longevity,
    Material,
    Product,
    Regulation,
    Source,
)
from threadlift.knowledge.vocab import EVIDENCE_GRADES, PROFESSIONS, View

# Grades that rest on a study design weaker than a controlled trial or a pooled analysis; the
# fact base says most thread-lift evidence is of this kind (clinical-facts.md, "Evidence").
LOW_GRADES = frozenset(
    {
        "cohort",
        "case-series",
        "case-report",
        "cadaver-study",
        "consensus",
        "manufacturer",
        "expert-opinion",
        "unconfirmed",
    }
)

# Where each collection's records are shown: (URL name, anchor prefix). Collections missing
# here have no reference page yet; the bibliography names their records without a link.
RECORD_PAGES: dict[str, tuple[str, str]] = {
    "materials": ("knowledge:threads", "material-"),
    "designs": ("knowledge:threads", "design-"),
    "products": ("knowledge:threads", "product-"),
    "longevity": ("knowledge:threads", "longevity-"),
    "danger_zones": ("knowledge:zones", "zone-"),
    "complications": ("knowledge:complications", "complication-"),
    "regulations": ("knowledge:regulation", "regulation-"),
}

COLLECTION_LABELS: dict[str, str] = {
    "sources": "Source",
    "materials": "Material",
    "designs": "Design",
    "products": "Product",
    "indications": "Indication",
    "danger_zones": "Danger zone",
    "complications": "Complication",
    "contraindications": "Contraindication",
    "instruments": "Instrument",
    "aftercare": "Aftercare",
    "longevity": "Longevity study",
    "regulations": "Regulation",
    "training_standards": "Training standard",
    "registers": "Registration number format",
}

SEVERITIES: tuple[str, ...] = ("minor", "moderate", "serious")
STATUSES: dict[str, str] = {
    "may_perform": "May perform",
    "may_perform_with_conditions": "May perform with conditions",
    "may_not": "May not perform",
    "unknown": "Unknown",
}
STATUS_TONES: dict[str, str] = {
    "may_perform": "ok",
    "may_perform_with_conditions": "warn",
    "may_not": "bad",
    "unknown": "info",
}


def profession_label(profession: str) -> str:
    return profession.replace("_", " ").capitalize()


def record_anchor(collection: str, record_id: str) -> str:
    prefix = RECORD_PAGES.get(collection, ("", f"{collection}-"))[1]
    return f"{prefix}{record_id}"


def record_url(collection: str, record_id: str) -> str | None:
    """The page and anchor showing a record, or None when no page shows that collection."""
    page = RECORD_PAGES.get(collection)
    if page is None:
        return None
    return f"{reverse(page[0])}#{record_anchor(collection, record_id)}"


# Index -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GradeCount:
    grade: str
    count: int
    low: bool


@dataclass(frozen=True)
class EvidenceSummary:
    """How the records of the knowledge base (sources excluded) are graded."""

    total: int
    low: int
    grades: tuple[GradeCount, ...]
    vendor_linked_longevity: int
    longevity: int


def evidence_summary(kb: KnowledgeBase) -> EvidenceSummary:
    counts: Counter[str] = Counter()
    for collection in COLLECTIONS:
        if collection == "sources":
            continue
        counts.update(record.evidence for record in getattr(kb, collection))
    grades = tuple(
        GradeCount(grade, counts[grade], grade in LOW_GRADES)
        for grade in EVIDENCE_GRADES
        if counts[grade]
    )
    return EvidenceSummary(
        total=sum(counts.values()),
        low=sum(g.count for g in grades if g.low),
        grades=grades,
        vendor_linked_longevity=sum(1 for r in kb.longevity if not r.independent),
        longevity=len(kb.longevity),
    )


# Threads compared --------------------------------------------------------------------------


@dataclass(frozen=True)
class LongevityGroup:
    material: Material | None
    label: str
    independent: tuple[Longevity, ...]
    vendor_linked: tuple[Longevity, ...]


@dataclass(frozen=True)
class ThreadsPage:
    materials: tuple[Material, ...]
    designs: tuple[Design, ...]
    attributes: tuple[Design, ...]
    products: tuple[tuple[Product, Material, Design], ...]
    longevity: tuple[LongevityGroup, ...]


def threads_compared(kb: KnowledgeBase) -> ThreadsPage:
    groups: list[LongevityGroup] = []
    for material in (*kb.materials, None):
        wanted = material.id if material else None
        studies = [r for r in kb.longevity if r.material == wanted]
        if not studies:
            continue
        groups.append(
            LongevityGroup(
                material=material,
                label=material.name if material else "Mixed or unspecified threads",
                independent=tuple(r for r in studies if r.independent),
                vendor_linked=tuple(r for r in studies if not r.independent),
            )
        )
    return ThreadsPage(
        materials=kb.materials,
        designs=tuple(d for d in kb.designs if not d.is_attribute),
        attributes=tuple(d for d in kb.designs if d.is_attribute),
        products=tuple((p, kb.material(p.material), kb.design(p.design)) for p in kb.products),
        longevity=tuple(groups),
    )


# Danger-zone drawing ----------------------------------------------------------------------

_VIEWBOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"')


@dataclass(frozen=True)
class Drawing:
    svg: str
    width: int
    height: int


def zone_drawing(kb: KnowledgeBase, view: View) -> Drawing:
    """The template face of `view` with its danger zones, as a standalone SVG document."""
    face = template_face(view)
    text = svg.render_face(face, build_zones(face, kb))
    found = _VIEWBOX.search(text)
    if found is None:
        return Drawing(svg=text, width=480, height=640)
    _x, _y, w, h = (float(v) for v in found.groups())
    return Drawing(svg=text, width=round(w * 2), height=round(h * 2))


# Complications handbook --------------------------------------------------------------------


def _complication_text(c: Complication) -> str:
    parts: list[str] = [c.name, c.onset, c.course or "", c.refer_urgently or ""]
    parts += [*c.management, *c.red_flags, *c.risk_factors, *c.notes]
    return " ".join(parts).casefold()


def complications_search(
    kb: KnowledgeBase, *, q: str = "", severity: str = ""
) -> tuple[Complication, ...]:
    """Complications whose name, signs, course or management contain every word of `q`,
    optionally of one severity; in file order."""
    words = q.casefold().split()
    return tuple(
        c
        for c in kb.complications
        if (not severity or c.severity == severity)
        and all(word in _complication_text(c) for word in words)
    )


# Regulation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegulationTable:
    rows: tuple[Regulation, ...]
    jurisdictions: tuple[tuple[str, str], ...]
    professions: tuple[tuple[str, str], ...]
    total: int
    us_sources: tuple[str, ...] = field(default=())


def jurisdictions(kb: KnowledgeBase) -> tuple[tuple[str, str], ...]:
    """(code, name) of every jurisdiction with a record, in file order."""
    seen: dict[str, str] = {}
    for r in kb.regulations:
        seen.setdefault(r.jurisdiction, r.jurisdiction_name)
    return tuple(seen.items())


def professions(kb: KnowledgeBase) -> tuple[tuple[str, str], ...]:
    present = {r.profession for r in kb.regulations}
    return tuple((p, profession_label(p)) for p in PROFESSIONS if p in present)


def regulation_table(
    kb: KnowledgeBase, *, jurisdiction: str = "", profession: str = "", status: str = ""
) -> RegulationTable:
    rows = tuple(
        r
        for r in kb.regulations
        if (not jurisdiction or r.jurisdiction == jurisdiction)
        and (not profession or r.profession == profession)
        and (not status or r.status == status)
    )
    us_sources = sorted({s for r in kb.regulations if r.jurisdiction == "US" for s in r.sources})
    return RegulationTable(
        rows=rows,
        jurisdictions=jurisdictions(kb),
        professions=professions(kb),
        total=len(kb.regulations),
        us_sources=tuple(us_sources),
    )


# Bibliography ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citing:
    collection: str
    label: str
    record_id: str
    name: str
    url: str | None


@dataclass(frozen=True)
class BibliographyEntry:
    source: Source
    cited_by: tuple[Citing, ...]


def _record_name(kb: KnowledgeBase, collection: str, record_id: str) -> str:
    record = kb.record(collection, record_id)
    for attribute in ("name", "study", "instruction", "title"):
        value = getattr(record, attribute, None)
        if isinstance(value, str):
            return value
    if isinstance(record, Regulation):
        return f"{record.jurisdiction_name}: {profession_label(record.profession)}"
    return record_id


def citing_records(kb: KnowledgeBase, source_ids: Iterable[str]) -> dict[str, tuple[Citing, ...]]:
    return {
        source_id: tuple(
            Citing(
                collection=collection,
                label=COLLECTION_LABELS.get(collection, collection.replace("_", " ").capitalize()),
                record_id=record_id,
                name=_record_name(kb, collection, record_id),
                url=record_url(collection, record_id),
            )
            for collection, record_id in kb.cited_by(source_id)
        )
        for source_id in source_ids
    }


def bibliography(kb: KnowledgeBase) -> tuple[BibliographyEntry, ...]:
    cited = citing_records(kb, (s.id for s in kb.sources))
    return tuple(BibliographyEntry(source=s, cited_by=cited[s.id]) for s in kb.sources)
