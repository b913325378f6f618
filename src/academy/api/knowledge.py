"""The knowledge base, read-only and public: every collection, one record, search.

Each record carries its `sources` (bibliography ids), `evidence` grade and `marks`; responses
add the cited sources' titles and `all_marks`, every caveat found anywhere in the record
(figures inside a record carry their own), so a client cannot miss an `unconfirmed` figure.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import BaseModel, ConfigDict, Field

from academy.api.errors import ApiError, errors_for
from academy.reference.selectors import COLLECTION_LABELS
from threadlift.knowledge import COLLECTIONS, KnowledgeBase, KnowledgeError, load_knowledge
from threadlift.knowledge.base import iter_references
from threadlift.knowledge.vocab import EVIDENCE_GRADES, MARKS

router = Router(tags=["knowledge"])

Collection = Literal[COLLECTIONS]  # type: ignore[valid-type]
MAX_RESULTS = 100
ERRORS = errors_for([404, 422])


class Record(BaseModel):
    """A record as in its YAML file; the other fields depend on the collection."""

    model_config = ConfigDict(extra="allow")

    id: str
    sources: list[str]
    evidence: str
    marks: list[str]


class SourceRef(Schema):
    id: str
    title: str
    authors: str | None
    year: int | None
    evidence: str
    marks: list[str]


class CollectionInfo(Schema):
    name: str
    label: str
    count: int


class IndexOut(Schema):
    collections: list[CollectionInfo]
    evidence_grades: list[str]
    marks: list[str] = Field(description="caveats: unconfirmed, weak-source, manufacturer-claim")


class RecordOut(Schema):
    collection: str
    record: Record
    all_marks: list[str]
    cited: list[SourceRef]


class CollectionOut(Schema):
    collection: str
    count: int
    records: list[Record]
    all_marks: dict[str, list[str]] = Field(description="record id → every mark in it")
    cited: dict[str, SourceRef] = Field(description="every source the records cite, by id")


class Hit(Schema):
    collection: str
    id: str
    name: str
    evidence: str
    marks: list[str]
    all_marks: list[str]
    sources: list[str]


class SearchOut(Schema):
    q: str
    count: int
    truncated: bool
    results: list[Hit]


def _marks_in(value: Any) -> list[str]:
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, item in node.items():
                if key in ("marks", "depth_marks") and isinstance(item, list):
                    found.extend(m for m in item if m in MARKS)
                else:
                    walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(value)
    return list(dict.fromkeys(found))


def _source_ref(kb: KnowledgeBase, source_id: str) -> dict[str, Any]:
    s = kb.source(source_id)
    return {
        "id": s.id,
        "title": s.title,
        "authors": s.authors,
        "year": s.year,
        "evidence": s.evidence,
        "marks": list(s.marks),
    }


def _cited_ids(record: Any) -> list[str]:
    ids = [ref for _, target, ref in iter_references(record) if target == "sources"]
    return list(dict.fromkeys([*getattr(record, "sources", ()), *ids]))


def _name(data: dict[str, Any]) -> str:
    for key in ("name", "title", "study", "instruction", "jurisdiction_name"):
        if isinstance(data.get(key), str):
            return str(data[key])
    return str(data["id"])


@router.get("", response={200: IndexOut, **ERRORS}, summary="The knowledge base's collections")
def index(request: HttpRequest) -> dict[str, Any]:
    counts = load_knowledge().counts()
    return {
        "collections": [
            {
                "name": c,
                "label": COLLECTION_LABELS.get(c, c.replace("_", " ").capitalize()),
                "count": counts[c],
            }
            for c in COLLECTIONS
        ],
        "evidence_grades": list(EVIDENCE_GRADES),
        "marks": list(MARKS),
    }


@router.get(
    "/search",
    response={200: SearchOut, **ERRORS},
    summary="Search every collection",
    description="Records containing every word of `q` (any field, case-insensitive), in "
    f"collection and file order; at most {MAX_RESULTS}.",
)
def search(
    request: HttpRequest,
    q: str = Query(..., min_length=1, max_length=100, examples=["parotid"]),
    collection: Collection | None = Query(None),  # noqa: B008
) -> dict[str, Any]:
    words = q.casefold().split()
    if not words:
        raise ApiError(422, "Give at least one word.", fields={"q": "is blank"})
    kb = load_knowledge()
    hits: list[dict[str, Any]] = []
    for name in (collection,) if collection else COLLECTIONS:
        for record in getattr(kb, name):
            data = record.model_dump(mode="json")
            text = " ".join(str(v) for v in _strings(data)).casefold()
            if all(w in text for w in words):
                hits.append(
                    {
                        "collection": name,
                        "id": data["id"],
                        "name": _name(data),
                        "evidence": data["evidence"],
                        "marks": data.get("marks", []),
                        "all_marks": _marks_in(data),
                        "sources": data.get("sources", []),
                    }
                )
    return {
        "q": q,
        "count": len(hits),
        "truncated": len(hits) > MAX_RESULTS,
        "results": hits[:MAX_RESULTS],
    }


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


@router.get(
    "/{collection}",
    response={200: CollectionOut, **ERRORS},
    summary="Every record of one collection",
)
def collection_list(request: HttpRequest, collection: Collection) -> dict[str, Any]:
    kb = load_knowledge()
    records = getattr(kb, collection)
    dumped = [r.model_dump(mode="json") for r in records]
    cited = sorted({s for r in records for s in _cited_ids(r)})
    return {
        "collection": collection,
        "count": len(dumped),
        "records": dumped,
        "all_marks": {d["id"]: _marks_in(d) for d in dumped},
        "cited": {s: _source_ref(kb, s) for s in cited},
    }


@router.get(
    "/{collection}/{record_id}",
    response={200: RecordOut, **ERRORS},
    summary="One record, with the sources it cites",
)
def record_detail(request: HttpRequest, collection: Collection, record_id: str) -> dict[str, Any]:
    kb = load_knowledge()
    try:
        record = kb.record(collection, record_id)
    except KnowledgeError:
        raise ApiError(404, f"No {collection} record with id {record_id!r}.") from None
    data = record.model_dump(mode="json")
    return {
        "collection": collection,
        "record": data,
        "all_marks": _marks_in(data),
        "cited": [_source_ref(kb, s) for s in _cited_ids(record)],
    }
