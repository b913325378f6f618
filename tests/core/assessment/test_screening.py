"""BDDQ-AS and DCQ are scored exactly as published, including the boundary cases."""

from __future__ import annotations

import pytest

from threadlift.assessment import score_bddq_as, score_dcq
from threadlift.assessment.profile import BddqAs
from threadlift.knowledge import KnowledgeBase


@pytest.mark.parametrize(
    ("answers", "positive"),
    [
        ({"q1": True, "q2": True, "q3": 3}, True),
        ({"q1": True, "q2": True, "q3": 2, "q4": 2, "q5": 2, "q6": 2, "q7": False}, False),
        ({"q1": True, "q2": True, "q6": 3}, True),
        ({"q1": True, "q2": True, "q3": 2, "q7": True}, True),
        ({"q1": True, "q2": False, "q3": 5, "q4": 5, "q7": True}, False),
        ({"q1": False, "q2": True, "q3": 5, "q7": True}, False),
        ({"q1": True, "q2": True}, False),
        ({"q1": True, "q2": True, "q3": 1, "q4": 1, "q5": 1, "q6": 1}, False),
    ],
)
def test_bddq_as_is_positive_only_with_items_1_and_2_and_distress_or_item_7(
    kb: KnowledgeBase, answers: dict[str, object], positive: bool
) -> None:
    result = score_bddq_as(BddqAs.model_validate(answers), kb)
    assert result.positive is positive
    assert result.sources == ("R46",)


@pytest.mark.parametrize(
    ("items", "total", "positive", "met"),
    [
        ((0, 0, 0, 0, 0, 0, 0), 0, False, (False, False)),
        ((2, 1, 1, 1, 1, 1, 1), 8, False, (False, False)),
        ((3, 1, 1, 1, 1, 1, 1), 9, True, (False, False)),
        ((3, 3, 1, 1, 1, 1, 1), 11, True, (True, False)),
        ((3, 3, 3, 1, 1, 1, 1), 13, True, (True, False)),
        ((3, 3, 3, 2, 1, 1, 1), 14, True, (True, True)),
        ((3, 3, 3, 3, 3, 3, 3), 21, True, (True, True)),
    ],
)
def test_dcq_totals_seven_items_positive_at_9_and_reports_11_and_14(
    kb: KnowledgeBase,
    items: tuple[int, ...],
    total: int,
    positive: bool,
    met: tuple[bool, bool],
) -> None:
    result = score_dcq(items, kb)
    assert result.total == total
    assert result.positive is positive
    assert result.cut_off == 9
    assert [(c.at_least, c.met) for c in result.other_cut_offs] == list(
        zip((11, 14), met, strict=True)
    )


def test_dcq_refuses_a_wrong_number_of_items(kb: KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="7 items"):
        score_dcq((1, 1, 1), kb)
