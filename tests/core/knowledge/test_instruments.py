"""Screening instruments carry their scoring as data that code can evaluate."""

from __future__ import annotations

import pytest

from threadlift.knowledge import KnowledgeBase


@pytest.mark.parametrize(
    ("answers", "positive"),
    [
        ({1: True, 2: True, 3: 3}, True),
        ({1: True, 2: True, 6: 4}, True),
        ({1: True, 2: True, 7: True}, True),
        ({1: True, 2: True, 3: 2, 4: 2, 5: 2, 6: 2, 7: False}, False),
        ({1: True, 2: False, 3: 3, 7: True}, False),
        ({1: False, 2: True, 7: True}, False),
        ({}, False),
    ],
)
def test_the_bddq_as_rule_needs_items_1_and_2_and_then_distress_or_item_7(
    kb: KnowledgeBase, answers: dict[int, bool | int], positive: bool
) -> None:
    rule = kb.instrument("bddq_as").positive_rule
    assert rule is not None
    assert rule.is_met(answers) is positive


def test_the_dcq_has_seven_items_scored_0_to_3_with_cut_off_9(kb: KnowledgeBase) -> None:
    dcq = kb.instrument("dcq")
    assert dcq.item_count == 7
    assert len(dcq.items) == 7
    assert dcq.scoring is not None
    assert (dcq.scoring.item_min, dcq.scoring.item_max) == (0, 3)
    assert dcq.cut_off is not None
    assert dcq.cut_off.at_least == 9
    assert [c.at_least for c in dcq.alternative_cut_offs] == [11, 14]


def test_gais_is_stored_by_label_without_numbers(kb: KnowledgeBase) -> None:
    gais = kb.instrument("gais")
    assert [level.label for level in gais.levels] == [
        "very_much_improved", "much_improved", "improved", "no_change", "worse",
    ]  # fmt: skip
    assert all(level.value is None for level in gais.levels)


def test_the_required_scales_are_present(kb: KnowledgeBase) -> None:
    ids = {i.id for i in kb.instruments}
    assert {"glogau", "fitzpatrick", "merz_jawline", "gais", "bddq_as", "dcq"} <= ids
