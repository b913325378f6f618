"""Small builders for hand-made plans."""

from __future__ import annotations

from typing import Any

BIDI = {"material": "pdo", "design": "cog_bidirectional", "length_mm": 60, "gauge": "21G"}
UNI = {"material": "pdo", "design": "cog_unidirectional", "length_mm": 80, "gauge": "21G"}
MONO = {"material": "pdo", "design": "mono", "length_mm": 60, "gauge": "27G"}


def thread(
    entry: Any, *path: Any, plane: str = "subcutaneous", product: Any = None
) -> dict[str, Any]:
    return {"product": product or BIDI, "entry": entry, "path": list(path), "plane": plane}


def plan(view: str, indication: str, *threads: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"view": view, "indication": indication, "threads": list(threads), **extra}


def by_rule(score: Any, rule: str) -> list[Any]:
    return [f for f in score.findings if f.rule == rule]
