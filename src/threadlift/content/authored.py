"""Academy-authored items: one question, lesson or case written by an academy, checked with the
curriculum's own checks (`checks.py`, `checks_cases.py`). Pure core: no Django.

The text is what a packaged file holds: a question item or a case as a YAML mapping, a lesson as
front matter + Markdown. Two differences from the curriculum:

- citations may also name the academy's *stated references* (`ACAD-1`, `ACAD-2`, ...): a
  citation the academy gives, kept apart from the bibliography and shown as "reference given by
  the academy, not checked by Threadlift";
- ids are given by the platform (`authored_id`): `acad<provider>_<slug>`. No curriculum id starts
  with `acad`, so an academy's items can never collide with the curriculum's or another
  academy's. The text may leave `id` out; if it gives one, it must be that id.

Problems come back as (field path, message), e.g. `("options.1.why", "Field required")`, for a
form to show next to its field. In a lesson, `body.line N` is the line N of the body (the
Markdown after the front matter).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Generic, Literal, TypeVar

import yaml

from threadlift.content.checks import _check_lessons, _check_questions
from threadlift.content.checks_cases import check_cases
from threadlift.content.loader import RawContent, _add, split_front_matter
from threadlift.content.schemas import MODULE_IDS, Case, Content, Lesson, Question
from threadlift.content.text import citations
from threadlift.knowledge.loader import _StrictLoader

Kind = Literal["question", "lesson", "case"]
KINDS: tuple[Kind, ...] = ("question", "lesson", "case")

STATED_REFERENCE_ID = re.compile(r"^ACAD-[1-9][0-9]{0,5}$")
STATED_REFERENCE_LABEL = "reference given by the academy, not checked by Threadlift"
SLUG = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
PREFIX = "acad"

T = TypeVar("T", Question, Lesson, Case)


@dataclass(frozen=True)
class StatedReference:
    """A reference an academy states for its own items (`ACAD-1`): its citation as given."""

    id: str
    citation: str


@dataclass(frozen=True)
class AuthoredProblem:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass(frozen=True)
class Authored(Generic[T]):
    """The outcome of checking one authored item: the core object when there is no problem."""

    item: T | None
    problems: tuple[AuthoredProblem, ...]
    stated: tuple[StatedReference, ...] = ()  # the stated references the item lists or cites
    parsed: T | None = None  # the item as read, even when a cross-check failed (for a preview)

    @property
    def ok(self) -> bool:
        return self.item is not None and not self.problems

    def by_field(self) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        for p in self.problems:
            grouped.setdefault(p.field, []).append(p.message)
        return grouped


def authored_id(provider_id: int, slug: str) -> str:
    """The platform id of an academy's item: `acad<provider>_<slug>`."""
    if not SLUG.match(slug):
        raise ValueError(f"not a slug: {slug!r}")
    return f"{PREFIX}{int(provider_id)}_{slug}"


def reference_problems(
    references: Sequence[StatedReference], kb: Any
) -> list[tuple[int, AuthoredProblem]]:
    """Problems of an academy's list of stated references (index in the list, problem)."""
    bibliography = {s.id for s in kb.sources}
    seen: set[str] = set()
    out: list[tuple[int, AuthoredProblem]] = []
    for i, ref in enumerate(references):
        if not STATED_REFERENCE_ID.match(ref.id):
            out.append((i, AuthoredProblem("id", "a stated reference id is ACAD-<number>")))
        elif ref.id in bibliography:
            out.append((i, AuthoredProblem("id", f"{ref.id} is a bibliography id")))
        elif ref.id in seen:
            out.append((i, AuthoredProblem("id", f"{ref.id} is given twice")))
        if not ref.citation.strip():
            out.append((i, AuthoredProblem("citation", "give the full citation")))
        seen.add(ref.id)
    return out


def validate_question(
    text: str,
    *,
    item_id: str,
    kb: Any,
    content: Content,
    references: Sequence[StatedReference] = (),
) -> Authored[Question]:
    data, problems = _mapping(text, item_id)
    if data is None:
        return Authored(None, tuple(problems))
    module = _module_of(data)
    raw = _raw(content)
    _add(raw, "question", Path(f"questions/{module}.yaml"), data, Question, raw.questions)
    if raw.questions:
        _check_questions(raw, kb, _known(kb, references))
    return _outcome(raw, raw.questions, problems, references, content)


def validate_lesson(
    text: str,
    *,
    item_id: str,
    kb: Any,
    content: Content,
    references: Sequence[StatedReference] = (),
) -> Authored[Lesson]:
    front, body = split_front_matter(text)
    if front is None:
        return Authored(None, (AuthoredProblem("-", "no front matter between --- lines"),))
    meta, problems = _mapping(front, item_id)
    if meta is None:
        return Authored(None, tuple(problems))
    module = _module_of(meta)
    raw = _raw(content)
    path = Path(f"modules/{module}/{item_id}.md")
    raw.lesson_files[module] = {item_id}
    _add(raw, "lesson", path, {**meta, "body": body}, Lesson, raw.lessons)
    if raw.lessons:  # body lines are counted from the body's first line (offset 0)
        _check_lessons(raw, kb, _known(kb, references))
    return _outcome(raw, raw.lessons, problems, references, content)


def validate_case(
    text: str,
    *,
    item_id: str,
    kb: Any,
    content: Content,
    references: Sequence[StatedReference] = (),
) -> Authored[Case]:
    data, problems = _mapping(text, item_id)
    if data is None:
        return Authored(None, tuple(problems))
    raw = _raw(content)
    _add(raw, "case", Path(f"cases/{item_id}.yaml"), data, Case, raw.cases)
    if raw.cases:
        outcomes = {m.id: {o.id for o in m.outcomes} for m in content.modules}
        check_cases(raw, kb, _known(kb, references), outcomes)
    return _outcome(raw, raw.cases, problems, references, content)


def validate(
    kind: Kind,
    text: str,
    *,
    item_id: str,
    kb: Any,
    content: Content,
    references: Sequence[StatedReference] = (),
) -> Authored[Any]:
    """`validate_question`, `validate_lesson` or `validate_case` by `kind`."""
    if kind == "question":
        return validate_question(
            text, item_id=item_id, kb=kb, content=content, references=references
        )
    if kind == "lesson":
        return validate_lesson(text, item_id=item_id, kb=kb, content=content, references=references)
    return validate_case(text, item_id=item_id, kb=kb, content=content, references=references)


def to_yaml(data: dict[str, Any]) -> str:
    """A mapping as the YAML the text fields hold (keys in the given order)."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def lesson_text(front: dict[str, Any], body: str) -> str:
    """A lesson's text from its front-matter fields and its Markdown body."""
    return f"---\n{to_yaml(front)}---\n{body.strip()}\n"


def module_of(text: str, kind: Kind) -> str | None:
    """The module the text names (for placement), when it names one of the seven."""
    if kind == "lesson":
        text = split_front_matter(text)[0] or ""
    try:
        data = yaml.load(text, Loader=_StrictLoader)
    except yaml.YAMLError:
        return None
    module = data.get("module") if isinstance(data, dict) else None
    return module if module in MODULE_IDS else None


# ------------------------------------------------------------------ helpers


def _mapping(text: str, item_id: str) -> tuple[dict[str, Any] | None, list[AuthoredProblem]]:
    try:
        data = yaml.load(text, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        return None, [AuthoredProblem("-", "not valid YAML: " + " ".join(str(exc).split()))]
    if not isinstance(data, dict):
        return None, [AuthoredProblem("-", "expected a mapping of fields (key: value)")]
    problems = []
    given = data.get("id")
    if given is not None and given != item_id:
        problems.append(AuthoredProblem("id", f"the platform gives this item the id {item_id}"))
    return {**data, "id": item_id}, problems


def _module_of(data: dict[str, Any]) -> str:
    module = data.get("module")
    return module if isinstance(module, str) and module in MODULE_IDS else "-"


def _raw(content: Content) -> RawContent:
    raw = RawContent(root=Path("."))
    raw.modules = list(content.modules)
    return raw


def _known(kb: Any, references: Iterable[StatedReference]) -> set[str]:
    return {s.id for s in kb.sources} | {r.id for r in references}


def _outcome(
    raw: RawContent,
    items: list[T],
    problems: list[AuthoredProblem],
    references: Sequence[StatedReference],
    content: Content,
) -> Authored[T]:
    found = problems + [AuthoredProblem(p.field, p.message) for p in raw.problems]
    item = items[0] if items else None
    if item is not None and not item.id.startswith(PREFIX):
        found.append(AuthoredProblem("id", f"an academy's item id starts with {PREFIX}"))
    if item is None:
        return Authored(None, tuple(found))
    cited = set(item.sources) | set(citations(_all_text(item)))
    stated = tuple(r for r in references if r.id in cited)
    return Authored(item if not found else None, tuple(found), stated, item)


def _all_text(item: Question | Lesson | Case) -> str:
    if isinstance(item, Question):
        return "\n".join([item.stem, item.explanation, *(o.why for o in item.options)])
    if isinstance(item, Lesson):
        return item.body
    parts = [item.story]
    for step in item.steps.values():
        parts += [step.prompt, *(c.feedback for c in step.choices)]
    return "\n".join(parts)


class WithStatedReferences:
    """The knowledge base seen by one academy's items: its stated references (`ACAD-n` ->
    citation) answer `source()` as sources labelled STATED_REFERENCE_LABEL; all else is the
    knowledge base's."""

    def __init__(self, kb: Any, references: Mapping[str, str]) -> None:
        self._kb = kb
        self._refs = dict(references)

    @property
    def base(self) -> Any:
        """The knowledge base itself (what figures and caches key on)."""
        return self._kb

    def source(self, source_id: str) -> Any:
        if source_id in self._refs:
            title = f"{self._refs[source_id]} ({STATED_REFERENCE_LABEL})"
            return SimpleNamespace(
                id=source_id, authors=None, year=None, title=title, url=None, stated=True
            )
        return self._kb.source(source_id)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._kb, name)
