"""Load the knowledge data files, validate them and their cross-references, collect problems.

Every problem in every file is reported, not just the first: schema errors per record, then
duplicate ids, then references to ids that do not exist, then missing contract ids.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

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


# How a record of each collection is named in messages.
RECORD_KIND: dict[str, str] = {
    "sources": "source",
    "materials": "material",
    "designs": "design",
    "danger_zones": "danger zone",
    "alternatives": "alternative",
    "complications": "complication",
    "longevity": "longevity study",
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
    files = {name: _load_file(directory / f"{name}.yaml", name, problems) for name in COLLECTIONS}
    problems.extend(_duplicates(files))
    problems.extend(_dangling_references(files))
    problems.extend(_missing_contract_ids(files))
    problems.extend(_unmatched_clearance_readings(files))
    if problems:
        raise KnowledgeError(problems)
    return KnowledgeBase.model_validate({name: f.records for name, f in files.items()})


@dataclass
class _File:
    """What was read from one data file.

    `ids` holds the id of every record that has one, valid or not, so that a record failing
    its schema is reported once and not again by every reference to it. `readable` is false
    when the file itself is missing or broken; references into it are then not checked.
    """

    records: list[BaseModel] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    readable: bool = True


def _model_of(collection: str) -> type[BaseModel]:
    annotation = KnowledgeBase.model_fields[collection].annotation
    model: type[BaseModel] = get_args(annotation)[0]
    return model


def _load_file(path: Path, collection: str, problems: list[Problem]) -> _File:
    file = path.name
    if not path.is_file():
        problems.append(Problem(file=file, record_id="-", field="-", message="file is missing"))
        return _File(readable=False)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())
        problems.append(Problem(file=file, record_id="-", field="-", message=message))
        return _File(readable=False)
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        problems.append(
            Problem(file=file, record_id="-", field="-", message="expected a list of records")
        )
        return _File(readable=False)
    model = _model_of(collection)
    result = _File()
    for position, item in enumerate(raw, start=1):
        record_id = _record_label(item, position)
        if not isinstance(item, dict):
            problems.append(
                Problem(file=file, record_id=record_id, field="-", message="expected a mapping")
            )
            continue
        if isinstance(item.get("id"), str):
            result.ids.add(item["id"])
        try:
            result.records.append(model.model_validate(item))
        except ValidationError as exc:
            problems.extend(_from_validation(file, record_id, exc))
    return result


def _record_label(item: object, position: int) -> str:
    if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"]:
        return str(item["id"])
    return f"#{position}"


def _from_validation(file: str, record_id: str, exc: ValidationError) -> Iterable[Problem]:
    for error in exc.errors(include_url=False):
        field = ".".join(str(part) for part in error["loc"]) or "-"
        yield Problem(file=file, record_id=record_id, field=field, message=error["msg"])


def _duplicates(files: dict[str, _File]) -> Iterable[Problem]:
    for name, loaded in files.items():
        seen: set[str] = set()
        for record in loaded.records:
            record_id = str(getattr(record, "id"))  # noqa: B009
            if record_id in seen:
                yield Problem(
                    file=f"{name}.yaml",
                    record_id=record_id,
                    field="id",
                    message=f"duplicate id {record_id!r}",
                )
            seen.add(record_id)


def _dangling_references(files: dict[str, _File]) -> Iterable[Problem]:
    for name, loaded in files.items():
        for record in loaded.records:
            for path, target, ref in iter_references(record):
                if files[target].readable and ref not in files[target].ids:
                    yield Problem(
                        file=f"{name}.yaml",
                        record_id=str(getattr(record, "id")),  # noqa: B009
                        field=path,
                        message=f"unknown {RECORD_KIND[target]} id {ref!r}",
                    )


def _missing_contract_ids(files: dict[str, _File]) -> Iterable[Problem]:
    for name, required in CONTRACT_IDS.items():
        if not files[name].readable:
            continue
        for record_id in required:
            if record_id not in files[name].ids:
                yield Problem(
                    file=f"{name}.yaml",
                    record_id=record_id,
                    field="id",
                    message="missing record for a contract id",
                )


def _unmatched_clearance_readings(files: dict[str, _File]) -> Iterable[Problem]:
    """`clearance_readings` is the one reading of the product clearances (the scorer and the
    consent document both apply it): each reading names a recorded clearance, and each
    clearance has a reading (an unread one would silently cover nothing)."""
    products, readings = files["products"], files["clearance_readings"]
    if not (products.readable and readings.readable):
        return
    recorded = {
        str(c.reference): (str(getattr(p, "id")), i)  # noqa: B009
        for p in products.records
        for i, c in enumerate(getattr(p, "clearances", ()))
    }
    read = {str(getattr(r, "reference")) for r in readings.records}  # noqa: B009
    # A record that failed its schema is reported once; its clearances or reading are unknown,
    # so the direction that depends on it is not checked (no second, misleading problem).
    products_whole = len(products.records) == len(products.ids)
    readings_whole = len(readings.records) == len(readings.ids)
    for r in readings.records if products_whole else ():
        reference = str(getattr(r, "reference"))  # noqa: B009
        if reference not in recorded:
            yield Problem(
                file="clearance_readings.yaml",
                record_id=str(getattr(r, "id")),  # noqa: B009
                field="reference",
                message=f"no product clearance {reference!r} in products.yaml",
            )
    for reference, (product_id, index) in recorded.items() if readings_whole else ():
        if reference not in read:
            yield Problem(
                file="products.yaml",
                record_id=product_id,
                field=f"clearances.{index}.reference",
                message=f"clearance {reference!r} has no reading in clearance_readings.yaml",
            )
