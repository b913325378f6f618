"""Exam forms: a blueprint (items per learning outcome × difficulty) turned into the items of one
attempt, with the options shuffled and an exposure rule against the learner's previous form.

    blueprint = default_blueprint("anatomy_ageing")
    problems = blueprint_problems(blueprint, pool)       # [] when the pool can fill it
    form = assemble_form(pool, blueprint, seed=7, previous=last_form_ids)

Assembly is deterministic for a seed (and the same pool, blueprint and previous form). In every
cell it takes items the previous form did not use first, so two consecutive forms share as few
items as the pool allows; `min_shared` says how few that is. The rules (the tolerated share,
the blueprints) are data: `assessment_policy.yaml` and `blueprints.yaml`. Pure core: no Django.
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Collection, Mapping, Sequence
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field

from threadlift.content.schemas import Question

DIFFICULTIES: tuple[int, ...] = (1, 2, 3)

Cell = tuple[str, int]
"""(outcome id, difficulty)."""


class Blueprint(BaseModel):
    """How many items of each (outcome, difficulty) cell a form draws. Empty cells are left out."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    cells: dict[str, dict[int, int]] = Field(description="outcome -> difficulty -> count")

    @property
    def size(self) -> int:
        return sum(self.counts().values())

    def counts(self) -> dict[Cell, int]:
        return {
            (outcome, difficulty): n
            for outcome, row in sorted(self.cells.items())
            for difficulty, n in sorted(row.items())
            if n > 0
        }

    @classmethod
    def from_counts(cls, counts: Mapping[Cell, int]) -> Blueprint:
        cells: dict[str, dict[int, int]] = {}
        for (outcome, difficulty), n in counts.items():
            if n > 0:
                cells.setdefault(outcome, {})[difficulty] = n
        return cls(cells=cells)


class Policy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    status: str
    hotspot_tolerance_mm: float = Field(ge=0, le=20)
    exposure_max_shared: float = Field(ge=0, le=1)
    pass_mark: float = Field(gt=0, le=1)


class Form(BaseModel):
    """One assembled form: items in the order shown, each with its options' order."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    items: tuple[tuple[str, tuple[str, ...]], ...]
    seed: int
    shared: int = Field(ge=0, description="items also on the previous form")

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(item_id for item_id, _ in self.items)


class BlueprintError(ValueError):
    """The pool cannot fill the blueprint; `problems` maps a cell to what is wrong with it."""

    def __init__(self, problems: dict[Cell, str]) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = problems


def _read(name: str) -> dict[str, object]:
    data = yaml.safe_load(resources.files("threadlift.content").joinpath(name).read_text())
    assert isinstance(data, dict)
    return data


@functools.cache
def policy() -> Policy:
    """The assessment policy (assessment_policy.yaml)."""
    return Policy.model_validate(_read("assessment_policy.yaml"))


@functools.cache
def _blueprints() -> dict[str, Blueprint]:
    modules = _read("blueprints.yaml")["modules"]
    assert isinstance(modules, dict)
    return {m: Blueprint(cells=cells) for m, cells in modules.items()}


def default_blueprint(module_id: str) -> Blueprint | None:
    """The packaged blueprint of a module (blueprints.yaml), None when it has none."""
    return _blueprints().get(module_id)


def pool_counts(pool: Sequence[Question]) -> dict[Cell, int]:
    """How many items of the pool fall in each (outcome, difficulty) cell."""
    counts: dict[Cell, int] = {}
    for q in pool:
        counts[(q.outcome, q.difficulty)] = counts.get((q.outcome, q.difficulty), 0) + 1
    return counts


def blueprint_problems(blueprint: Blueprint, pool: Sequence[Question]) -> dict[Cell, str]:
    """Cells asking for more items than the pool has (empty when the blueprint can be filled)."""
    have = pool_counts(pool)
    problems: dict[Cell, str] = {}
    for cell, n in blueprint.counts().items():
        if n > have.get(cell, 0):
            outcome, difficulty = cell
            problems[cell] = (
                f"{outcome}, difficulty {difficulty}: {n} asked, the pool has {have.get(cell, 0)}"
            )
    if blueprint.size == 0:
        problems[("", 0)] = "a form needs at least one item"
    return problems


def allowed_shared(size: int, share: float) -> int:
    """How many items two consecutive forms of `size` items may share under `share`."""
    return math.floor(share * size + 1e-9)


def min_shared(blueprint: Blueprint, pool: Sequence[Question], previous: Collection[str]) -> int:
    """The fewest items a form of `blueprint` can share with the form `previous`."""
    seen = set(previous)
    fresh: dict[Cell, int] = {}
    for q in pool:
        if q.id not in seen:
            fresh[(q.outcome, q.difficulty)] = fresh.get((q.outcome, q.difficulty), 0) + 1
    return sum(max(0, n - fresh.get(cell, 0)) for cell, n in blueprint.counts().items())


def worst_case_shared(blueprint: Blueprint, pool: Sequence[Question]) -> int:
    """The most items two consecutive forms must share, whatever the first form was."""
    have = pool_counts(pool)
    return sum(max(0, 2 * n - have.get(cell, 0)) for cell, n in blueprint.counts().items())


def assemble_form(
    pool: Sequence[Question],
    blueprint: Blueprint,
    seed: int,
    previous: Collection[str] = (),
) -> Form:
    """The items of one form: each cell's count drawn from that cell's items, those not on the
    `previous` form first; the items and every item's options in a seeded random order.

    Raises BlueprintError when a cell asks for more items than the pool has."""
    problems = blueprint_problems(blueprint, pool)
    if problems:
        raise BlueprintError(problems)
    rng = random.Random(seed)
    seen = set(previous)
    by_cell: dict[Cell, list[Question]] = {}
    for q in sorted(pool, key=lambda q: q.id):
        by_cell.setdefault((q.outcome, q.difficulty), []).append(q)
    picked: list[Question] = []
    for cell, n in blueprint.counts().items():
        fresh = [q for q in by_cell[cell] if q.id not in seen]
        used = [q for q in by_cell[cell] if q.id in seen]
        rng.shuffle(fresh)
        rng.shuffle(used)
        picked.extend((fresh + used)[:n])
    rng.shuffle(picked)
    items = []
    for q in picked:
        order = [o.id for o in q.options]
        rng.shuffle(order)
        items.append((q.id, tuple(order)))
    shared = sum(q.id in seen for q in picked)
    return Form(items=tuple(items), seed=seed, shared=shared)


def meets(form: Form, blueprint: Blueprint, pool: Sequence[Question]) -> bool:
    """Whether the form has exactly the blueprint's items per cell, each item once."""
    by_id = {q.id: q for q in pool}
    ids = form.item_ids
    if len(set(ids)) != len(ids) or any(i not in by_id for i in ids):
        return False
    got: dict[Cell, int] = {}
    for i in ids:
        cell = (by_id[i].outcome, by_id[i].difficulty)
        got[cell] = got.get(cell, 0) + 1
    return got == blueprint.counts()
