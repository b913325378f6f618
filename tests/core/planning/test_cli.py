"""`threadlift score` and `threadlift zones`: output and exit codes."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

import threadlift.cli
from threadlift.planning.cli import register  # noqa: F401 - the module under test

from .helpers import plan, thread

REFERENCE = resources.files("threadlift.planning").joinpath("data/reference_plans")


@pytest.fixture(autouse=True)
def only_planning_commands(monkeypatch) -> None:
    """Register only this package's commands, so the test does not depend on other packages."""
    monkeypatch.setattr(threadlift.cli, "COMMAND_MODULES", ("threadlift.planning.cli",))


def run(*argv: str) -> int:
    return threadlift.cli.main(list(argv))


def write(tmp_path: Path, data: object, name: str = "plan.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return str(path)


def test_a_passing_plan_exits_0_with_a_readable_report(capsys) -> None:
    assert run("score", str(REFERENCE.joinpath("jowl.json"))) == 0
    out = capsys.readouterr().out
    assert "PASSED" in out
    assert "safety" in out


def test_a_failing_plan_exits_1(tmp_path, capsys) -> None:
    parotid = {"between": ["intertragic_notch_left", "cheilion_left"], "t": 0.5}
    path = write(
        tmp_path, plan("lateral-left", "jowl", thread([-25.0, 20.0], parotid, plane="sub_smas"))
    )
    assert run("score", path) == 1
    assert "CRITICAL" in capsys.readouterr().out


def test_json_output_is_the_contract_score(capsys) -> None:
    assert run("score", str(REFERENCE.joinpath("brow.json")), "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"safety", "efficacy", "overall", "passed", "findings"}
    assert data["passed"] is True


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ("{not json", "plan"),
        (
            plan("lateral-left", "jowl", thread({"landmark": "ear_left"}, [-40, 50])),
            "threads[0].entry.landmark",
        ),
        (
            plan("lateral-left", "jowl", thread([-20, 20], [-40, 50], product="no_such_thread")),
            "threads[0].product",
        ),
        (plan("lateral-left", "chin", thread([-20, 20], [-40, 50])), "indication"),
        (
            plan(
                "lateral-left",
                "jowl",
                thread([-20, 20], {"between": ["tragion_left", "cheilion_left"], "t": 1.4}),
            ),
            "threads[0].path[0].t",
        ),
        (plan("lateral-left", "jowl", thread([-20, 20], [900, 50])), "threads[0].path[0]"),
    ],
)
def test_bad_input_exits_2_naming_the_field(tmp_path, capsys, content, field) -> None:
    assert run("score", write(tmp_path, content)) == 2
    err = capsys.readouterr().err
    assert f"error: {field}:" in err
    assert "Traceback" not in err


def test_a_missing_file_exits_2(capsys) -> None:
    assert run("score", "/no/such/plan.json") == 2
    assert "no such file" in capsys.readouterr().err


@pytest.mark.parametrize("view", ["frontal", "lateral-left", "lateral-right"])
def test_zones_writes_an_svg_of_the_view(tmp_path, view) -> None:
    out = tmp_path / "zones.svg"
    assert run("zones", "--view", view, "--svg", str(out)) == 0
    assert out.read_text().startswith("<svg")


def test_zones_overlays_a_plan_with_its_findings(tmp_path) -> None:
    out = tmp_path / "plan.svg"
    assert (
        run(
            "zones",
            "--view",
            "lateral-left",
            "--plan",
            str(REFERENCE.joinpath("jowl.json")),
            "--svg",
            str(out),
        )
        == 0
    )
    assert 'data-thread="2"' in out.read_text()


def test_zones_rejects_a_plan_of_another_view(tmp_path, capsys) -> None:
    out = tmp_path / "plan.svg"
    assert (
        run(
            "zones",
            "--view",
            "frontal",
            "--plan",
            str(REFERENCE.joinpath("jowl.json")),
            "--svg",
            str(out),
        )
        == 2
    )
    assert "--view" in capsys.readouterr().err


@pytest.mark.parametrize("content", ["[1, 2]", '{"view": "frontal"}'])
def test_python_m_threadlift_cli_reports_bad_input_without_a_traceback(tmp_path, content) -> None:
    import subprocess
    import sys

    path = write(tmp_path, content)
    result = subprocess.run(
        [sys.executable, "-m", "threadlift.cli", "score", path],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "threadlift: error:" in result.stderr
    assert "Traceback" not in result.stderr


def test_score_help_documents_the_pass_rule(capsys) -> None:
    with pytest.raises(SystemExit):
        run("score", "--help")
    out = " ".join(capsys.readouterr().out.split())
    assert "critical" in out
    assert "safety" in out
    assert "efficacy" in out
    assert "unconfirmed" in out


def test_score_on_a_face_variant(capsys) -> None:
    assert (
        run("score", "--json", "--face", "male-wide-jaw", str(REFERENCE.joinpath("jowl.json"))) == 0
    )
    assert json.loads(capsys.readouterr().out)["passed"] is True


def test_an_unknown_face_variant_is_bad_input(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        run("score", "--face", "nobody", str(REFERENCE.joinpath("jowl.json")))
    assert exc.value.code == 2


def test_zones_draws_a_face_variant(tmp_path) -> None:
    out = tmp_path / "zones.svg"
    assert (
        run("zones", "--view", "lateral-right", "--face", "male-mirrored", "--svg", str(out)) == 0
    )
    assert 'data-view="lateral-right"' in out.read_text()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"planes": ["subcutaneous", "smas"]}, "threads[0].planes"),
        ({"planes": ["fascia"]}, "threads[0].planes[0]"),
        ({"instrument": {"kind": "trocar"}}, "threads[0].instrument.kind"),
        ({"instrument": {"kind": "needle", "gauge": "G23"}}, "threads[0].instrument.gauge"),
        ({"entry_skin": "bald"}, "threads[0].entry_skin"),
    ],
    ids=["planes-length", "segment-plane", "instrument", "gauge", "entry-skin"],
)
def test_bad_access_fields_exit_2_naming_the_field(tmp_path, capsys, extra, field) -> None:
    t = {**thread([-60.0, -60.0], [-75.0, -70.0]), **extra}
    assert run("score", write(tmp_path, plan("lateral-left", "jowl", t))) == 2
    assert f"{field}:" in capsys.readouterr().err
