"""An academy's published items as core objects, for its courses (the learner side wires this
in). One query per call; another academy's items never appear. Items that no longer pass the
checks (e.g. after a knowledge-base change) are left out rather than shown unchecked."""

from __future__ import annotations

from typing import Any

from academy.authoring.models import (
    AuthoredCase,
    AuthoredItem,
    AuthoredLesson,
    AuthoredQuestion,
    StatedReference,
    Status,
)
from academy.authoring.services import check
from academy.core.cache import knowledge_fingerprint
from threadlift.content import Case, Lesson, Question


def _published(model: type[AuthoredItem], provider_id: int, module_id: str | None) -> list[Any]:
    items = model.objects.filter(provider_id=provider_id, status=Status.PUBLISHED)
    if module_id is not None:
        items = items.filter(module_id=module_id)
    rows = list(items.order_by("module_id", "slug"))
    if not rows:
        return []
    references = list(StatedReference.objects.filter(provider_id=provider_id))
    refs = tuple((r.pk, r.citation) for r in references)
    out = []
    for row in rows:
        item = _checked(row, references, refs)
        if item is not None:
            out.append(item)
    return out


# The check of one stored version of an item against one set of references, done once per
# process: pages read the pool several times per request, and the check is the costly part.
_CHECKED: dict[tuple[Any, ...], Any] = {}
_CHECKED_MAX = 4096


def _checked(row: AuthoredItem, references: list[StatedReference], refs: tuple[Any, ...]) -> Any:
    key = (row.kind, row.pk, row.updated_at, row.source, refs, knowledge_fingerprint())
    if key not in _CHECKED:
        if len(_CHECKED) >= _CHECKED_MAX:
            _CHECKED.clear()
        result = check(row, references)
        _CHECKED[key] = result.item if result.ok else None
    return _CHECKED[key]


def questions_for(provider_id: int, module_id: str | None = None) -> list[Question]:
    return _published(AuthoredQuestion, provider_id, module_id)


def lessons_for(provider_id: int, module_id: str | None = None) -> list[Lesson]:
    return _published(AuthoredLesson, provider_id, module_id)


def cases_for(provider_id: int) -> list[Case]:
    return _published(AuthoredCase, provider_id, None)


def references_for(provider_id: int) -> dict[str, str]:
    """The academy's stated references, id -> citation (shown with STATED_REFERENCE_LABEL)."""
    return {r.ref_id: r.citation for r in StatedReference.objects.filter(provider_id=provider_id)}
