"""Read a content tree into a `Content` object, collecting every problem (schemas first).

Files are read from `root` (default: this package's `data/`):
`modules/<module>/module.yaml`, `modules/<module>/<lesson>.md`, `questions/<module>.yaml`,
`cases/<case>.yaml`. Cross-file checks are in `checks.py`; `load_content` (curriculum.py) runs both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from threadlift.content.schemas import Case, Content, Lesson, Module, Question
from threadlift.knowledge.errors import KnowledgeError, Problem
from threadlift.knowledge.loader import _StrictLoader

DATA_DIR = Path(__file__).parent / "data"
"""The packaged curriculum."""


class ContentError(KnowledgeError):
    """Invalid content: every problem found (a KeyError subclass, like `KnowledgeError`)."""


@dataclass
class RawContent:
    """What was read, before cross-file checks: valid records and the problems met so far.

    `files` maps each record's (kind, id) to the file it came from (relative to the root), so
    that later checks can name it.
    """

    root: Path
    modules: list[Module] = field(default_factory=list)
    lessons: list[Lesson] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    files: dict[tuple[str, str], str] = field(default_factory=dict)
    lesson_files: dict[str, set[str]] = field(default_factory=dict)  # module dir -> lesson stems
    body_offsets: dict[str, int] = field(default_factory=dict)  # lesson id -> lines before body
    problems: list[Problem] = field(default_factory=list)

    def file_of(self, kind: str, record_id: str) -> str:
        return self.files.get((kind, record_id), "-")

    def problem(self, file: str, record_id: str, field_: str, message: str) -> None:
        self.problems.append(Problem(file=file, record_id=record_id, field=field_, message=message))


def read_content(root: Path) -> RawContent:
    """Parse every file under `root` against its schema; never raises for bad content."""
    raw = RawContent(root=root)
    modules_dir = root / "modules"
    for module_dir in sorted(p for p in modules_dir.glob("*") if p.is_dir()):
        _read_module(raw, module_dir)
    for path in sorted((root / "questions").glob("*.yaml")):
        for item in _yaml_list(raw, path):
            _add(raw, "question", path, item, Question, raw.questions)
    for path in sorted((root / "cases").glob("*.yaml")):
        data = _yaml(raw, path)
        if data is None:
            continue
        if not isinstance(data, dict):
            raw.problem(_rel(raw, path), "-", "-", "expected a mapping (one case per file)")
            continue
        _add(raw, "case", path, data, Case, raw.cases)
    return raw


def _read_module(raw: RawContent, module_dir: Path) -> None:
    path = module_dir / "module.yaml"
    raw.lesson_files[module_dir.name] = {p.stem for p in module_dir.glob("*.md")}
    if not path.is_file():
        raw.problem(_rel(raw, module_dir), module_dir.name, "-", "module.yaml is missing")
    else:
        data = _yaml(raw, path)
        if isinstance(data, dict):
            _add(raw, "module", path, data, Module, raw.modules)
        elif data is not None:
            raw.problem(_rel(raw, path), module_dir.name, "-", "expected a mapping")
    for lesson_path in sorted(module_dir.glob("*.md")):
        text = lesson_path.read_text(encoding="utf-8")
        front, body = split_front_matter(text)
        if front is None:
            raw.problem(_rel(raw, lesson_path), lesson_path.stem, "-", "no YAML front matter (---)")
            continue
        try:
            meta = yaml.load(front, Loader=_StrictLoader)
        except yaml.YAMLError as exc:
            raw.problem(_rel(raw, lesson_path), lesson_path.stem, "-", " ".join(str(exc).split()))
            continue
        if not isinstance(meta, dict):
            raw.problem(_rel(raw, lesson_path), lesson_path.stem, "-", "front matter: a mapping")
            continue
        _add(raw, "lesson", lesson_path, {**meta, "body": body}, Lesson, raw.lessons)
        if isinstance(meta.get("id"), str):
            raw.body_offsets.setdefault(meta["id"], body_offset(text))


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(front matter, body) of a Markdown file starting with a `---` line; (None, text) if none.

    The body keeps its leading lines, so that its line n is line n + BODY_OFFSET of the file
    (see `body_offset`)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "".join(lines[1:i]), "".join(lines[i + 1 :]).rstrip("\n") + "\n"
    return None, text


def body_offset(text: str) -> int:
    """How many lines of the file come before the body (the front matter and its fences)."""
    lines = text.splitlines()
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return i + 1
    return 0


def _rel(raw: RawContent, path: Path) -> str:
    try:
        return str(path.relative_to(raw.root))
    except ValueError:  # pragma: no cover - paths are always under the root
        return str(path)


def _yaml(raw: RawContent, path: Path) -> Any:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        raw.problem(_rel(raw, path), "-", "-", " ".join(str(exc).split()))
        return None
    if data is None:
        raw.problem(_rel(raw, path), "-", "-", "the file is empty")
    return data


def _yaml_list(raw: RawContent, path: Path) -> list[Any]:
    data = _yaml(raw, path)
    if data is None:
        return []
    if not isinstance(data, list):
        raw.problem(_rel(raw, path), "-", "-", "expected a list of question items")
        return []
    return data


def _add(
    raw: RawContent,
    kind: str,
    path: Path,
    item: Any,
    model: type[BaseModel],
    into: list[Any],
) -> None:
    file = _rel(raw, path)
    label = str(item.get("id")) if isinstance(item, dict) and item.get("id") else path.stem
    if not isinstance(item, dict):
        raw.problem(file, label, "-", "expected a mapping")
        return
    if (kind, label) in raw.files:
        raw.problem(file, label, "id", f"duplicate {kind} id (also in {raw.files[kind, label]})")
        return
    raw.files[kind, label] = file
    try:
        into.append(model.model_validate(item))
    except ValidationError as exc:
        raw.problems.extend(_from_validation(file, label, exc))


def _from_validation(file: str, record_id: str, exc: ValidationError) -> Iterable[Problem]:
    for error in exc.errors(include_url=False):
        loc = ".".join(str(part) for part in error["loc"]) or "-"
        message = str(error["msg"]).removeprefix("Value error, ")
        yield Problem(file=file, record_id=record_id, field=loc, message=message)


def assemble(raw: RawContent) -> Content:
    """The `Content` object: modules by `order`, lessons in each module's order."""
    modules = tuple(sorted(raw.modules, key=lambda m: (m.order, m.id)))
    by_id = {lesson.id: lesson for lesson in raw.lessons}
    lessons = tuple(by_id[lid] for m in modules for lid in m.lessons if lid in by_id)
    questions = {m.id: tuple(q for q in raw.questions if q.module == m.id) for m in modules}
    cases = tuple(sorted(raw.cases, key=lambda c: c.id))
    return Content(modules=modules, lessons=lessons, questions=questions, cases=cases)
