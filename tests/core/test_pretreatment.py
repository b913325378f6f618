"""Pre-treatment instructions for volunteer models come from the knowledge base, cited."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from threadlift.knowledge import load_knowledge
from threadlift.practice import pre_treatment_instructions

KB = load_knowledge()
SOURCES = {s.id for s in KB.sources}


def test_every_instruction_is_a_cited_record_of_the_knowledge_base() -> None:
    items = pre_treatment_instructions(KB, dt.date(2027, 3, 1))
    aftercare = {a.id for a in KB.aftercare}
    assert items
    for item in items:
        assert item.sources
        assert set(item.sources) <= SOURCES
        assert item.id in aftercare or item.id.split("-")[0] in {c.id for c in KB.contraindications}


def test_the_model_is_told_what_the_data_says_to_stop_and_to_report() -> None:
    texts = " ".join(i.text for i in pre_treatment_instructions(KB, dt.date(2027, 3, 1)))
    assert "NSAIDs and aspirin" in texts
    assert "Never stop an anticoagulant" in texts
    assert "herpes" in texts
    assert "Botulinum" not in texts  # the clinician's part of a brow plan, not the model's


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_every_dated_instruction_starts_on_or_before_the_treatment(day: dt.date) -> None:
    for item in pre_treatment_instructions(KB, day):
        assert item.starts is None or item.starts <= day
