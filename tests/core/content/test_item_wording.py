"""Items a clinician who does not know the answer could pick from the wording alone."""

from __future__ import annotations

from threadlift.content import load_content
from threadlift.content.schemas import Question
from threadlift.knowledge import KnowledgeBase


def key_is_the_uniquely_longest_option(item: Question) -> bool:
    """A single-best-answer item whose key is longer than every distractor."""
    key = next(o for o in item.options if o.correct)
    return all(len(key.text) > len(o.text) for o in item.options if not o.correct)


def test_no_single_best_answer_item_has_the_uniquely_longest_option_as_its_key(
    kb: KnowledgeBase,
) -> None:
    items = [q for q in load_content(kb).all_questions() if q.kind == "single"]
    flagged = [q.id for q in items if key_is_the_uniquely_longest_option(q)]
    assert flagged == []


def test_the_key_is_not_in_the_same_position_in_most_items(kb: KnowledgeBase) -> None:
    items = [q for q in load_content(kb).all_questions() if q.kind == "single"]
    positions = [next(i for i, o in enumerate(q.options) if o.correct) for q in items]
    most = max(positions.count(p) for p in set(positions))
    assert most / len(items) < 0.5  # quizzes shuffle options too; the files should not lean


HEDGES = ("our policy", "our reading", "unconfirmed", "weak source")


def test_a_hedge_in_the_key_also_appears_in_a_distractor(kb: KnowledgeBase) -> None:
    """ "(our policy)" or "a weak source" only on the key would point to it."""
    flagged = []
    for item in load_content(kb).all_questions():
        if item.kind != "single":
            continue
        for hedge in HEDGES:
            in_key = any(hedge in o.text.lower() for o in item.options if o.correct)
            in_distractor = any(hedge in o.text.lower() for o in item.options if not o.correct)
            if in_key and not in_distractor:
                flagged.append((item.id, hedge))
    assert flagged == []
