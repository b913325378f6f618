"""From learning events to queued statements (the listener registered in apps.py).

Nothing is stored or sent unless an LRS is configured (XAPI_LRS_URL; off by default). Each
statement is stored (the outbox) and its sending queued in one transaction, so a statement is
either both recorded and queued, or neither.
"""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction

from academy.accounts.models import User
from academy.core.events import Event
from academy.simulator import content as simulator_content
from academy.simulator import selectors as simulator_selectors
from academy.xapi import config, statements
from academy.xapi.models import Actor, Statement
from academy.xapi.tasks import send_statement


def actor_name(learner_id: int) -> str:
    """The learner's opaque xAPI name (made on first use; stable afterwards)."""
    actor = Actor.objects.filter(learner_id=learner_id).first()
    if actor is None:
        actor = Actor(learner_id=learner_id)
        actor.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                actor.save()
        except IntegrityError:  # made at the same moment by another request
            actor = Actor.objects.get(learner_id=learner_id)
    return str(actor.name)


def statement_record(*, event: Event, verb: str, homepage: str) -> Statement:
    """Store the statement for `event` said with `verb` and queue its sending (once: the same
    event again finds its statement)."""
    payload = statements.build(
        event, verb=verb, actor_name=actor_name(event.learner_id), homepage=homepage
    )
    statement_id = uuid.UUID(payload["id"])
    existing = Statement.objects.filter(pk=statement_id).first()
    if existing is not None:
        return existing
    statement = Statement(
        id=statement_id,
        learner_id=event.learner_id,
        verb=verb,
        payload=payload,
        created_at=event.at,
    )
    statement.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            statement.save(force_insert=True)
            send_statement.enqueue(statement_id=str(statement_id))
    except IntegrityError:  # the same event announced twice at once
        return Statement.objects.get(pk=statement_id)
    return statement


def _mastered(event: Event) -> bool:
    exercise = simulator_content.exercise(event.object.id)
    learner = User.objects.filter(pk=event.learner_id).first()
    if exercise is None or learner is None:
        return False
    return simulator_selectors.exercise_progress(learner, exercise).mastery.mastered


def statements_for_event(event: Event) -> None:
    """The learning-event listener: the event's statement, and for a simulator attempt the
    statements it implies (passed when it passed; mastered once, when mastery is reached)."""
    lrs = config.lrs()
    if lrs is None:
        return
    said: list[tuple[str, Event]] = [(event.verb, event)]
    if event.object.kind == "exercise" and event.verb == "attempted":
        if event.result is not None and event.result.success:
            said.append(("passed", event))
        if _mastered(event):
            once = f"exercise-mastered:{event.learner_id}:{event.object.id}"
            said.append(("mastered", Event(**{**event.__dict__, "key": once, "result": None})))
    for verb, said_event in said:
        statement_record(event=said_event, verb=verb, homepage=lrs.homepage)
