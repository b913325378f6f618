"""Checking and saving an academy's item: the core validator, with the academy's references."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from academy.accounts.models import User
from academy.authoring.models import AuthoredItem, StatedReference, Status
from academy.catalog.models import Provider
from threadlift.content import load_content
from threadlift.content.authored import Authored, validate
from threadlift.content.authored import StatedReference as CoreReference
from threadlift.knowledge import load_knowledge


class PublishRefused(ValueError):
    """A published item must have no problem."""


def core_references(references: list[StatedReference]) -> list[CoreReference]:
    return [CoreReference(r.ref_id, r.citation) for r in references]


def check(item: AuthoredItem, references: list[StatedReference]) -> Authored[Any]:
    kb = load_knowledge()
    return validate(
        item.kind,
        item.source,
        item_id=item.item_id,
        kb=kb,
        content=load_content(kb),
        references=core_references(references),
    )


def title_of(result: Authored[Any], fallback: str) -> str:
    parsed = result.parsed
    if parsed is None:
        return fallback
    text = getattr(parsed, "title", None) or getattr(parsed, "stem", fallback)
    return str(text)[:200]


@transaction.atomic
def save_item(
    item: AuthoredItem,
    *,
    author: User,
    status: str,
    references: list[StatedReference],
) -> Authored[Any]:
    """Store the item with its problems; refuse (`PublishRefused`) to publish one with problems."""
    result = check(item, references)
    if status == Status.PUBLISHED and not result.ok:
        raise PublishRefused("Fix the problems listed before publishing.")
    item.status = status
    item.problems = [[p.field, p.message] for p in result.problems]
    item.title = title_of(result, item.slug)
    item.author = author
    item.save()
    return result


def next_reference_number(provider: Provider) -> int:
    last = StatedReference.objects.filter(provider=provider).order_by("-number").first()
    return (last.number if last else 0) + 1
