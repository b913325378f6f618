"""Scoring a stored answer by the item's kind (`score_answer`), as properties over every item
the platform ships: the score stays within [0, max], the key scores the maximum, and the order
the options were chosen in does not matter."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threadlift.content import Question, load_content, score_answer
from threadlift.content.scoring import ITEM_MAX
from threadlift.knowledge import load_knowledge

KB = load_knowledge()
ITEMS = load_content(KB).all_questions()
CHOICE_ITEMS = [q for q in ITEMS if q.kind in ("single", "multiple")]
HOTSPOTS = [q for q in ITEMS if q.kind == "hotspot"]


def options_of(item: Question) -> st.SearchStrategy[list[str]]:
    ids = [o.id for o in item.options]
    if item.kind == "single":
        return st.sampled_from(ids).map(lambda i: [i])
    return st.lists(st.sampled_from(ids), unique=True)


@given(st.sampled_from(CHOICE_ITEMS), st.data())
def test_a_choice_answer_scores_between_zero_and_the_maximum(
    item: Question, data: st.DataObject
) -> None:
    chosen = data.draw(options_of(item))
    assert 0.0 <= score_answer(item, {"options": chosen}, KB) <= ITEM_MAX


@given(st.sampled_from(CHOICE_ITEMS))
def test_the_key_always_scores_the_maximum(item: Question) -> None:
    key = [o.id for o in item.options if o.correct]
    assert score_answer(item, {"options": key}, KB) == ITEM_MAX


@given(st.sampled_from([q for q in CHOICE_ITEMS if q.kind == "multiple"]), st.data())
def test_the_order_of_the_options_chosen_does_not_matter(
    item: Question, data: st.DataObject
) -> None:
    chosen = data.draw(options_of(item))
    shuffled = data.draw(st.permutations(chosen))
    assert score_answer(item, {"options": chosen}, KB) == score_answer(
        item, {"options": list(shuffled)}, KB
    )


@pytest.mark.skipif(not HOTSPOTS, reason="no hotspot item shipped")
@given(
    st.sampled_from(HOTSPOTS or [None]),
    st.floats(-200, 200, allow_nan=False),
    st.floats(-200, 200, allow_nan=False),
)
def test_a_click_anywhere_scores_either_nothing_or_the_maximum(
    item: Question, x: float, y: float
) -> None:
    assert score_answer(item, {"x": x, "y": y}, KB) in (0.0, ITEM_MAX)


def test_an_empty_single_answer_scores_nothing() -> None:
    item = next(q for q in CHOICE_ITEMS if q.kind == "single")
    assert score_answer(item, {"options": []}, KB) == 0.0
