"""`threadlift assess | triage | aftercare`: output, exit codes and field-naming errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import threadlift.assessment
from threadlift.cli import main

from .conftest import patient

EXAMPLE = Path(threadlift.assessment.__file__).parent / "examples" / "patient.json"


def write(tmp_path: Path, data: object) -> str:
    path = tmp_path / "patient.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_assess_prints_the_contract_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(EXAMPLE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"verdict", "reasons", "alternatives", "screening"} <= set(data)
    assert data["verdict"] == "caution"
    assert set(data["reasons"][0]) >= {"code", "severity", "message", "sources"}
    assert set(data["alternatives"][0]) >= {"treatment", "why", "sources"}


def test_assess_prints_a_readable_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Verdict: CAUTION")
    assert "DCQ: total 5/21" in out
    assert "2-4 per side, 21G [R7, R45]" in out  # jowl thread option
    assert "largely gone by 6 to 12" in " ".join(out.split())  # honest PDO expectation


def test_assess_escalates_several_risk_factors_and_prints_the_rule_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = patient(
        conditions=["autoimmune_disease", "anticoagulant", "keloid_tendency"],
        areas={"jowl": {"laxity": 2}, "neck": {"laxity": 0, "concern": "sagging"}},
    )
    assert main(["assess", write(tmp_path, data)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Verdict: NOT SUITABLE")
    assert "not_suitable: multiple_risk_factors" in out
    assert "not_suitable (neck): no_laxity_to_lift" in out
    assert "Note: Never stop an anticoagulant" in out
    assert "none: not suitable" in out
    assert "per side" not in out  # no counts for a patient who is not suitable


def test_assess_refuses_pregnancy_for_a_male_patient(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", write(tmp_path, patient(sex="male", conditions=["pregnancy"]))]) == 2
    assert "conditions.0" in capsys.readouterr().err


def test_assess_schema_prints_a_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "--schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Threadlift patient profile"
    assert "screening" in schema["properties"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (patient(shoe_size=42), "shoe_size"),
        (patient(conditions=["vampirism"]), "conditions.0"),
        (patient(age="forty"), "age"),
    ],
)
def test_assess_exits_2_naming_the_bad_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: object, field: str
) -> None:
    assert main(["assess", write(tmp_path, data)]) == 2
    assert f"threadlift: error: {field}:" in capsys.readouterr().err


def test_assess_exits_2_on_a_missing_or_broken_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", str(tmp_path / "nope.json")]) == 2
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert main(["assess", str(broken)]) == 2
    assert main(["assess"]) == 2
    assert capsys.readouterr().err.count("PATIENT.json") == 3


def test_triage_accepts_words_and_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["triage", "--days", "3", "fever", "pus or fluctuance", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["urgency"] == "urgent"
    assert data["symptoms"] == ["pus_or_fluctuance", "fever"]


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (["triage", "--days", "x", "fever"], "--days"),
        (["triage", "--days", "-2", "fever"], "days"),
        (["triage", "--days", "2", "sneezing"], "symptoms.0"),
        (["aftercare", "--date", "2026-02-30", "--indication", "jowl"], "--date"),
        (["aftercare", "--date", "2026-12-01", "--indication", "knee"], "--indication"),
    ],
)
def test_bad_triage_and_aftercare_input_exits_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], field: str
) -> None:
    assert main(argv) == 2
    assert f"threadlift: error: {field}:" in capsys.readouterr().err


def test_triage_help_documents_the_symptom_ids(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["triage", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "pus_or_fluctuance" in out
    assert "blanching_or_dusky_skin" in out


def test_aftercare_writes_ics_and_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ics, pdf = tmp_path / "out.ics", tmp_path / "out.pdf"
    argv = ["aftercare", "--date", "2026-12-01", "--indication", "jowl"]
    assert main([*argv, "--ics", str(ics), "--pdf", str(pdf)]) == 0
    assert ics.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert pdf.read_bytes().startswith(b"%PDF-")
    out = capsys.readouterr().out
    assert "7-10 days: 08 Dec 2026 to 11 Dec 2026" in out


def test_triage_output_is_day_aware_and_labels_never_contradict_the_urgency(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["triage", "--days", "2", "pain"]) == 0
    early = capsys.readouterr().out
    assert main(["triage", "--days", "21", "pain"]) == 0
    late = capsys.readouterr().out
    assert early.startswith("Urgency: ROUTINE")
    assert late.startswith("Urgency: REVIEW WITHIN DAYS")
    assert main(["triage", "--days", "3", "swelling", "fever"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Urgency: URGENT")
    assert "[Routine]" not in out
    assert "[routine]" not in out
    assert "Also matched, explained by the more urgent patterns above" in out


def test_aftercare_filters_by_area_and_design_and_ends_with_the_red_flags(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["aftercare", "--date", "2026-12-01", "--contact", "Demo Clinic, 020 7946 0000"]
    assert main([*argv, "--indication", "nose"]) == 0
    nose = capsys.readouterr().out
    assert main([*argv, "--indication", "jowl", "--design", "cone"]) == 0
    jowl = capsys.readouterr().out
    assert "Avoid dental treatment." not in nose
    assert "Avoid dental treatment." in jowl
    assert "cone sutures" in jowl
    assert "cone sutures" not in nose
    for out in (nose, jowl):
        assert "Contact us at once if:" in out
        assert "Any change in your vision" in out
        assert out.rstrip().endswith("Contact: Demo Clinic, 020 7946 0000")


def test_an_unknown_design_exits_2_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["aftercare", "--date", "2026-12-01", "--indication", "jowl", "--design", "zigzag"]
    assert main(argv) == 2
    assert "threadlift: error: --design.0:" in capsys.readouterr().err


def test_assess_prints_an_unfinished_bddq_as_as_incomplete_not_negative(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = patient(screening={"bddq_as": {"q1": True, "q2": True}})
    assert main(["assess", write(tmp_path, data)]) == 0
    out = capsys.readouterr().out
    assert "BDDQ-AS: SCREEN INCOMPLETE" in out
    assert "bddq_as_incomplete [R46, R50]" in out
    assert "BDDQ-AS: negative" not in out


def test_assess_prints_our_strict_policy_for_malignancy_under_treatment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = patient(conditions=["malignancy_under_treatment"])
    assert main(["assess", write(tmp_path, data)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert out.startswith("Verdict: NOT SUITABLE")
    assert "our strict policy" in out
    assert "[unconfirmed]" in out or "(unconfirmed)" in out


def test_triage_prints_cellulitis_signs_on_day_5_as_same_day(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["triage", "--days", "5", "redness", "warmth", "swelling", "pain"]) == 0
    out = capsys.readouterr().out
    assert "Urgent - same day" in out
    assert "R91" in out
