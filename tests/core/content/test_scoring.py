"""Quiz scoring: single best answer, multiple response with partial credit, hotspots, the draw."""

from __future__ import annotations

import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st

from tests.core.content.conftest import GOOD
from threadlift.content import (
    HotspotAnswer,
    Option,
    Question,
    draw_quiz,
    load_content,
    quiz_result,
    score_hotspot,
    score_multiple,
    score_single,
)
from threadlift.content.regions import correct_region, region
from threadlift.knowledge import KnowledgeBase


def _item(correct: list[bool], kind: str = "multiple") -> Question:
    options = tuple(
        Option(id=chr(ord("a") + i), text=f"option {i}", correct=c, why="Because. [R30]")
        for i, c in enumerate(correct)
    )
    return Question(
        id="q_test",
        module="anatomy_ageing",
        outcome="ao_danger_zones",
        kind=kind,  # type: ignore[arg-type]
        difficulty=1,
        stem="Which?",
        options=options,
        explanation="So. [R30]",
        sources=("R30",),
    )


def test_a_single_best_answer_item_scores_one_or_zero() -> None:
    item = _item([False, True, False, False], kind="single")
    assert score_single(item, "b") == 1.0
    assert score_single(item, "a") == 0.0
    assert score_single(item, None) == 0.0


def test_multiple_response_credit_is_right_minus_wrong_over_the_number_right() -> None:
    item = _item([True, True, True, False, False])  # a, b, c correct
    assert score_multiple(item, {"a", "b", "c"}) == 1.0
    assert score_multiple(item, {"a", "b"}) == pytest.approx(2 / 3)
    assert score_multiple(item, {"a", "b", "d"}) == pytest.approx(1 / 3)
    assert score_multiple(item, {"a", "d", "e"}) == 0.0  # floored, not -1/3
    assert score_multiple(item, set()) == 0.0
    # choosing everything is not full marks
    assert score_multiple(item, {"a", "b", "c", "d", "e"}) == pytest.approx(1 / 3)


def test_scoring_an_unknown_option_or_the_wrong_kind_is_an_error() -> None:
    item = _item([True, True, False, False])
    with pytest.raises(ValueError, match="unknown option"):
        score_multiple(item, {"z"})
    with pytest.raises(ValueError, match="not single"):
        score_single(item, "a")


@st.composite
def multiple_items(draw: st.DrawFn) -> Question:
    n = draw(st.integers(4, 6))
    right = draw(st.integers(2, n - 1))
    mask = [True] * right + [False] * (n - right)
    return _item(draw(st.permutations(mask)))


@given(multiple_items(), st.data())
def test_partial_credit_stays_between_zero_and_one(item: Question, data: st.DataObject) -> None:
    chosen = data.draw(st.sets(st.sampled_from([o.id for o in item.options])))
    assert 0.0 <= score_multiple(item, chosen) <= 1.0


@given(multiple_items())
def test_choosing_exactly_the_correct_options_scores_one(item: Question) -> None:
    assert score_multiple(item, item.correct_ids) == 1.0


@given(multiple_items(), st.data())
def test_adding_a_wrong_choice_never_raises_the_score(item: Question, data: st.DataObject) -> None:
    ids = [o.id for o in item.options]
    chosen = data.draw(st.sets(st.sampled_from(ids)))
    wrong = [o.id for o in item.options if not o.correct and o.id not in chosen]
    if wrong:
        extra = data.draw(st.sampled_from(wrong))
        assert score_multiple(item, chosen | {extra}) <= score_multiple(item, chosen)


@given(st.integers(0, 10_000), st.integers(1, 6))
def test_a_draw_shuffles_options_but_keeps_every_option_and_the_correct_set(
    seed: int, n: int
) -> None:
    items = [
        _item([True, True, False, False, True, False]),
        _item([False, True, False, False], kind="single"),
    ]
    items = [
        items[0].model_copy(update={"id": "q_one"}),
        items[1].model_copy(update={"id": "q_two"}),
    ]
    draw = draw_quiz(items, n, seed, pass_mark=0.7)
    assert len(draw.items) == min(n, 2)
    by_id = {q.id: q for q in items}
    for drawn in draw.items:
        item = by_id[drawn.item_id]
        assert sorted(drawn.option_order) == sorted(o.id for o in item.options)
        correct_shown = {oid for oid in drawn.option_order if oid in item.correct_ids}
        assert correct_shown == item.correct_ids
    assert draw == draw_quiz(items, n, seed, pass_mark=0.7)


def test_draws_differ_between_seeds(kb: KnowledgeBase) -> None:
    items = load_content(kb, GOOD).questions["anatomy_ageing"]
    orders = {tuple(d.item_id for d in draw_quiz(items, 4, seed, 0.5).items) for seed in range(20)}
    assert len(orders) > 1


def test_a_quiz_result_respects_the_pass_mark() -> None:
    assert quiz_result([1, 1, 0.5, 0], 0.6).passed is True  # 2.5/4 = 0.625
    assert quiz_result([1, 0, 0.5, 0], 0.6).passed is False
    assert quiz_result([1.0] * 7 + [0.0] * 3, 0.7).passed is True
    assert quiz_result([], 0.5).passed is False


def _hotspot(view: str, answer: HotspotAnswer) -> Question:
    return Question(
        id="q_click",
        module="anatomy_ageing",
        outcome="ao_danger_zones",
        kind="hotspot",
        difficulty=2,
        stem="Click.",
        view=view,
        answer=answer,  # type: ignore[arg-type]
        explanation="So. [R30]",
        sources=("R30",),
    )


def test_a_click_inside_the_named_zone_is_correct_and_elsewhere_is_not(kb: KnowledgeBase) -> None:
    item = _hotspot("lateral-left", HotspotAnswer(inside=("marginal_mandibular_nerve",)))
    zone = region("lateral-left", "marginal_mandibular_nerve", kb)
    assert zone is not None
    inside = zone.representative_point()
    assert score_hotspot(item, inside.x, inside.y, kb) == 1.0
    far = shapely.Point(inside.x, inside.y - 150)  # well above the head's lower third
    assert not zone.intersects(far)
    assert score_hotspot(item, far.x, far.y, kb) == 0.0


def test_a_safe_jowl_click_must_be_in_the_jowl_and_outside_every_zone(kb: KnowledgeBase) -> None:
    answer = HotspotAnswer(inside=("jowl",), outside_all_zones=True)
    item = _hotspot("frontal", answer)
    jowl = region("frontal", "jowl", kb)
    assert jowl is not None
    safe = correct_region("frontal", answer, kb).representative_point()
    assert score_hotspot(item, safe.x, safe.y, kb) == 1.0
    artery = region("frontal", "facial_artery", kb)
    assert artery is not None
    risky = jowl.intersection(artery).representative_point()  # in the jowl, on the artery
    assert jowl.intersects(risky)
    assert score_hotspot(item, risky.x, risky.y, kb) == 0.0
    outside_jowl = shapely.Point(0.0, -60.0)  # the forehead
    assert not jowl.intersects(outside_jowl)
    assert score_hotspot(item, outside_jowl.x, outside_jowl.y, kb) == 0.0


def test_a_click_just_outside_the_target_counts_within_the_policy_tolerance(
    kb: KnowledgeBase,
) -> None:
    from threadlift.content.forms import policy

    item = _hotspot("lateral-left", HotspotAnswer(inside=("marginal_mandibular_nerve",)))
    zone = region("lateral-left", "marginal_mandibular_nerve", kb)
    assert zone is not None
    tolerance = policy().hotspot_tolerance_mm
    ring = zone.buffer(tolerance * 0.9).difference(zone.buffer(tolerance * 0.1))
    near = ring.representative_point()
    assert not zone.intersects(near)
    assert score_hotspot(item, near.x, near.y, kb) == 1.0
    assert score_hotspot(item, near.x, near.y, kb, tolerance_mm=0.0) == 0.0
    beyond = zone.buffer(tolerance * 3).difference(zone.buffer(tolerance * 1.5))
    far = beyond.representative_point()
    assert score_hotspot(item, far.x, far.y, kb) == 0.0


def test_outside_every_zone_has_no_tolerance(kb: KnowledgeBase) -> None:
    answer = HotspotAnswer(inside=("jowl",), outside_all_zones=True)
    item = _hotspot("frontal", answer)
    jowl = region("frontal", "jowl", kb)
    artery = region("frontal", "facial_artery", kb)
    assert jowl is not None
    assert artery is not None
    risky = jowl.intersection(artery).representative_point()
    assert score_hotspot(item, risky.x, risky.y, kb, tolerance_mm=10.0) == 0.0
