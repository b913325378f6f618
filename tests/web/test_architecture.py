"""The layering contracts (pyproject.toml, `lint-imports` in `make lint`) stay complete."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHELL = ROOT / "src" / "academy"


def _contract(contract_id: str) -> dict[str, object]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["id"] == contract_id)


def test_every_page_module_is_forbidden_to_the_api() -> None:
    """A new views.py or *_views.py in an app is named in the API's forbidden list."""
    pages = {
        ".".join(path.relative_to(SHELL.parent).with_suffix("").parts)
        for path in SHELL.glob("*/*views.py")
        if path.parent.name != "api"
    }
    forbidden = set(_contract("api-is-an-adapter")["forbidden_modules"])  # type: ignore[arg-type]
    assert pages - forbidden == set()


def test_every_app_has_a_place_in_the_layers() -> None:
    """A new app (a package under academy/) is put in a layer, so its imports are checked."""
    apps = {f"academy.{p.parent.name}" for p in SHELL.glob("*/__init__.py")}
    layers = _contract("shell-layers")["layers"]
    placed = {name.strip() for layer in layers for name in layer.split("|")}  # type: ignore[union-attr]
    assert apps - placed == set()


def test_no_test_module_imports_another_test_module() -> None:
    """Shared helpers live in builders (tests/web/builders.py, tests/e2e/helpers.py), not in a
    test module another one imports (which would also collect its tests twice over)."""
    import ast

    offenders = []
    for path in (ROOT / "tests").rglob("*.py"):
        if "node_modules" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                last = node.module.rsplit(".", 1)[-1]
                if last.startswith("test_"):
                    offenders.append(f"{path.relative_to(ROOT)}: {node.module}")
    assert offenders == []
