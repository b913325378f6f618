"""The consent document for a planned thread lift: the products and their regulatory status
(what each is cleared for, off-label use named), what the procedure is, how long it honestly
lasts, the alternatives including no treatment, the complications with their frequencies, the
aftercare and red flags, photographs, who performs it, whom to call, time to decide, and
signature lines.

Everything said comes from the knowledge base: the fixed wording from `consent.yaml`, the
clearances from the product records read through `clearance_readings.yaml`, the rest from the
complication, longevity, alternative, aftercare and triage records. This module only chooses
and fills in.

Which clearances cover the indication is asked of `KnowledgeBase.clearance_coverage`, the one
reading of `clearance_readings` that the plan scorer's off-label rule also uses, so the
simulator and the consent form never disagree about a product.
"""

from __future__ import annotations

from collections.abc import Iterable

from threadlift.assessment.aftercare import RedFlag, applies, red_flags
from threadlift.assessment.common import Cited, Frozen, InputProblem, unique
from threadlift.assessment.expectations import ConsentRisk, Study, consent_risks, study_of
from threadlift.knowledge.base import KnowledgeBase
from threadlift.knowledge.schemas import ConsentClause, Product
from threadlift.knowledge.vocab import INDICATION_IDS, DesignId, IndicationId

MAX_TEXT = 300
"""Longest clinician name, clinic contact or patient name accepted (characters)."""


class ClearanceStatus(Cited):
    """One clearance of a product and whether it covers the planned indication."""

    regulator: str
    reference: str
    indication: str
    covers_indication: bool
    reading: str | None
    """Our reading of the clearance's wording (None: no reading, so it covers nothing)."""


class ConsentProduct(Cited):
    id: str
    name: str
    manufacturer: str
    material: str
    design: str
    clearances: tuple[ClearanceStatus, ...]
    off_label: bool
    status: str
    """The regulatory status in one sentence, naming an off-label use."""


class Clause(Cited):
    section: str
    title: str
    text: str
    options: tuple[str, ...] = ()


class AlternativeItem(Cited):
    treatment: str
    why: str


class AftercarePoint(Cited):
    instruction: str


class ConsentDocument(Frozen):
    indication: IndicationId
    indication_name: str
    patient_name: str | None
    clinician: str
    clinic_contact: str
    products: tuple[ConsentProduct, ...]
    off_label: bool
    clauses: tuple[Clause, ...]
    longevity: tuple[Study, ...]
    """Longevity findings for the products' materials and for threads in general, independent
    studies first; vendor-linked ones carry `independent: false` and their marks."""
    alternatives: tuple[AlternativeItem, ...]
    risks: tuple[ConsentRisk, ...]
    aftercare: tuple[AftercarePoint, ...]
    red_flags: tuple[RedFlag, ...]
    sources: tuple[str, ...]

    def clause(self, section: str) -> Clause:
        """The clause of one section (every section has exactly one)."""
        return next(c for c in self.clauses if c.section == section)


def _clean(value: str | None, field: str, required: bool) -> str | None:
    text = " ".join((value or "").split())
    if not text:
        if required:
            raise InputProblem([(field, "required")])
        return None
    if len(text) > MAX_TEXT:
        raise InputProblem([(field, f"at most {MAX_TEXT} characters, got {len(text)}")])
    return text


def parse_products(kb: KnowledgeBase, values: Iterable[str]) -> tuple[str, ...]:
    """Product ids from user input; raise `InputProblem` naming each unknown one."""
    known = [p.id for p in kb.products]
    found: list[str] = []
    problems = []
    for index, value in enumerate(values):
        product_id = value.strip()
        if product_id in known:
            found.append(product_id)
        else:
            problems.append(
                (f"products.{index}", f"unknown product {value!r}; known: {', '.join(known)}")
            )
    if problems:
        raise InputProblem(problems)
    if not found:
        raise InputProblem([("products", "give at least one product")])
    return unique(found)


def consent_document(
    kb: KnowledgeBase,
    *,
    indication: str,
    products: Iterable[str],
    clinician: str,
    clinic_contact: str,
    patient_name: str | None = None,
) -> ConsentDocument:
    """The consent document for threads of `products` in `indication`, performed by
    `clinician`; `clinic_contact` is whom the patient calls. Bad input raises `InputProblem`
    naming the field (`indication`, `products.N`, `clinician`, `clinic_contact`,
    `patient_name`)."""
    if indication not in INDICATION_IDS:
        raise InputProblem(
            [
                (
                    "indication",
                    f"unknown indication {indication!r}; known: {', '.join(INDICATION_IDS)}",
                )
            ]
        )
    area: IndicationId = indication
    chosen = [kb.product(p) for p in parse_products(kb, products)]
    who = _clean(clinician, "clinician", required=True) or ""
    contact = _clean(clinic_contact, "clinic_contact", required=True) or ""
    patient = _clean(patient_name, "patient_name", required=False)
    name = kb.indication(area).name
    fill = {"indication": name.lower(), "clinician": who, "clinic_contact": contact}
    clauses = tuple(_clause(c, fill) for c in kb.consent)
    statuses = tuple(_product(kb, p, area, name) for p in chosen)
    designs: list[DesignId] = [p.design for p in chosen]  # type: ignore[misc]
    alternative_ids = [a for c in kb.consent for a in c.alternatives]
    aftercare = tuple(
        AftercarePoint(
            instruction=item.instruction, sources=item.sources, evidence=item.evidence,
            marks=item.marks,
        )
        for item in kb.aftercare
        if applies(item, area, designs)
    )  # fmt: skip
    document = ConsentDocument(
        indication=area,
        indication_name=name,
        patient_name=patient,
        clinician=who,
        clinic_contact=contact,
        products=statuses,
        off_label=any(p.off_label for p in statuses),
        clauses=clauses,
        longevity=_longevity(kb, [p.material for p in chosen], area),
        alternatives=tuple(_alternative(kb, a) for a in unique(alternative_ids)),
        risks=consent_risks(kb),
        aftercare=aftercare,
        red_flags=red_flags(kb),
        sources=(),
    )
    return document.model_copy(update={"sources": _all_sources(document)})


def _clause(c: ConsentClause, fill: dict[str, str]) -> Clause:
    text = " ".join(c.text.split())
    for key, value in fill.items():
        text = text.replace("{" + key + "}", value)
    return Clause(
        section=c.section,
        title=c.title,
        text=text,
        options=c.options,
        sources=c.sources,
        evidence=c.evidence,
        marks=c.marks,
    )


def _product(kb: KnowledgeBase, p: Product, area: IndicationId, area_name: str) -> ConsentProduct:
    coverage = kb.clearance_coverage(p.id, area)  # the scorer's off-label rule reads the same
    clearances = [
        ClearanceStatus(
            regulator=c.regulator,
            reference=c.reference,
            indication=c.indication,
            covers_indication=c.covers,
            reading=c.reading,
            sources=c.sources,
            evidence="regulation",
            marks=c.marks,
        )
        for c in coverage.clearances
    ]
    covered = [c for c in clearances if c.covers_indication]
    where = area_name.lower()
    if covered:
        refs = ", ".join(f"{c.regulator} {c.reference}" for c in covered)
        status = f"Cleared for this use ({where}): {refs}."
        if all("unconfirmed" in c.marks for c in covered):
            status += " This rests on our reading of the clearance's wording (unconfirmed)."
    elif clearances:
        cleared_for = "; ".join(f"{c.indication} ({c.regulator} {c.reference})" for c in clearances)
        status = f"Off-label use for the {where}: its clearances cover {cleared_for}; not this use."
    else:
        status = (
            f"Off-label or unknown for the {where}: no regulatory clearance is recorded in our "
            "sources, so its status is unconfirmed."
        )
    return ConsentProduct(
        id=p.id,
        name=p.name,
        manufacturer=p.manufacturer,
        material=kb.material(p.material).name,
        design=kb.design(p.design).name,
        clearances=tuple(clearances),
        off_label=coverage.off_label,
        status=status,
        sources=p.sources,
        evidence=p.evidence,
        marks=p.marks if clearances else tuple(unique([*p.marks, "unconfirmed"])),
    )


def _longevity(kb: KnowledgeBase, materials: list[str], area: IndicationId) -> tuple[Study, ...]:
    chosen = [
        s
        for s in kb.longevity
        if (s.material is None or s.material in materials)
        and (not s.indications or area in s.indications)
    ]
    chosen.sort(key=lambda s: not s.independent)
    return tuple(study_of(s) for s in chosen)


def _alternative(kb: KnowledgeBase, alternative_id: str) -> AlternativeItem:
    a = kb.alternative(alternative_id)
    return AlternativeItem(
        treatment=a.treatment,
        why=" ".join(a.why.split()),
        sources=a.sources,
        evidence=a.evidence,
        marks=a.marks,
    )


def _all_sources(d: ConsentDocument) -> tuple[str, ...]:
    cited: list[str] = []
    for group in (d.products, d.clauses, d.longevity, d.alternatives, d.risks, d.red_flags):
        for item in group:
            cited += item.sources
    for product in d.products:
        for clearance in product.clearances:
            cited += clearance.sources
    cited += [f.source for r in d.risks for f in r.figures]
    return unique(cited)
