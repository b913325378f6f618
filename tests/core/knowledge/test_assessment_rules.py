"""The assessment rule collections: complete, cited, and validated like every other file."""

from __future__ import annotations

from pathlib import Path

import pytest

from threadlift.knowledge import KnowledgeBase, KnowledgeError, load_knowledge
from threadlift.knowledge.vocab import INDICATION_IDS, MATERIAL_IDS, SYMPTOMS

from .conftest import Records, edit, record

RULE_COLLECTIONS = [
    "alternatives", "suitability_rules", "thread_options", "expectations", "triage_rules",
]  # fmt: skip


@pytest.mark.parametrize("collection", RULE_COLLECTIONS)
def test_every_rule_record_cites_sources_with_a_grade(kb: KnowledgeBase, collection: str) -> None:
    records = getattr(kb, collection)
    assert records
    for item in records:
        assert item.sources, item.id
        assert item.evidence, item.id


def test_every_symptom_is_handled_by_some_triage_rule(kb: KnowledgeBase) -> None:
    covered = {s for rule in kb.triage_rules for s in (*rule.all_of, *rule.any_of)}
    assert covered == set(SYMPTOMS)


def test_red_flag_rules_are_urgent_or_emergency_on_any_day(kb: KnowledgeBase) -> None:
    flags = [rule for rule in kb.triage_rules if rule.red_flag]
    assert {r.id for r in flags} >= {"visual_change", "facial_weakness", "pus_with_fever"}
    assert all(r.urgency in ("urgent", "emergency") and r.days is None for r in flags)


def test_every_indication_has_thread_options_and_every_material_an_expectation(
    kb: KnowledgeBase,
) -> None:
    assert {o.indication for o in kb.thread_options} == set(INDICATION_IDS)
    assert {e.material for e in kb.expectations} == {None, *MATERIAL_IDS}


def test_rules_citing_our_notes_carry_a_caveat(kb: KnowledgeBase) -> None:
    """Our notes are cited only to record a gap or a weak source: the reader must see which."""
    for collection in RULE_COLLECTIONS:
        for item in getattr(kb, collection):
            if "TA-FACTBASE" in item.sources:
                assert item.marks or item.evidence == "unconfirmed", item.id


def test_vendor_linked_expectations_are_marked(kb: KnowledgeBase) -> None:
    for material in ("plla", "plcl", "polypropylene"):
        statement = next(e for e in kb.expectations if e.material == material)
        assert "manufacturer-claim" in statement.marks, material


def test_a_routine_red_flag_rule_is_a_reported_problem(data_copy: Path) -> None:
    def change(records: Records) -> None:
        record(records, "facial_weakness")["urgency"] = "routine"

    edit(data_copy, "triage_rules", change)
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(data_copy)
    assert any(
        p.file == "triage_rules.yaml" and p.record_id == "facial_weakness"
        for p in caught.value.problems
    )


def test_references_to_unknown_alternatives_and_complications_are_reported(
    data_copy: Path,
) -> None:
    edit(data_copy, "suitability_rules", lambda r: record(r, "volume_loss").update(
        alternatives=["acupuncture"]))  # fmt: skip
    edit(data_copy, "triage_rules", lambda r: record(r, "pain").update(
        complications=["hiccups"]))  # fmt: skip
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(data_copy)
    messages = {(p.record_id, p.message) for p in caught.value.problems}
    assert ("volume_loss", "unknown alternative id 'acupuncture'") in messages
    assert ("pain", "unknown complication id 'hiccups'") in messages
