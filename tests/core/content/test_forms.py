"""Exam forms from blueprints: cells filled, same seed same form, exposure between forms."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threadlift.content import Option, Question, load_content
from threadlift.content.forms import (
    Blueprint,
    BlueprintError,
    allowed_shared,
    assemble_form,
    blueprint_problems,
    default_blueprint,
    meets,
    min_shared,
    policy,
    worst_case_shared,
)
from threadlift.knowledge import KnowledgeBase

OUTCOMES = ("o_a", "o_b", "o_c")


def _item(n: int, outcome: str, difficulty: int) -> Question:
    options = tuple(
        Option(id=f"x{k}", text=f"option {k}", correct=k == 0, why="Because. [R30]")
        for k in range(4)
    )
    return Question(
        id=f"q{n}",
        module="anatomy_ageing",
        outcome=outcome,
        kind="single",
        difficulty=difficulty,  # type: ignore[arg-type]
        stem=f"Item {n}?",
        options=options,
        explanation="So. [R30]",
        sources=("R30",),
    )


@st.composite
def pools_and_blueprints(draw: st.DrawFn) -> tuple[list[Question], Blueprint]:
    """A pool over 3 outcomes × 3 difficulties and a blueprint it can fill."""
    cells = [(o, d) for o in OUTCOMES for d in (1, 2, 3)]
    sizes = draw(st.lists(st.integers(0, 6), min_size=len(cells), max_size=len(cells)))
    sizes[0] = max(sizes[0], 1)  # never an empty pool
    pool: list[Question] = []
    counts = {}
    for (outcome, difficulty), size in zip(cells, sizes, strict=True):
        start = len(pool)
        pool += [_item(start + k, outcome, difficulty) for k in range(size)]
        counts[(outcome, difficulty)] = draw(st.integers(0, size))
    if not any(counts.values()):
        first = next(cell for cell, size in zip(cells, sizes, strict=True) if size)
        counts[first] = 1
    return pool, Blueprint.from_counts(counts)


nonempty = pools_and_blueprints()


@settings(max_examples=60, deadline=None)
@given(nonempty, st.integers(0, 2**31 - 1))
def test_a_form_always_meets_its_blueprint(pb: tuple[list[Question], Blueprint], seed: int) -> None:
    pool, blueprint = pb
    form = assemble_form(pool, blueprint, seed)
    assert meets(form, blueprint, pool)
    assert len(form.items) == blueprint.size


@settings(max_examples=60, deadline=None)
@given(nonempty, st.integers(0, 2**31 - 1), st.integers(0, 2**31 - 1))
def test_the_same_seed_gives_the_same_form(
    pb: tuple[list[Question], Blueprint], seed: int, other: int
) -> None:
    pool, blueprint = pb
    first = assemble_form(pool, blueprint, seed, previous=["q0"])
    assert assemble_form(list(reversed(pool)), blueprint, seed, previous=["q0"]) == first


@settings(max_examples=80, deadline=None)
@given(nonempty, st.integers(0, 2**31 - 1), st.integers(0, 2**31 - 1))
def test_consecutive_forms_share_at_most_the_stated_share_when_the_pool_allows(
    pb: tuple[list[Question], Blueprint], seed: int, next_seed: int
) -> None:
    pool, blueprint = pb
    first = assemble_form(pool, blueprint, seed)
    second = assemble_form(pool, blueprint, next_seed, previous=first.item_ids)
    shared = len(set(first.item_ids) & set(second.item_ids))
    assert shared == second.shared == min_shared(blueprint, pool, first.item_ids)
    allowed = allowed_shared(blueprint.size, policy().exposure_max_shared)
    if worst_case_shared(blueprint, pool) <= allowed:
        assert shared <= allowed


def test_options_are_shuffled_per_form_and_keep_every_option() -> None:
    pool = [_item(n, "o_a", 1) for n in range(6)]
    blueprint = Blueprint.from_counts({("o_a", 1): 6})
    orders = {assemble_form(pool, blueprint, seed).items for seed in range(8)}
    assert len(orders) > 1
    for form_items in orders:
        assert all(sorted(order) == ["x0", "x1", "x2", "x3"] for _, order in form_items)


def test_a_blueprint_asking_for_more_than_the_pool_has_is_refused() -> None:
    pool = [_item(n, "o_a", 1) for n in range(2)]
    blueprint = Blueprint.from_counts({("o_a", 1): 3, ("o_b", 2): 1})
    problems = blueprint_problems(blueprint, pool)
    assert set(problems) == {("o_a", 1), ("o_b", 2)}
    assert "3 asked, the pool has 2" in problems[("o_a", 1)]
    with pytest.raises(BlueprintError):
        assemble_form(pool, blueprint, 1)


def test_every_module_s_packaged_blueprint_fits_its_pool_and_the_exposure_rule(
    kb: KnowledgeBase,
) -> None:
    content = load_content(kb)
    share = policy().exposure_max_shared
    for module in content.modules:
        blueprint = default_blueprint(module.id)
        assert blueprint is not None, module.id
        pool = content.questions[module.id]
        assert blueprint_problems(blueprint, pool) == {}, module.id
        assert {o for o, _ in blueprint.counts()} == {o.id for o in module.outcomes}, module.id
        assert worst_case_shared(blueprint, pool) <= allowed_shared(blueprint.size, share)


def test_the_assessment_policy_is_marked_as_policy() -> None:
    assert policy().status == "policy"
    assert 0 < policy().exposure_max_shared < 1
