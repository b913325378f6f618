"""The engines over HTTP give the CLI's results for the CLI's input, and its field paths."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from academy.accounts.models import User
from tests.web.api.conftest import PATIENT, ApiClient, assert_error, session_client
from threadlift.anatomy import build_zones, template_face
from threadlift.knowledge import load_knowledge
from threadlift.planning.reference import reference_plan_names

pytestmark = pytest.mark.django_db

PLANS = Path(str(resources.files("threadlift.planning").joinpath("data/reference_plans")))


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "threadlift", *args], capture_output=True, text=True, check=False
    )


def cli_json(*args: str) -> Any:
    result = cli(*args)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def cli_field(*args: str) -> str:
    """The field a refused input names: `threadlift: error: <field>: <message>`, exit 2."""
    result = cli(*args)
    assert result.returncode == 2, result
    return result.stderr.strip().removeprefix("threadlift: error: ").split(": ", 1)[0]


def reference(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PLANS / f"{name}.json").read_text())
    data.pop("about", None)
    return data


def write(tmp_path: Path, name: str, data: Any) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return str(path)


@pytest.mark.parametrize("name", ["jowl", "brow"])
def test_scoring_a_reference_plan_gives_the_clis_score(name: str, tmp_path: Path) -> None:
    assert name in reference_plan_names()
    plan = reference(name)
    expected = cli_json("score", write(tmp_path, "plan.json", plan), "--json")
    response = ApiClient().post("/engines/score", plan)
    assert response.status_code == 200
    assert response.json() == expected


def test_a_dangerous_plan_fails_with_the_clis_critical_findings(tmp_path: Path) -> None:
    plan = reference("jowl")
    for thread in plan["threads"]:
        thread["plane"] = "sub_smas"  # deep in the lower face: where nerves run
    expected = cli_json("score", write(tmp_path, "plan.json", plan), "--json")
    body = ApiClient().post("/engines/score", plan).json()
    assert body == expected
    assert body["passed"] is False


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p["threads"][0].update(plane="muscle"),
        lambda p: p["threads"][0]["path"].append({"landmark": "no_such_point"}),
        lambda p: p.update(view="upside-down"),
        lambda p: p["threads"][0].update(colour="red"),
        lambda p: p.pop("indication"),
        lambda p: p["threads"][0].update(planes=["subcutaneous"] * 5),
        lambda p: p["threads"][0].update(planes=["muscle"] * len(p["threads"][0]["path"])),
        lambda p: p["threads"][0].update(instrument={"kind": "scalpel"}),
        lambda p: p["threads"][0].update(instrument={"kind": "needle", "gauge": "big"}),
        lambda p: p["threads"][0].update(entry_skin="scalp"),
    ],
    ids=[
        "plane",
        "landmark",
        "view",
        "unknown-field",
        "missing",
        "planes-length",
        "segment-plane",
        "instrument",
        "gauge",
        "entry-skin",
    ],
)
def test_a_bad_plan_names_the_same_field_path_as_the_cli(change: Any, tmp_path: Path) -> None:
    plan = reference("jowl")
    change(plan)
    field = cli_field("score", write(tmp_path, "plan.json", plan), "--json")
    error = assert_error(ApiClient().post("/engines/score", plan), 422)
    assert list(error["fields"]) == [field]


def with_access_fields(plan: dict[str, Any]) -> dict[str, Any]:
    """The reference jowl plan given a plane per segment (no `plane`), instruments, entry skins;
    its first thread gets a deep anchoring bite before its subcutaneous run."""
    for i, thread in enumerate(plan["threads"]):
        plane = thread.pop("plane")
        if i == 0:
            thread["path"].insert(
                0, {"between": [_entry_landmark(thread), "gonion_left"], "t": 0.1}
            )
        thread["planes"] = [plane] * len(thread["path"])
        if i == 0:
            thread["planes"][0] = "sub_smas"
        thread["instrument"] = {"kind": "needle" if i == 0 else "cannula", "gauge": "23G"}
        thread["entry_skin"] = "hair_bearing" if i == 0 else "non_hair_bearing"
    return plan


def _entry_landmark(thread: dict[str, Any]) -> str:
    return str(thread["entry"]["landmark"])


def test_a_plan_with_segment_planes_instruments_and_skin_scores_as_the_cli_does(
    tmp_path: Path,
) -> None:
    plan = with_access_fields(reference("jowl"))
    expected = cli_json("score", write(tmp_path, "plan.json", plan), "--json")
    response = ApiClient().post("/engines/score", plan)
    assert response.status_code == 200
    assert response.json() == expected
    assert {"entry_skin"} <= {f["rule"] for f in expected["findings"]}
    assert set(expected) == {"safety", "efficacy", "overall", "passed", "findings"}


def test_assessing_a_patient_gives_the_clis_assessment(lena: User) -> None:
    expected = cli_json("assess", str(PATIENT), "--json")
    response = session_client(lena).post("/engines/assess", json.loads(PATIENT.read_text()))
    assert response.status_code == 200
    assert response.json() == expected


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p.update(age=12),
        lambda p: p.update(smoker="yes"),
        lambda p: p.update(hobby="golf"),
        lambda p: p.update(conditions=["no_such_condition"]),
    ],
    ids=["age", "strict-bool", "unknown-field", "unknown-condition"],
)
def test_a_bad_patient_names_the_same_fields_as_the_cli(
    change: Any, lena: User, tmp_path: Path
) -> None:
    patient = json.loads(PATIENT.read_text())
    change(patient)
    field = cli_field("assess", write(tmp_path, "patient.json", patient), "--json")
    error = assert_error(session_client(lena).post("/engines/assess", patient), 422)
    assert next(iter(error["fields"])) == field


def test_triage_gives_the_clis_result(lena: User) -> None:
    expected = cli_json("triage", "--days", "3", "pain", "pus or fluctuance", "--json")
    body = {"days": 3, "symptoms": ["pain", "pus or fluctuance"]}
    response = session_client(lena).post("/engines/triage", body)
    assert response.status_code == 200
    assert response.json() == expected


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p.update(expectations={**p["expectations"], "realistic": False}),
        lambda p: p.update(screening={"bddq_as": {"q1": True, "q2": True}}),
        lambda p: p.update(history=[{"area": "jowl", "treatment": "surgery", "months_ago": 2}]),
        lambda p: p.update(conditions=["malignancy_under_treatment"]),
        lambda p: p.update(conditions=["autoimmune_disease", "immunosuppression"]),
    ],
    ids=["unrealistic", "bddq-incomplete", "recent-surgery", "malignancy", "autoimmune"],
)
def test_the_issue_s_patients_get_the_clis_stricter_verdict_with_sources_and_marks(
    change: Any, lena: User, tmp_path: Path
) -> None:
    patient = json.loads(PATIENT.read_text())
    change(patient)
    expected = cli_json("assess", write(tmp_path, "patient.json", patient), "--json")
    response = session_client(lena).post("/engines/assess", patient)
    assert response.status_code == 200
    data = response.json()
    assert data == expected
    assert data["verdict"] != "suitable"
    assert all(r["sources"] for r in data["reasons"])
    policy = [r for r in data["reasons"] if "unconfirmed" in r["marks"]]
    assert policy  # each of these rests on a rule marked as our policy or unconfirmed


def test_cellulitis_signs_on_day_5_are_urgent_in_the_api_as_in_the_cli(lena: User) -> None:
    symptoms = ["redness", "warmth", "swelling", "pain"]
    expected = cli_json("triage", "--days", "5", *symptoms, "--json")
    response = session_client(lena).post("/engines/triage", {"days": 5, "symptoms": symptoms})
    assert response.json() == expected
    assert expected["urgency"] == "urgent"
    assert any("R91" in m["sources"] for m in expected["red_flags"])


def test_triage_names_an_unknown_symptom_as_the_cli_does(lena: User) -> None:
    field = cli_field("triage", "--days", "3", "pain", "purple ears")
    body = {"days": 3, "symptoms": ["pain", "purple ears"]}
    error = assert_error(session_client(lena).post("/engines/triage", body), 422)
    assert list(error["fields"]) == [field] == ["symptoms.1"]


def test_aftercare_gives_the_clis_schedule_as_json_and_ics(lena: User, tmp_path: Path) -> None:
    ics = tmp_path / "out.ics"
    expected = cli_json("aftercare", "--date", "2026-12-01", "--indication", "jowl", "--json")
    cli("aftercare", "--date", "2026-12-01", "--indication", "jowl", "--ics", str(ics))
    client = session_client(lena)
    response = client.get("/engines/aftercare", date="2026-12-01", indication="jowl")
    assert response.json() == expected
    calendar = client.get("/engines/aftercare.ics", date="2026-12-01", indication="jowl")
    assert calendar["Content-Type"].startswith("text/calendar")

    def stable(text: str) -> list[str]:
        return [line for line in text.splitlines() if not line.startswith("DTSTAMP")]

    assert stable(calendar.content.decode()) == stable(ics.read_text())


def test_aftercare_refuses_a_bad_date_and_indication_by_name(lena: User) -> None:
    client = session_client(lena)
    error = assert_error(client.get("/engines/aftercare", date="1 Dec", indication="chin"), 422)
    assert set(error["fields"]) == {"date", "indication"}


def test_zones_are_geojson_with_planes_at_risk_and_sources() -> None:
    body = ApiClient().get("/engines/zones", view="lateral-left").json()
    built = build_zones(template_face("lateral-left"), load_knowledge())
    assert body["type"] == "FeatureCollection"
    assert [feature["id"] for feature in body["features"]] == list(built.ids)
    for feature, zone in zip(body["features"], built, strict=True):
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
        assert feature["properties"]["planes_at_risk"] == list(zone.planes_at_risk)
        assert feature["properties"]["sources"] == list(zone.sources)
        assert feature["properties"]["unconfirmed"] == any(
            p.status == "unconfirmed" for p in zone.pieces
        )


def test_the_clinical_engines_refuse_anonymous_callers() -> None:
    client = ApiClient()
    assert_error(client.post("/engines/assess", {}), 401)
    assert_error(client.post("/engines/triage", {"days": 1, "symptoms": ["pain"]}), 401)
    assert_error(client.get("/engines/aftercare", date="2026-12-01", indication="jowl"), 401)


def test_the_engines_are_rate_limited_in_the_error_shape(settings: Any) -> None:
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "anon_write": "2/min"}
    client = ApiClient()
    plan = reference("jowl")
    assert [client.post("/engines/score", plan).status_code for _ in range(2)] == [200, 200]
    response = client.post("/engines/score", plan)
    assert_error(response, 429, "rate_limited")
    assert int(response["Retry-After"]) > 0
    assert client.get("/engines/zones", view="frontal").status_code == 200  # another scope


def test_signed_in_callers_are_counted_apart_from_anonymous_ones(lena: User, settings: Any) -> None:
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "engines": "1/min"}
    assert ApiClient().get("/engines/zones", view="frontal").status_code == 200
    assert_error(ApiClient().get("/engines/zones", view="frontal"), 429)
    assert session_client(lena).get("/engines/zones", view="frontal").status_code == 200
