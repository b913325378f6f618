"""Build xAPI 1.0.3 statements from learning events (no I/O: the event and names come in).

The actor is an `account` (homePage: the site; name: the learner's opaque id), never a mailbox
or a name. Statement ids are uuid5 of the site, the verb and the event's key: the same event
always makes the same statement, so a retry or a repeat is not a duplicate in the LRS.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import quote

from academy.core.events import Event, Result, Thing
from academy.xapi import vocab

PLATFORM = "Threadlift Academy"


def statement_id(homepage: str, verb: str, key: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{homepage}/xapi/statements/{verb}/{key}")


def activity_id(homepage: str, kind: str, our_id: str) -> str:
    return f"{homepage}/xapi/activities/{kind}/{quote(our_id, safe='/')}"


def extension_iri(homepage: str, name: str) -> str:
    return f"{homepage}/xapi/extensions/{name}"


def _activity(homepage: str, thing: Thing) -> dict[str, Any]:
    kind = vocab.KINDS[thing.kind]
    return {
        "objectType": "Activity",
        "id": activity_id(homepage, thing.kind, thing.id),
        "definition": {"type": kind.iri, "name": {"en": thing.name[:200]}},
    }


def _result(homepage: str, result: Result) -> dict[str, Any]:
    out: dict[str, Any] = {}
    score: dict[str, float] = {}
    if result.scaled is not None:
        score["scaled"] = round(max(-1.0, min(1.0, float(result.scaled))), 4)
    for name in ("raw", "min", "max"):
        value = getattr(result, name)
        if value is not None:
            score[name] = value
    if score:
        out["score"] = score
    if result.success is not None:
        out["success"] = result.success
    if result.completion is not None:
        out["completion"] = result.completion
    if result.duration_s is not None:
        out["duration"] = f"PT{max(0, int(result.duration_s))}S"
    if result.extensions:
        out["extensions"] = {
            extension_iri(homepage, name): value for name, value in result.extensions.items()
        }
    return out


def build(event: Event, *, verb: str, actor_name: str, homepage: str) -> dict[str, Any]:
    """The statement for `event` said with `verb` (the event's own, or one derived from it)."""
    term = vocab.VERBS[verb]
    statement: dict[str, Any] = {
        "id": str(statement_id(homepage, verb, event.key)),
        "actor": {"objectType": "Agent", "account": {"homePage": homepage, "name": actor_name}},
        "verb": {"id": term.iri, "display": {"en-US": term.display}},
        "object": _activity(homepage, event.object),
        "context": {"platform": PLATFORM, "language": "en"},
        "timestamp": event.at.isoformat(),
    }
    if event.object.run_id is not None and event.object.kind != "run":
        run = Thing(kind="run", id=str(event.object.run_id), name=f"Run {event.object.run_id}")
        statement["context"]["contextActivities"] = {"parent": [_activity(homepage, run)]}
    if event.result is not None:
        result = _result(homepage, event.result)
        if result:
            statement["result"] = result
    return statement
