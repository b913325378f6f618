"""Reference plans: a model answer per published technique, each passing with no critical."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from threadlift.planning import parse_plan, reference_plan, reference_plans, score_plan
from threadlift.planning.reference import reference_plan_names

PUBLISHED = (
    "brow",
    "temple",
    "midface",
    "nasolabial",
    "marionette",
    "jowl",
    "jawline",
    "neck",
    "nose",
)


def test_there_is_a_reference_plan_for_every_indication_with_a_published_technique() -> None:
    plans = reference_plans()
    assert set(PUBLISHED) <= set(plans)
    for name, plan in plans.items():
        assert plan.indication == name


@pytest.mark.parametrize("name", reference_plan_names())
def test_each_reference_plan_passes_with_no_critical_finding(kb, name) -> None:
    score = score_plan(reference_plan(name), kb)
    assert score.passed, score.findings
    assert not [f for f in score.findings if f.severity == "critical"]


@pytest.mark.parametrize("name", reference_plan_names())
def test_reference_plan_files_are_plain_contract_json(name) -> None:
    text = (
        resources.files("threadlift.planning")
        .joinpath(f"data/reference_plans/{name}.json")
        .read_text()
    )
    assert parse_plan(json.loads(text)) == reference_plan(name)
