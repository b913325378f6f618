"""The public API: typed lookups, regulations by jurisdiction, citations, immutability."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

import threadlift.knowledge
from threadlift.knowledge import KnowledgeBase, KnowledgeError, load_knowledge
from threadlift.knowledge.vocab import PLANES

from .conftest import edit, record


def test_the_package_exports_what_it_promises() -> None:
    assert set(threadlift.knowledge.__all__) >= {
        "load_knowledge",
        "KnowledgeBase",
        "KnowledgeError",
    }
    for name in threadlift.knowledge.__all__:
        assert hasattr(threadlift.knowledge, name)


def test_the_packaged_data_is_loaded_once_per_process() -> None:
    assert load_knowledge() is load_knowledge()


def test_a_danger_zone_is_found_by_its_id(kb: KnowledgeBase) -> None:
    zone = kb.danger_zone("parotid_duct")
    assert zone.structure_type == "duct"
    assert zone.planes_at_risk
    assert "R37" in zone.sources


@pytest.mark.parametrize(
    ("lookup", "record_id"),
    [
        ("source", "R1"),
        ("material", "pdo"),
        ("design", "cog_bidirectional"),
        ("product", "mint"),
        ("indication", "jowl"),
        ("danger_zone", "facial_artery"),
        ("complication", "infection"),
        ("contraindication", "pregnancy"),
        ("instrument", "dcq"),
    ],
)
def test_every_typed_lookup_returns_the_record_with_that_id(
    kb: KnowledgeBase, lookup: str, record_id: str
) -> None:
    assert getattr(kb, lookup)(record_id).id == record_id


def test_a_missing_id_raises_a_key_error_naming_the_id(kb: KnowledgeBase) -> None:
    with pytest.raises(KnowledgeError) as caught:
        kb.danger_zone("lingual_nerve")
    assert isinstance(caught.value, KeyError)
    assert "'lingual_nerve'" in str(caught.value)
    assert caught.value.problems[0].record_id == "lingual_nerve"


def test_collections_are_tuples_of_frozen_records(kb: KnowledgeBase) -> None:
    assert isinstance(kb.danger_zones, tuple)
    with pytest.raises(ValidationError):
        kb.danger_zones[0].name = "changed"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        kb.materials = ()  # type: ignore[misc]


def test_planes_are_listed_superficial_to_deep() -> None:
    assert PLANES == ("dermis", "subcutaneous", "smas", "sub_smas", "periosteal")


def test_regulations_match_a_subdivision_code_exactly_and_case_insensitively(
    kb: KnowledgeBase,
) -> None:
    (england,) = kb.regulations_for("GB-ENG", "physician")
    assert england.jurisdiction == "GB-ENG"
    assert kb.regulations_for("gb-eng", "physician") == (england,)


def test_a_subdivision_without_its_own_record_falls_back_to_its_country(
    kb: KnowledgeBase,
) -> None:
    (record_,) = kb.regulations_for("US-CA", "registered_nurse")
    assert record_.jurisdiction == "US"
    assert record_.profession == "registered_nurse"


def test_a_subdivision_record_takes_precedence_over_the_country(data_copy: Path) -> None:
    def add_california(records: list[dict[str, object]]) -> None:
        california = dict(record(records, "us-physician"), id="us-ca-physician")
        california.update(jurisdiction="US-CA", jurisdiction_name="California")
        records.append(california)

    edit(data_copy, "regulations", add_california)
    kb = load_knowledge(data_copy)
    assert [r.id for r in kb.regulations_for("US-CA", "physician")] == ["us-ca-physician"]
    assert [r.id for r in kb.regulations_for("US-CA", "dentist")] == ["us-dentist"]


def test_an_unlisted_jurisdiction_has_no_regulation_records(kb: KnowledgeBase) -> None:
    assert kb.regulations_for("FR", "physician") == ()
    assert kb.regulations_for("GB-XYZ", "physician") == ()


def test_cited_by_lists_the_records_citing_a_source(kb: KnowledgeBase) -> None:
    citing = kb.cited_by("R30")
    assert ("danger_zones", "great_auricular_nerve") in citing
    assert all(collection != "sources" for collection, _ in citing)
    assert kb.cited_by("R999") == []


def test_nested_figures_count_as_citations(kb: KnowledgeBase) -> None:
    # A28 is cited only inside a measurement of the zygomatic-buccal zone... and in its sources.
    assert ("danger_zones", "zygomatic_buccal_branches") in kb.cited_by("A28")
    # R20 is cited by the PDO strength figures.
    assert ("materials", "pdo") in kb.cited_by("R20")


def test_counts_cover_every_collection(kb: KnowledgeBase) -> None:
    counts = kb.counts()
    assert list(counts) == list(threadlift.knowledge.COLLECTIONS)
    assert counts["danger_zones"] == 15  # 11 danger zones + 4 no-go regions (issue 19)
