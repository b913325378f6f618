"""The packages of one academy, built by the core (`threadlift.interop`) from the curriculum and
the academy's own published items (never another academy's: `academy.authoring.pool`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from academy.authoring import pool
from academy.catalog.models import Provider
from threadlift.content import Module, Question, load_content
from threadlift.content.authored import WithStatedReferences
from threadlift.content.forms import policy
from threadlift.interop import qti_package, scorm_package
from threadlift.interop.qti import Section
from threadlift.knowledge import load_knowledge


@dataclass(frozen=True)
class ModuleRow:
    module: Module
    lessons: int
    questions: int  # in the module's quiz, hotspot items included
    hotspots: int


def modules() -> list[ModuleRow]:
    content = load_content(load_knowledge())
    rows = []
    for module in content.modules:
        items = content.questions.get(module.id, ())
        hotspots = sum(q.kind == "hotspot" for q in items)
        rows.append(ModuleRow(module, len(content.lessons_of(module.id)), len(items), hotspots))
    return rows


def pass_mark_percent() -> int:
    return round(policy().pass_mark * 100)


def scorm_for(module_id: str) -> bytes:
    kb = load_knowledge()
    content = load_content(kb)
    try:
        module = content.module(module_id)
    except KeyError:
        raise Http404("No such module.") from None
    return scorm_package(
        module,
        content.lessons_of(module.id),
        content.questions.get(module.id, ()),
        kb,
        pass_mark=policy().pass_mark,
    )


def academy_items(provider: Provider) -> list[Question]:
    return pool.questions_for(provider.pk)


def qti_for(provider: Provider, own: list[Question] | None = None) -> bytes:
    """The curriculum's items, one section per module, then the academy's published items."""
    base = load_knowledge()
    content = load_content(base)
    references = pool.references_for(provider.pk)
    kb: Any = WithStatedReferences(base, references) if references else base
    sections = [Section(m.id, m.title, content.questions.get(m.id, ())) for m in content.modules]
    own = academy_items(provider) if own is None else own
    titles = {m.id: m.title for m in content.modules}
    for module_id in dict.fromkeys(q.module for q in own):
        sections.append(
            Section(
                f"{module_id}_academy",
                f"{titles.get(module_id, module_id)}: items of {provider.name}",
                [q for q in own if q.module == module_id],
            )
        )
    return qti_package(
        sections,
        kb,
        identifier=f"threadlift_bank_provider_{provider.pk}",
        title=f"Threadlift Academy question bank, with the items of {provider.name}",
    )
