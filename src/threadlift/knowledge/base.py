"""The immutable knowledge base and its typed lookups."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from threadlift.knowledge.clearances import ClearanceCoverage, clearance_coverage
from threadlift.knowledge.errors import KnowledgeError, Problem
from threadlift.knowledge.schemas import (
    Aftercare,
    Alternative,
    ClearanceReading,
    Complication,
    ConsentClause,
    Contraindication,
    DangerZone,
    Design,
    Expectation,
    Indication,
    Instrument,
    Longevity,
    Material,
    Product,
    Register,
    Regulation,
    Source,
    SuitabilityRule,
    ThreadOption,
    TrainingStandard,
    TriageRule,
)
from threadlift.knowledge.vocab import Profession

T = TypeVar("T", bound=BaseModel)

# Fields that refer to another collection, by field name, wherever they occur in a record.
REFERENCE_FIELDS: Mapping[str, str] = {
    "sources": "sources",
    "source": "sources",
    "material": "materials",
    "design": "designs",
    "designs": "designs",
    "zones": "danger_zones",
    "alternatives": "alternatives",
    "complications": "complications",
    "longevity": "longevity",
}


def _files(name: str) -> Any:
    return Field(description=f"Records of `{name}.yaml`.")


class KnowledgeBase(BaseModel):
    """All collections of the knowledge base, as tuples in file order.

    Build it with `load_knowledge()`; it is immutable. Lookups by id raise `KnowledgeError`
    (a KeyError) naming the missing id.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", title="Threadlift knowledge data files")

    sources: tuple[Source, ...] = _files("sources")
    materials: tuple[Material, ...] = _files("materials")
    designs: tuple[Design, ...] = _files("designs")
    products: tuple[Product, ...] = _files("products")
    indications: tuple[Indication, ...] = _files("indications")
    danger_zones: tuple[DangerZone, ...] = _files("danger_zones")
    complications: tuple[Complication, ...] = _files("complications")
    contraindications: tuple[Contraindication, ...] = _files("contraindications")
    instruments: tuple[Instrument, ...] = _files("instruments")
    aftercare: tuple[Aftercare, ...] = _files("aftercare")
    longevity: tuple[Longevity, ...] = _files("longevity")
    regulations: tuple[Regulation, ...] = _files("regulations")
    training_standards: tuple[TrainingStandard, ...] = _files("training_standards")
    registers: tuple[Register, ...] = _files("registers")
    alternatives: tuple[Alternative, ...] = _files("alternatives")
    suitability_rules: tuple[SuitabilityRule, ...] = _files("suitability_rules")
    thread_options: tuple[ThreadOption, ...] = _files("thread_options")
    expectations: tuple[Expectation, ...] = _files("expectations")
    triage_rules: tuple[TriageRule, ...] = _files("triage_rules")
    # the consent document: fixed wording, and our reading of product clearances
    consent: tuple[ConsentClause, ...] = _files("consent")
    clearance_readings: tuple[ClearanceReading, ...] = _files("clearance_readings")

    _index: dict[str, dict[str, BaseModel]] = PrivateAttr(default_factory=dict)
    _cited_by: dict[str, list[tuple[str, str]]] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        for collection in COLLECTIONS:
            records: tuple[BaseModel, ...] = getattr(self, collection)
            self._index[collection] = {getattr(r, "id"): r for r in records}  # noqa: B009
        for collection in COLLECTIONS:
            if collection == "sources":
                continue
            for record in getattr(self, collection):
                cited = {ref for _, target, ref in iter_references(record) if target == "sources"}
                for source_id in sorted(cited):
                    self._cited_by.setdefault(source_id, []).append((collection, record.id))

    # Typed lookups -------------------------------------------------------------------------

    def source(self, source_id: str) -> Source:
        return self._get("sources", source_id, Source)

    def material(self, material_id: str) -> Material:
        return self._get("materials", material_id, Material)

    def design(self, design_id: str) -> Design:
        return self._get("designs", design_id, Design)

    def product(self, product_id: str) -> Product:
        return self._get("products", product_id, Product)

    def indication(self, indication_id: str) -> Indication:
        return self._get("indications", indication_id, Indication)

    def danger_zone(self, zone_id: str) -> DangerZone:
        return self._get("danger_zones", zone_id, DangerZone)

    def complication(self, complication_id: str) -> Complication:
        return self._get("complications", complication_id, Complication)

    def contraindication(self, contraindication_id: str) -> Contraindication:
        return self._get("contraindications", contraindication_id, Contraindication)

    def instrument(self, instrument_id: str) -> Instrument:
        return self._get("instruments", instrument_id, Instrument)

    def alternative(self, alternative_id: str) -> Alternative:
        return self._get("alternatives", alternative_id, Alternative)

    def longevity_study(self, study_id: str) -> Longevity:
        return self._get("longevity", study_id, Longevity)

    def clearance_coverage(self, product_id: str, indication: str) -> ClearanceCoverage:
        """Which of the product's clearances cover `indication`, in our one reading of their
        wording (`clearance_readings`); the scorer and the consent document both ask here."""
        return clearance_coverage(self.product(product_id), indication, self.clearance_readings)

    def record(self, collection: str, record_id: str) -> BaseModel:
        """Any record by collection name and id."""
        if collection not in COLLECTIONS:
            raise KnowledgeError(
                [
                    Problem(
                        file="-",
                        record_id=record_id,
                        field="collection",
                        message=f"no collection {collection!r}",
                    )
                ]
            )
        return self._get(collection, record_id, BaseModel)

    def regulations_for(
        self, jurisdiction: str, profession: Profession | str
    ) -> tuple[Regulation, ...]:
        """Regulation records for one profession in one jurisdiction.

        `jurisdiction` is an ISO 3166 code, case-insensitive (`GB-ENG`, `us-ca`). A subdivision
        with no record of its own for the profession falls back to its country (`US-CA` → `US`).
        """
        code = jurisdiction.strip().upper()
        found = self._regulations(code, profession)
        if not found and "-" in code:
            found = self._regulations(code.split("-", 1)[0], profession)
        return found

    def register_named(self, regulator: str) -> Register | None:
        """The register a practitioner's regulator text names (`gmc`, `General Medical Council`).

        Case and surrounding space are ignored; None when no register of the data has that name.
        """
        wanted = " ".join(regulator.split()).casefold()
        if not wanted:
            return None
        for register in self.registers:
            if any(" ".join(n.split()).casefold() == wanted for n in register.names):
                return register
        return None

    def cited_by(self, source_id: str) -> list[tuple[str, str]]:
        """(collection, record id) of every record citing the source, in collection order."""
        return list(self._cited_by.get(source_id, ()))

    def counts(self) -> dict[str, int]:
        """Number of records per collection."""
        return {collection: len(getattr(self, collection)) for collection in COLLECTIONS}

    def _regulations(self, code: str, profession: str) -> tuple[Regulation, ...]:
        return tuple(
            r for r in self.regulations if r.jurisdiction == code and r.profession == profession
        )

    def _get(self, collection: str, record_id: str, kind: type[T]) -> T:
        record = self._index[collection].get(record_id)
        if record is None:
            raise KnowledgeError(
                [
                    Problem(
                        file=f"{collection}.yaml",
                        record_id=record_id,
                        field="id",
                        message=f"no {collection} record with id {record_id!r}",
                    )
                ]
            )
        assert isinstance(record, kind)
        return record


COLLECTIONS: tuple[str, ...] = tuple(KnowledgeBase.model_fields)
"""Collection names in file order; each is stored in `<name>.yaml`."""


def iter_references(model: BaseModel, prefix: str = "") -> Iterator[tuple[str, str, str]]:
    """Yield (field path, target collection, id) for every cross-reference in a record."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        path = f"{prefix}{name}"
        target = REFERENCE_FIELDS.get(name)
        if target is not None and isinstance(value, str):
            yield path, target, value
        elif isinstance(value, BaseModel):
            yield from iter_references(value, f"{path}.")
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if target is not None and isinstance(item, str):
                    yield path, target, item
                elif isinstance(item, BaseModel):
                    yield from iter_references(item, f"{path}.{i}.")
