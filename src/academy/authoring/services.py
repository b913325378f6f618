"""Checking and saving an academy's item: the core validator, with the academy's references."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction

from academy.accounts.models import User
from academy.authoring.models import AuthoredItem, StatedReference, Status
from academy.catalog.models import Provider
from threadlift.content import load_content
from threadlift.content.authored import Authored, module_of, validate
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
    if item.kind == "lesson" and result.parsed is not None:
        item.reviewed = getattr(result.parsed, "reviewed", None)  # type: ignore[attr-defined]
        item.review_by = getattr(result.parsed, "review_by", None)  # type: ignore[attr-defined]
    # The (provider, slug) constraint is left to the database: a concurrent save of the same
    # short name is an IntegrityError the page turns into a field message.
    item.full_clean(validate_constraints=False)
    item.save()
    return result


SAVE_ACTIONS = {"draft": Status.DRAFT, "publish": Status.PUBLISHED, "retire": Status.RETIRED}


@dataclass(frozen=True)
class Submission:
    """What the editor's form asked for came to: the check of the text, a message per form field
    when it cannot be saved, whether the check's problems are shown on the fields, and the
    status saved (None: nothing saved) or why publishing was refused."""

    result: Authored[Any]
    field_errors: dict[str, str] = field(default_factory=dict)
    show_problems: bool = False
    saved: str | None = None
    refused: str = ""


def item_submit(
    *,
    item: AuthoredItem,
    author: User,
    action: str,
    slug: str,
    module_id: str,
    source: str,
    references: list[StatedReference],
) -> Submission:
    """Preview, save as a draft, publish or retire an item from the editor's cleaned form: the
    text must place the item in the module chosen, and the short name be free in the academy."""
    item.slug, item.module_id, item.source = slug, module_id, source
    result = check(item, references)
    named = module_of(item.source, item.kind)
    taken = type(item).objects.filter(provider=item.provider, slug=slug).exclude(pk=item.pk)
    if named is not None and named != module_id:
        message = f"The text places the {item.kind} in {named}."
        return Submission(result, {"module": message}, show_problems=True)
    if taken.exists():
        return Submission(result, {"slug": SLUG_TAKEN})
    if action not in SAVE_ACTIONS:  # a preview
        return Submission(result, show_problems=True)
    status = SAVE_ACTIONS[action]
    try:
        save_item(item, author=author, status=status, references=references)
    except PublishRefused as exc:
        return Submission(result, show_problems=True, refused=str(exc))
    except IntegrityError:
        return Submission(result, {"slug": SLUG_TAKEN})
    return Submission(result, saved=status)


SLUG_TAKEN = "Another item of your academy has this short name."


def reference_add(*, reference: StatedReference, provider: Provider) -> StatedReference:
    """State a reference for the academy: the next number (`ACAD-<n>`)."""
    reference.provider = provider
    reference.number = next_reference_number(provider)
    reference.full_clean()
    reference.save()
    return reference


def next_reference_number(provider: Provider) -> int:
    last = StatedReference.objects.filter(provider=provider).order_by("-number").first()
    return (last.number if last else 0) + 1
