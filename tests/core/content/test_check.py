"""`check_content` and `threadlift content check`: every kind of problem is found and named."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.core.content.conftest import GOOD, Edit
from threadlift.cli import main
from threadlift.content import ContentError, load_content
from threadlift.content.checks import check_content
from threadlift.knowledge import KnowledgeBase

Problems = Callable[[], list[str]]
QFILE = "questions/anatomy_ageing.yaml"
CASE = "cases/case_fixture_jowls.yaml"
LESSON = "modules/anatomy_ageing/danger_zones.md"


def test_the_fixture_tree_is_clean_and_loads_in_module_order(kb: KnowledgeBase) -> None:
    report = check_content(kb, GOOD)
    assert report.problems == []
    content = load_content(kb, GOOD)
    assert [m.id for m in content.modules] == ["anatomy_ageing", "threads_materials"]
    assert [lesson.id for lesson in content.lessons] == [
        "danger_zones",
        "layers_of_the_face",
        "materials",
    ]
    assert [q.id for q in content.questions["anatomy_ageing"]][:2] == [
        "q_mmn_plane",
        "q_layers_multi",
    ]
    assert content.counts() == {
        "modules": 2,
        "lessons": 3,
        "questions": 4,
        "hotspots": 2,
        "cases": 1,
    }


def test_loaded_content_is_frozen(kb: KnowledgeBase) -> None:
    content = load_content(kb, GOOD)
    with pytest.raises(ValueError, match="frozen"):
        content.modules[0].title = "changed"  # type: ignore[misc]


def test_the_counts_are_problems_only_when_strict(kb: KnowledgeBase) -> None:
    load_content(kb, GOOD)
    with pytest.raises(ContentError) as raised:
        load_content(kb, GOOD, strict=True)
    text = str(raised.value)
    assert "-: safe_technique: counts: module is missing" in text
    assert "questions: 4, at least 120 needed" in text
    assert "hotspots: 2, at least 20 needed" in text
    assert "lessons of threads_materials: 1, at least 3 needed" in text


def _set(path: list[Any], value: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _lesson(tree: Path, old: str, new: str) -> None:
    path = tree / LESSON
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    ("relative", "path", "value", "expected"),
    [
        (
            QFILE,
            [0, "sources"],
            ["R30", "R9999"],
            "questions/anatomy_ageing.yaml: q_mmn_plane: sources.1: unknown source 'R9999'",
        ),
        (
            QFILE,
            [0, "options", 0, "why"],
            "Cited elsewhere. [R27]",
            "q_mmn_plane: options.0.why: cites 'R27', which is not in `sources`",
        ),
        (
            QFILE,
            [0, "explanation"],
            "Unknown. [R9999]",
            "q_mmn_plane: explanation: cites unknown source 'R9999'",
        ),
        (
            QFILE,
            [0, "outcome"],
            "ao_nowhere",
            "q_mmn_plane: outcome: 'ao_nowhere' is not an outcome of module 'anatomy_ageing'",
        ),
        (
            QFILE,
            [0, "options", 2, "correct"],
            True,
            "q_mmn_plane: -: a single item needs exactly one correct option, not 2",
        ),
        (
            QFILE,
            [1, "options", 1, "correct"],
            False,
            "q_layers_multi: -: a multiple item needs >= 2 correct and >= 1 incorrect options"
            " (1 correct)",
        ),
        (
            QFILE,
            [0, "options", 0, "why"],
            "",
            "q_mmn_plane: options.0.why: String should have at least 1 character",
        ),
        (QFILE, [0, "colour"], "red", "q_mmn_plane: colour: Extra inputs are not permitted"),
        (
            QFILE,
            [2, "answer", "inside"],
            ["ear_lobe"],
            "q_click_mmn: answer.inside.0: 'ear_lobe' is not a danger-zone or area id",
        ),
        (
            QFILE,
            [3, "answer", "inside"],
            ["facial_artery"],
            "q_click_safe_jowl: answer.inside.0: 'facial_artery' is a danger zone,"
            " but the answer is outside all zones",
        ),
        (
            QFILE,
            [2, "view"],
            "top",
            "q_click_mmn: view: Input should be 'frontal', 'lateral-left' or 'lateral-right'",
        ),
        (
            CASE,
            ["steps", "s2", "choices", 0, "next"],
            "s9",
            "case_fixture_jowls: steps.s2.choices.a.next: no step or ending 's9'",
        ),
        (CASE, ["start"], "s0", "case_fixture_jowls: start: no step 's0'"),
        (
            CASE,
            ["patient", "bmi"],
            "normal",
            "case_fixture_jowls: patient.bmi: Input should be a valid number",
        ),
        (
            CASE,
            ["patient", "conditions"],
            ["vampirism"],
            "case_fixture_jowls: patient.conditions.0: unknown condition id 'vampirism'",
        ),
        (
            CASE,
            ["outcomes"],
            ["tm_materials"],
            "case_fixture_jowls: outcomes.0: 'tm_materials'"
            " is not an outcome of module 'anatomy_ageing'",
        ),
        (
            CASE,
            ["story"],
            "A story citing [R27].",
            "case_fixture_jowls: story: cites 'R27', which is not in `sources`",
        ),
        (
            CASE,
            ["steps", "s2", "choices", 0, "verdict"],
            "suitable",
            "case_fixture_jowls: steps.s2: `verdict` only on `kind: suitability` steps (['a'])",
        ),
        (
            "modules/anatomy_ageing/module.yaml",
            ["lessons"],
            ["danger_zones", "layers_of_the_face", "ghost"],
            "modules/anatomy_ageing/module.yaml: anatomy_ageing: lessons.2: no file ghost.md",
        ),
        (
            "modules/anatomy_ageing/module.yaml",
            ["lessons"],
            ["danger_zones"],
            "anatomy_ageing: lessons: layers_of_the_face.md is not listed",
        ),
        (
            "modules/threads_materials/module.yaml",
            ["outcomes", 0, "id"],
            "ao_layers",
            "threads_materials: outcomes.0.id: 'ao_layers' also in module 'anatomy_ageing'",
        ),
        (
            "modules/threads_materials/module.yaml",
            ["id"],
            "needles",
            "needles: id: not one of the seven modules",
        ),
    ],
)
def test_each_kind_of_problem_is_named_by_file_id_and_field(
    edit: Edit, problems: Problems, relative: str, path: list[Any], value: Any, expected: str
) -> None:
    assert not problems()
    edit(relative, _set(path, value))
    found = problems()
    assert any(expected in line for line in found), found


def test_a_multiple_item_with_every_option_correct_is_a_problem(
    edit: Edit, problems: Problems
) -> None:
    def all_correct(data: Any) -> None:
        for option in data[1]["options"]:
            option["correct"] = True

    edit(QFILE, all_correct)
    expected = (
        "q_layers_multi: -: a multiple item needs >= 2 correct and >= 1 incorrect options"
        " (4 correct)"
    )
    assert expected in "\n".join(problems())


def test_a_correct_suitability_choice_must_have_the_engines_verdict(
    edit: Edit, problems: Problems
) -> None:
    def swap(data: Any) -> None:
        choices = data["steps"]["s1"]["choices"]
        choices[0]["correct"], choices[1]["correct"] = True, False

    edit(CASE, swap)
    found = problems()
    assert any(
        "steps.s1.choices.a.verdict: marked correct with 'suitable',"
        " but the assessment engine says 'caution'" in line
        for line in found
    ), found
    assert any(
        "steps.s1.choices.b.correct: has the engine's verdict 'caution' but is not marked correct"
        in line
        for line in found
    ), found


def test_a_step_that_cannot_reach_the_end_and_an_unreachable_step_are_problems(
    edit: Edit, problems: Problems
) -> None:
    def loop(data: Any) -> None:
        data["steps"]["s2"]["choices"][0]["next"] = "s1"
        data["steps"]["s2"]["choices"][1]["next"] = "s1"
        data["steps"]["s1"]["choices"][2]["next"] = "s2"
        data["steps"]["s3"] = {
            "prompt": "Orphan?",
            "choices": [
                {"id": "a", "text": "x", "correct": True, "feedback": "y", "next": "end"},
                {"id": "b", "text": "z", "correct": False, "feedback": "y", "next": "end"},
            ],
        }

    edit(CASE, loop)
    found = problems()
    assert any("steps.s1: no path from here reaches an ending" in line for line in found), found
    assert any("steps.s2: no path from here reaches an ending" in line for line in found), found
    assert any("steps.s3: not reachable from `start`" in line for line in found), found
    assert any("the steps go round in a cycle: s1 -> s2 -> s1" in line for line in found), found


def test_a_cycle_is_a_problem_even_when_every_step_can_still_end(
    edit: Edit, problems: Problems
) -> None:
    def back(data: Any) -> None:
        data["steps"]["s2"]["choices"][1]["next"] = "s1"

    edit(CASE, back)
    assert any("the steps go round in a cycle" in line for line in problems())


def test_a_step_needs_exactly_one_best_choice(edit: Edit, problems: Problems) -> None:
    def two_best(data: Any) -> None:
        data["steps"]["s2"]["choices"][1]["correct"] = True

    edit(CASE, two_best)
    assert any(
        "exactly one choice is the best (`correct: true`), not 2" in line for line in problems()
    )


def test_endings_are_checked_for_their_citations_and_the_best_path_must_end_well(
    edit: Edit, problems: Problems
) -> None:
    def endings(data: Any) -> None:
        data["steps"]["s2"]["choices"][0]["next"] = "harm"
        data["steps"]["s2"]["choices"][1]["next"] = "nowhere_fine"
        data["endings"] = {
            "harm": {"title": "Harm", "outcome": "poor", "text": "A nerve was cut [R31]."},
            "unused": {"title": "Unused", "outcome": "good", "text": "Fine [R30]."},
        }

    edit(CASE, endings)
    found = "\n".join(problems())
    assert "endings.harm.text: cites 'R31', which is not in `sources`" in found
    assert "endings.unused: no choice leads here" in found
    assert "steps.s2.choices.b.next: no step or ending 'nowhere_fine'" in found

    def best_ends_badly(data: Any) -> None:
        data["steps"]["s2"]["choices"][0]["next"] = "harm"
        data["steps"]["s2"]["choices"][1]["next"] = "end"
        data["endings"] = {
            "harm": {"title": "Harm", "outcome": "poor", "text": "A nerve was cut [R30]."}
        }

    edit(CASE, best_ends_badly)
    assert any("the best path ends here, but this ending is `poor`" in p for p in problems())


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("[R26, R30]", "[R26, R31]", "danger_zones: body: cites 'R31', which is not in `sources`"),
        ("[R26, R30]", "[R26, X404]", "danger_zones: body: cites unknown source 'X404'"),
        (
            "danger_zones/marginal_mandibular_nerve",
            "danger_zones/nose_tip_nerve",
            "body.line 12: no knowledge record danger_zones/nose_tip_nerve",
        ),
        (
            "danger_zones/marginal_mandibular_nerve",
            "dragons/marginal_mandibular_nerve",
            "no knowledge record dragons/marginal_mandibular_nerve",
        ),
        (
            "view=lateral-left",
            "view=top",
            "body.line 14: figure: view 'top' is not one of frontal, lateral-left, lateral-right",
        ),
        (
            "highlight=marginal_mandibular_nerve,",
            "highlight=chin_nerve,",
            "figure: 'chin_nerve' is not a danger-zone id",
        ),
        ("{{unconfirmed}}", "{{maybe}}", "body.line 16: unknown directive {{maybe}}"),
        (
            "outcomes: [ao_danger_zones]",
            "outcomes: [tm_materials]",
            "outcomes.0: 'tm_materials' is not an outcome of module 'anatomy_ageing'",
        ),
        (
            "Fixture text.",
            "{{record materials/pdo}} inline",
            "{{record ...}} must be alone on its line",
        ),
    ],
)
def test_lesson_citations_and_directives_are_checked(
    tree: Path, problems: Problems, old: str, new: str, expected: str
) -> None:
    _lesson(tree, old, new)
    found = problems()
    assert any(expected in line for line in found), found


def test_a_table_of_an_unknown_collection_is_a_problem(tree: Path, problems: Problems) -> None:
    path = tree / "modules/anatomy_ageing/layers_of_the_face.md"
    path.write_text(path.read_text().replace("{{table materials}}", "{{table sources}}"))
    assert any(
        "table of sources: expected one of materials, designs, complications, longevity" in p
        for p in problems()
    )


def test_a_lesson_without_front_matter_is_a_problem(tree: Path, problems: Problems) -> None:
    (tree / "modules/anatomy_ageing/extra.md").write_text("No front matter here.\n")
    found = problems()
    assert "modules/anatomy_ageing/extra.md: extra: -: no YAML front matter (---)" in found


def test_a_duplicate_question_id_is_a_problem(edit: Edit, problems: Problems) -> None:
    edit(QFILE, _set([1, "id"], "q_mmn_plane"))
    assert any("q_mmn_plane: id: duplicate question id" in p for p in problems())


def test_a_hotspot_where_no_click_can_be_correct_is_a_problem(
    edit: Edit, problems: Problems, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threadlift.content.checks as checks

    # the jowl outside every zone is about 184 mm² on the frontal template; demand more
    monkeypatch.setattr(checks, "MIN_CLICKABLE_MM2", 1e6)
    found = problems()
    assert any(
        "q_click_safe_jowl: answer: no correct click is possible on the frontal template face" in p
        for p in found
    )


def test_cli_check_exits_0_on_clean_content_and_1_listing_problems(
    tree: Path, edit: Edit, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["content", "check", "--root", str(tree)]) == 0
    out = capsys.readouterr().out
    assert "content: ok: modules 2, lessons 3, questions 4, hotspots 2, cases 1" in out
    assert main(["content", "check", "--root", str(tree), "--strict"]) == 1
    edit(QFILE, _set([0, "sources"], ["R9999"]))
    assert main(["content", "check", "--root", str(tree)]) == 1
    out = capsys.readouterr().out
    assert "questions/anatomy_ageing.yaml: q_mmn_plane: sources.0: unknown source 'R9999'" in out


def test_cli_names_a_missing_directory_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check", "--root", "/nonexistent/content"]) == 2
    assert "threadlift: error: --root: no such directory" in capsys.readouterr().err


def test_cli_export_prints_all_content_as_one_json_object(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["content", "export", "--root", str(GOOD)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"modules", "lessons", "questions", "cases"}
    assert data["questions"]["anatomy_ageing"][2]["answer"]["inside"] == [
        "marginal_mandibular_nerve"
    ]
    assert data["cases"][0]["steps"]["s1"]["kind"] == "suitability"
    assert data["lessons"][0]["body"].startswith("Fixture text.")
