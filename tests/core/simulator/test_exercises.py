"""Exercises as data: one per indication, checked at load, the model answer right on every face."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from threadlift.anatomy.variants import face_ids, variant_face
from threadlift.cli import main
from threadlift.knowledge.vocab import INDICATION_IDS
from threadlift.planning import reference_plan, score_plan
from threadlift.simulator import check_exercises, exercise, load_exercises, mastery_policy
from threadlift.simulator.exercises import data_dir

CASES = [(e.id, f) for e in load_exercises() for f in e.faces]


def test_there_is_at_least_one_exercise_per_indication() -> None:
    assert {e.indication for e in load_exercises()} == set(INDICATION_IDS)


def test_an_exercise_is_found_by_id_and_an_unknown_id_is_a_key_error() -> None:
    assert exercise("jowl").indication == "jowl"
    with pytest.raises(KeyError):
        exercise("no-such-exercise")


@pytest.mark.parametrize(("exercise_id", "face_id"), CASES)
def test_the_model_answer_passes_on_every_face_of_its_exercise(kb, exercise_id, face_id) -> None:
    ex = exercise(exercise_id)
    face = variant_face(face_id, ex.view)
    score = score_plan(reference_plan(ex.reference_plan), kb, face, objectives=ex.objectives)
    assert score.passed, [f.message for f in score.findings if f.severity == "critical"]
    assert score.overall >= mastery_policy().default_for(ex.id)


def test_every_exercise_offers_the_model_answers_product_and_another_choice() -> None:
    for ex in load_exercises():
        offered = [o.product for o in ex.products]
        for thread in reference_plan(ex.reference_plan).threads:
            assert thread.product in offered
        assert len(ex.products) >= 2
        assert set(ex.faces) <= set(face_ids(ex.view))


def test_every_clinical_statement_cites_a_source() -> None:
    for ex in load_exercises():
        for statement in (*ex.patient.facts, *ex.hints):
            assert statement.sources
        assert ex.sources


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "exercises"
    shutil.copytree(data_dir(), root)
    return root


def _edit(root: Path, name: str, **changes: object) -> None:
    path = root / f"{name}.yaml"
    data = yaml.safe_load(path.read_text())
    data.update(changes)
    path.write_text(yaml.safe_dump(data))


def test_an_unknown_key_is_refused(kb, tmp_path) -> None:
    root = _copy(tmp_path)
    _edit(root, "jowl", difficulty="hard")
    _, problems = check_exercises(kb, root)
    assert any("jowl.yaml: difficulty" in p for p in problems)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"reference_plan": "cheek"}, "unknown reference plan"),
        ({"reference_plan": "neck"}, "is for 'neck'"),
        ({"faces": ["female", "martian"]}, "unknown face 'martian'"),
        ({"view": "frontal"}, "the reference plan is drawn in"),
    ],
)
def test_a_broken_reference_is_named(kb, tmp_path, change, expected) -> None:
    root = _copy(tmp_path)
    _edit(root, "jowl", **change)
    _, problems = check_exercises(kb, root)
    assert any(expected in p for p in problems), problems


def test_an_unknown_product_or_source_is_named(kb, tmp_path) -> None:
    root = _copy(tmp_path)
    data = yaml.safe_load((root / "midface.yaml").read_text())
    data["products"][1]["product"] = "no_such_product"
    data["hints"][0]["sources"] = ["R9999"]
    (root / "midface.yaml").write_text(yaml.safe_dump(data))
    _, problems = check_exercises(kb, root)
    assert any("unknown product 'no_such_product'" in p for p in problems)
    assert any("unknown source 'R9999'" in p for p in problems)


def test_the_model_answers_product_must_be_on_offer(kb, tmp_path) -> None:
    root = _copy(tmp_path)
    data = yaml.safe_load((root / "jowl.yaml").read_text())
    data["products"] = data["products"][1:] * 2
    data["products"][1]["id"] = "other"
    (root / "jowl.yaml").write_text(yaml.safe_dump(data))
    _, problems = check_exercises(kb, root)
    assert any("product is not on offer" in p for p in problems)


def test_the_cli_check_passes_on_the_packaged_exercises(capsys) -> None:
    assert main(["simulator", "check"]) == 0
    assert "simulator: ok: 9 exercises" in capsys.readouterr().out


def test_the_cli_check_fails_listing_the_problems(tmp_path, capsys) -> None:
    root = _copy(tmp_path)
    _edit(root, "jowl", reference_plan="cheek")
    assert main(["simulator", "check", "--root", str(root)]) == 1
    assert "unknown reference plan" in capsys.readouterr().out


def test_the_cli_check_refuses_a_missing_directory(tmp_path, capsys) -> None:
    assert main(["simulator", "check", "--root", str(tmp_path / "none")]) == 2


def test_every_exercise_states_its_objectives_as_data_the_verdict_checks() -> None:
    for ex in load_exercises():
        assert ex.objectives.target_fraction is not None, ex.id
        if ex.objectives.threads_per_side is not None:
            low = ex.objectives.threads_per_side[0]
            words = {1: "one", 2: "2", 3: "3", 4: "four"}
            assert words[low] in ex.objective.lower(), ex.id  # the text says what is checked
