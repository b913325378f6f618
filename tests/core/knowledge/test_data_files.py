"""The packaged data: every file validates, meets the minimum counts and cites its sources."""

from __future__ import annotations

import importlib.resources
import subprocess
import sys

import pytest

from threadlift.knowledge import COLLECTIONS, DATA_DIR, KnowledgeBase, load_knowledge
from threadlift.knowledge.vocab import (
    DESIGN_IDS,
    EVIDENCE_GRADES,
    INDICATION_IDS,
    MARKS,
    MATERIAL_IDS,
    PROFESSIONS,
    ZONE_IDS,
)

MINIMUM_COUNTS = {
    "sources": 1,
    "materials": 5,
    "designs": 5,
    "products": 1,
    "indications": 9,
    "danger_zones": 11,
    "complications": 14,
    "contraindications": 2,
    "instruments": 6,
    "aftercare": 1,
    "longevity": 2,
    "regulations": 10,
    "training_standards": 1,
    "registers": 4,
}

# Every reference label of the fact base (clinical-facts.md R*, anthropometry.md A*).
R_REFERENCES = [f"R{n}" for n in range(1, 73)] + ["R35b"]
A_REFERENCES = (
    [f"A{n}" for n in range(1, 34)]
    + ["A34a", "A34b", "A34c", "A35", "A36a", "A36b", "A36c", "A36d"]
    + [f"A{n}" for n in range(37, 42)]
    + ["A42a", "A42b", "A43", "A44a", "A44b", "A44c", "A45", "A46", "A50", "A51"]
)

JURISDICTIONS = [
    "GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR", "US", "AU", "AE-DU", "SG", "KR", "DE", "MY", "IN",
]  # fmt: skip


def all_records(kb: KnowledgeBase) -> list[tuple[str, object]]:
    return [(name, record) for name in COLLECTIONS for record in getattr(kb, name)]


def test_the_packaged_data_loads_without_problems() -> None:
    assert isinstance(load_knowledge(DATA_DIR), KnowledgeBase)


def test_there_is_one_data_file_per_collection_inside_the_package() -> None:
    data = importlib.resources.files("threadlift.knowledge") / "data"
    names = sorted(entry.name for entry in data.iterdir() if entry.name.endswith(".yaml"))
    assert names == sorted(f"{name}.yaml" for name in COLLECTIONS)


@pytest.mark.parametrize(("collection", "minimum"), MINIMUM_COUNTS.items())
def test_each_collection_meets_its_minimum_count(
    kb: KnowledgeBase, collection: str, minimum: int
) -> None:
    assert len(getattr(kb, collection)) >= minimum


def test_every_record_has_a_source_and_an_evidence_grade(kb: KnowledgeBase) -> None:
    for collection, item in all_records(kb):
        assert len(item.sources) >= 1, (collection, item.id)  # type: ignore[attr-defined]
        assert item.evidence in EVIDENCE_GRADES, (collection, item.id)  # type: ignore[attr-defined]
        assert set(item.marks) <= set(MARKS), (collection, item.id)  # type: ignore[attr-defined]


def test_the_bibliography_holds_every_reference_of_the_fact_base(kb: KnowledgeBase) -> None:
    ids = {source.id for source in kb.sources}
    assert set(R_REFERENCES) <= ids
    assert set(A_REFERENCES) <= ids


def test_every_contract_id_has_a_record(kb: KnowledgeBase) -> None:
    assert {m.id for m in kb.materials} >= set(MATERIAL_IDS)
    assert {d.id for d in kb.designs} >= set(DESIGN_IDS)
    assert [i.id for i in kb.indications] == list(INDICATION_IDS)
    assert sorted(z.id for z in kb.danger_zones) == sorted(ZONE_IDS)


def test_the_required_contraindications_are_all_present(kb: KnowledgeBase) -> None:
    required = {
        "pregnancy", "lactation", "active_infection_at_site", "autoimmune_disease",
        "bleeding_disorder", "anticoagulant", "antiplatelet", "keloid_tendency",
        "immunosuppression", "uncontrolled_diabetes", "active_malignancy",
    }  # fmt: skip
    assert required <= {c.id for c in kb.contraindications}
    assert {c.kind for c in kb.contraindications} == {"absolute", "relative"}


def test_regulations_cover_every_profession_in_every_listed_jurisdiction(
    kb: KnowledgeBase,
) -> None:
    pairs = {(r.jurisdiction, r.profession) for r in kb.regulations}
    assert pairs >= {(j, p) for j in JURISDICTIONS for p in PROFESSIONS}
    assert len(pairs) == len(kb.regulations), "one record per jurisdiction and profession"


@pytest.mark.parametrize("jurisdiction", ["IN", "GB-NIR"])
def test_india_and_northern_ireland_are_unknown_with_low_confidence(
    kb: KnowledgeBase, jurisdiction: str
) -> None:
    records = [r for r in kb.regulations if r.jurisdiction == jurisdiction]
    assert records
    assert {(r.status, r.confidence) for r in records} == {("unknown", "low")}


def test_unknown_regulation_statuses_never_claim_more_than_low_confidence(
    kb: KnowledgeBase,
) -> None:
    assert all(r.confidence == "low" for r in kb.regulations if r.status == "unknown")


def test_independent_pdo_studies_report_the_effect_gone_within_a_year(kb: KnowledgeBase) -> None:
    series = [
        s
        for s in kb.longevity
        if s.material == "pdo" and s.independent and s.evidence not in ("case-report",)
    ]
    assert series
    for study in series:
        assert study.duration is not None
        assert study.duration.max_months is not None
        assert study.duration.max_months <= 12, study.id


def test_plla_durability_claims_of_a_year_or_more_are_marked_vendor_linked(
    kb: KnowledgeBase,
) -> None:
    claims = [
        s
        for s in kb.longevity
        if s.material == "plla" and s.duration and (s.duration.max_months or 0) >= 12
    ]
    assert claims
    assert all(not s.independent and "manufacturer-claim" in s.marks for s in claims)


def test_complications_list_incidences_per_source(kb: KnowledgeBase) -> None:
    swelling = kb.complication("swelling")
    assert [i.source for i in swelling.incidence][:3] == ["R1", "R2", "R3"]
    assert any(i.kind == "referral-cohort" for c in kb.complications for i in c.incidence)


def test_importing_the_knowledge_base_loads_no_django() -> None:
    code = (
        "import sys, threadlift.knowledge, threadlift.knowledge.cli;"
        "threadlift.knowledge.load_knowledge();"
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
