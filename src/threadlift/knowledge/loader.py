"""Load the knowledge data files, validate them and their cross-references, collect problems.

Every problem in every file is reported, not just the first: schema errors per record, then
duplicate ids, then references to ids that do not exist, then missing contract ids.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from threadlift.knowledge.base import COLLECTIONS, KnowledgeBase, iter_references
from threadlift.knowledge.errors import KnowledgeError, Problem
from threadlift.knowledge.vocab import DESIGN_IDS, INDICATION_IDS, MATERIAL_IDS, ZONE_IDS

DATA_DIR = Path(__file__).parent / "data"
"""The packaged data files."""

# Ids other packages rely on (see vocab.py): each must have a record.
CONTRACT_IDS: dict[str, tuple[str, ...]] = {
    "materials": MATERIAL_IDS,
    "designs": DESIGN_IDS,
    "indications": INDICATION_IDS,
    "danger_zones": ZONE_IDS,
}


class _StrictLoader(yaml.SafeLoader):
    """Safe YAML loader that rejects duplicate keys and keeps dates as strings."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Hashable, Any]:
    mapping: dict[Hashable, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)
# ISO dates stay strings ("2025-08-07"), as the schemas expect.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_knowledge(path: str | Path | None = None) -> KnowledgeBase:
    """Load and validate the knowledge base.

    Without `path`, the packaged data are loaded once per process and shared. With `path`,
    the data files in that directory are loaded (for tests and for checking edits).
    Raises `KnowledgeError` listing every problem found.
    """
    if path is None:
        return _load_packaged()
    return _load(Path(path))


@functools.cache
def _load_packaged() -> KnowledgeBase:
    return _load(DATA_DIR)


def _load(directory: Path) -> KnowledgeBase:
    problems: list[Problem] = []
    collections: dict[str, list[BaseModel]] = {}
    field_types = KnowledgeBase.model_fields
    for name in COLLECTIONS:
        annotation = field_types[name].annotation
        model: type[BaseModel] = annotation.__args__[0]  # type: ignore[union-attr]
        collections[name] = _load_file(directory / f"{name}.yaml", model, problems)
    problems.extend(_duplicates(collections))
    problems.extend(_dangling_references(collections))
    problems.extend(_missing_contract_ids(collections))
    if problems:
        raise KnowledgeError(problems)
    return KnowledgeBase.model_validate(collections)


def _load_file(path: Path, model: type[BaseModel], problems: list[Problem]) -> list[BaseModel]:
    file = path.name
    if not path.is_file():
        problems.append(Problem(file=file, record_id="-", field="-", message="file is missing"))
        return []
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())
        problems.append(Problem(file=file, record_id="-", field="-", message=message))
        return []
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        problems.append(
            Problem(file=file, record_id="-", field="-", message="expected a list of records")
        )
        return []
    records: list[BaseModel] = []
    for position, item in enumerate(raw, start=1):
        record_id = _record_label(item, position)
        if not isinstance(item, dict):
            problems.append(
                Problem(file=file, record_id=record_id, field="-", message="expected a mapping")
            )
            continue
        try:
            records.append(model.model_validate(item))
        except ValidationError as exc:
            problems.extend(_from_validation(file, record_id, exc))
    return records


def _record_label(item: object, position: int) -> str:
    if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"]:
        return str(item["id"])
    return f"#{position}"


def _from_validation(file: str, record_id: str, exc: ValidationError) -> Iterable[Problem]:
    for error in exc.errors(include_url=False):
        field = ".".join(str(part) for part in error["loc"]) or "-"
        yield Problem(file=file, record_id=record_id, field=field, message=error["msg"])


def _duplicates(collections: dict[str, list[BaseModel]]) -> Iterable[Problem]:
    for name, records in collections.items():
        seen: set[str] = set()
        for record in records:
            record_id = str(getattr(record, "id"))  # noqa: B009
            if record_id in seen:
                yield Problem(
                    file=f"{name}.yaml",
                    record_id=record_id,
                    field="id",
                    message=f"duplicate id {record_id!r}",
                )
            seen.add(record_id)


def _dangling_references(collections: dict[str, list[BaseModel]]) -> Iterable[Problem]:
    ids = {name: {str(getattr(r, "id")) for r in records} for name, records in collections.items()}  # noqa: B009
    for name, records in collections.items():
        for record in records:
            for field, target, ref in iter_references(record):
                if ref not in ids[target]:
                    yield Problem(
                        file=f"{name}.yaml",
                        record_id=str(getattr(record, "id")),  # noqa: B009
                        field=field,
                        message=f"unknown {target} id {ref!r}",
                    )


def _missing_contract_ids(collections: dict[str, list[BaseModel]]) -> Iterable[Problem]:
    for name, required in CONTRACT_IDS.items():
        present = {str(getattr(r, "id")) for r in collections[name]}  # noqa: B009
        for record_id in required:
            if record_id not in present:
                yield Problem(
                    file=f"{name}.yaml",
                    record_id=record_id,
                    field="id",
                    message="missing record for a contract id",
                )
