"""Load and check the simulator exercises (`data/exercises/<id>.yaml`).

Every exercise is checked at load: its schema (unknown keys refused), that its file name is its
id, that every product id, source id, reference plan and face id exists, that the reference
plan is for the exercise's indication and view, and that every product of the reference plan is
on offer alongside at least one other choice.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from threadlift.anatomy.variants import face_ids
from threadlift.knowledge import KnowledgeBase, load_knowledge
from threadlift.planning.reference import reference_plan, reference_plan_names
from threadlift.simulator.models import Exercise


class ExerciseError(ValueError):
    """Invalid exercise data; `problems` lists every problem as `FILE: FIELD: message`."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def data_dir() -> Path:
    """The packaged exercise directory."""
    return Path(str(resources.files("threadlift.simulator").joinpath("data/exercises")))


def _parse(path: Path, problems: list[str]) -> Exercise | None:
    try:
        raw: Any = yaml.safe_load(path.read_text())
        exercise = Exercise.model_validate(raw)
    except yaml.YAMLError as exc:
        problems.append(f"{path.name}: -: not valid YAML: {exc}")
        return None
    except ValidationError as exc:
        for error in exc.errors():
            loc = ".".join(str(p) for p in error["loc"]) or "-"
            problems.append(f"{path.name}: {loc}: {error['msg']}")
        return None
    if exercise.id != path.stem:
        problems.append(f"{path.name}: id: must equal the file name ({path.stem!r})")
    return exercise


def _check(exercise: Exercise, kb: KnowledgeBase, file: str) -> list[str]:
    problems: list[str] = []
    source_ids = {s.id for s in kb.sources}
    for source in exercise.sources:
        if source not in source_ids:
            problems.append(f"{file}: sources: unknown source {source!r}")
    product_ids = {p.id for p in kb.products}
    for i, offer in enumerate(exercise.products):
        if isinstance(offer.product, str) and offer.product not in product_ids:
            problems.append(f"{file}: products[{i}].product: unknown product {offer.product!r}")
    if len({o.id for o in exercise.products}) != len(exercise.products):
        problems.append(f"{file}: products: offer ids must be unique")
    known_faces = set(face_ids(exercise.view))
    for i, face in enumerate(exercise.faces):
        if face not in known_faces:
            problems.append(
                f"{file}: faces[{i}]: unknown face {face!r} in the {exercise.view} view"
            )
    if len(set(exercise.faces)) < 2:
        problems.append(f"{file}: faces: at least two different faces")
    if exercise.reference_plan not in reference_plan_names():
        problems.append(
            f"{file}: reference_plan: unknown reference plan {exercise.reference_plan!r}"
        )
        return problems
    plan = reference_plan(exercise.reference_plan)
    if plan.indication != exercise.indication:
        problems.append(
            f"{file}: reference_plan: is for {plan.indication!r}, not {exercise.indication!r}"
        )
    if plan.view != exercise.view:
        problems.append(f"{file}: view: the reference plan is drawn in {plan.view!r}")
    offered = [o.product for o in exercise.products]
    for t, thread in enumerate(plan.threads):
        if thread.product not in offered:
            problems.append(
                f"{file}: products: the reference plan's thread {t + 1} product is not on offer"
            )
    if not any(o.product not in [t.product for t in plan.threads] for o in exercise.products):
        problems.append(f"{file}: products: offer at least one product besides the model answer's")
    if not any(o.suitable for o in exercise.products):
        problems.append(f"{file}: products: no suitable product on offer")
    return problems


def check_exercises(
    kb: KnowledgeBase, root: Path | None = None
) -> tuple[tuple[Exercise, ...], list[str]]:
    """Every exercise under `root` (default: the packaged ones) and every problem found."""
    directory = root or data_dir()
    problems: list[str] = []
    exercises: list[Exercise] = []
    for path in sorted(directory.glob("*.yaml")):
        exercise = _parse(path, problems)
        if exercise is not None:
            problems += _check(exercise, kb, path.name)
            exercises.append(exercise)
    if not exercises and not problems:
        problems.append(f"{directory}: -: no exercise files")
    return tuple(exercises), problems


@functools.cache
def load_exercises() -> tuple[Exercise, ...]:
    """The packaged exercises, sorted by id; raises `ExerciseError` listing every problem."""
    exercises, problems = check_exercises(load_knowledge())
    if problems:
        raise ExerciseError(problems)
    return tuple(sorted(exercises, key=lambda e: e.id))


def exercise(exercise_id: str) -> Exercise:
    """The exercise `exercise_id`; KeyError if there is none."""
    for item in load_exercises():
        if item.id == exercise_id:
            return item
    raise KeyError(f"unknown exercise {exercise_id!r}")
