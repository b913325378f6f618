"""Reference plans: a model answer per indication whose technique is published (JSON files)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from threadlift.planning.models import Plan
from threadlift.planning.parse import parse_plan


def _directory() -> Any:
    return resources.files("threadlift.planning").joinpath("data/reference_plans")


def reference_plan_names() -> tuple[str, ...]:
    """Names (file stems) of the reference plans, sorted."""
    return tuple(
        sorted(p.name[: -len(".json")] for p in _directory().iterdir() if p.name.endswith(".json"))
    )


def reference_plan(name: str) -> Plan:
    """The reference plan `name` (e.g. `jowl`), parsed."""
    data = json.loads(_directory().joinpath(f"{name}.json").read_text())
    data.pop("about", None)
    return parse_plan(data)


def reference_plans() -> dict[str, Plan]:
    """All reference plans by name."""
    return {name: reference_plan(name) for name in reference_plan_names()}
