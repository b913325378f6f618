"""`threadlift score --variation N [--seed S]`: the variation block and bad input."""

from __future__ import annotations

import json
from importlib import resources

import pytest

import threadlift.cli

REFERENCE = resources.files("threadlift.planning").joinpath("data/reference_plans")
JOWL = str(REFERENCE.joinpath("jowl.json"))


@pytest.fixture(autouse=True)
def only_planning_commands(monkeypatch) -> None:
    monkeypatch.setattr(threadlift.cli, "COMMAND_MODULES", ("threadlift.planning.cli",))


def run(*argv: str) -> int:
    return threadlift.cli.main(list(argv))


def test_variation_adds_the_block_to_the_score_json(capsys) -> None:
    assert run("score", JOWL, "--json", "--variation", "40", "--seed", "5") == 0
    data = json.loads(capsys.readouterr().out)
    block = data["variation"]
    assert (block["faces"], block["seed"]) == (40, 5)
    assert 0.0 <= block["passed_fraction"] <= 1.0
    for share in block["zones"].values():
        assert set(share) == {"fraction", "critical_fraction"}
        assert 0.0 <= share["critical_fraction"] <= share["fraction"] <= 1.0


def test_the_default_seed_is_documented_and_reproduces(capsys) -> None:
    run("score", JOWL, "--json", "--variation", "30")
    first = json.loads(capsys.readouterr().out)["variation"]
    run("score", JOWL, "--json", "--variation", "30", "--seed", "0")
    assert json.loads(capsys.readouterr().out)["variation"] == first
    assert first["seed"] == 0


def test_without_variation_the_output_is_unchanged(capsys) -> None:
    run("score", JOWL, "--json")
    assert "variation" not in json.loads(capsys.readouterr().out)


def test_the_text_report_says_the_share_of_faces_passed(capsys) -> None:
    assert run("score", JOWL, "--variation", "50") == 0
    assert "Across 50 sampled faces (seed 0): passed on" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (("--variation", "0"), "--variation"),
        (("--variation", "10001"), "--variation"),
        (("--variation", "-3"), "--variation"),
        (("--variation", "5", "--seed", "-1"), "--seed"),
        (("--seed", "4"), "--seed"),
    ],
)
def test_it_refuses_a_face_count_or_seed_out_of_range_naming_the_field(argv, field, capsys) -> None:
    assert run("score", JOWL, "--json", *argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"threadlift: error: {field}:" in captured.err


def test_a_non_number_is_refused_by_the_parser_naming_the_option(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        run("score", JOWL, "--variation", "many")
    assert exc.value.code == 2
    assert "--variation" in capsys.readouterr().err
