"""`POST /engines/score?variation=N&seed=S`: the CLI's variation block, and bad counts refused."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tests.web.api.conftest import API, ApiClient, assert_error

pytestmark = pytest.mark.django_db

PLANS = Path(str(resources.files("threadlift.planning").joinpath("data/reference_plans")))


def reference(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PLANS / f"{name}.json").read_text())
    data.pop("about", None)
    return data


def post(plan: Any, query: str) -> Any:
    client = ApiClient()
    return client.client.post(
        f"{API}/engines/score?{query}", data=json.dumps(plan), content_type="application/json"
    )


def cli_json(path: Path, *args: str) -> Any:
    result = subprocess.run(
        [sys.executable, "-m", "threadlift", "score", str(path), "--json", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", ["jowl", "marionette"])
def test_the_variation_block_is_the_clis_for_the_same_count_and_seed(
    name: str, tmp_path: Path
) -> None:
    plan = reference(name)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    expected = cli_json(path, "--variation", "120", "--seed", "9")
    response = post(plan, "variation=120&seed=9")
    assert response.status_code == 200
    assert response.json() == expected
    assert response.json()["variation"]["faces"] == 120


def test_without_a_count_the_score_has_no_variation_block() -> None:
    body = ApiClient().post("/engines/score", reference("jowl")).json()
    assert "variation" not in body


def test_the_default_seed_is_zero() -> None:
    body = post(reference("jowl"), "variation=20").json()
    assert body["variation"]["seed"] == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("variation=0", "variation"),
        ("variation=10001", "variation"),
        ("variation=many", "variation"),
        ("variation=5&seed=-1", "seed"),
        ("variation=5&seed=x", "seed"),
        ("seed=3", "seed"),
    ],
)
def test_it_refuses_a_count_or_seed_out_of_range_naming_the_field(query: str, field: str) -> None:
    error = assert_error(post(reference("jowl"), query), 422)
    assert list(error["fields"]) == [field]


def test_a_bad_plan_with_a_count_still_names_the_plans_field() -> None:
    plan = reference("jowl")
    plan["threads"][0]["plane"] = "muscle"
    error = assert_error(post(plan, "variation=10"), 422)
    assert list(error["fields"]) == ["threads[0].plane"]
