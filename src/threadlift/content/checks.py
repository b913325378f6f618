"""Cross-file checks of the content against the knowledge base, the anatomy and planning engines.

`check_content(kb, root)` reads the tree and returns every problem as `FILE: ID: FIELD: message`,
plus (separately) the curriculum counts that are not met, which are problems only in strict mode.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from threadlift.content.checks_cases import check_cases
from threadlift.content.citing import cited_sources, known_listed
from threadlift.content.loader import RawContent, assemble, read_content
from threadlift.content.regions import correct_region, region, region_kinds, zones_in
from threadlift.content.schemas import MODULE_IDS, Content, Question
from threadlift.content.text import BLOCK_DIRECTIVES, INLINE_DIRECTIVES, directives
from threadlift.knowledge.errors import KnowledgeError, Problem
from threadlift.knowledge.vocab import VIEWS, ZONE_IDS

TABLE_COLLECTIONS: tuple[str, ...] = ("materials", "designs", "complications", "longevity")
"""Collections `{{table X}}` may show."""

MINIMUM_COUNTS: dict[str, int] = {
    "modules": len(MODULE_IDS),
    "lessons per module": 3,
    "questions": 120,
    "hotspots": 20,
    "cases": 10,
}
"""What the curriculum must hold (issue 12); checked with `--strict`."""

MIN_CLICKABLE_MM2 = 1.0
"""A hotspot's correct region must be at least this large to be clickable."""


@dataclass
class CheckReport:
    problems: list[Problem]
    count_problems: list[Problem]
    counts: dict[str, int]
    content: Content | None = field(default=None)


def check_content(kb: Any, root: Path) -> CheckReport:
    raw = read_content(root)
    known_sources = {s.id for s in kb.sources}
    _check_modules(raw)
    _check_lessons(raw, kb, known_sources)
    _check_questions(raw, kb, known_sources)
    outcomes = {m.id: {o.id for o in m.outcomes} for m in raw.modules}
    check_cases(raw, kb, known_sources, outcomes)
    content = assemble(raw)
    counts = content.counts()
    count_problems = list(_count_problems(content))
    return CheckReport(
        problems=raw.problems,
        count_problems=count_problems,
        counts=counts,
        content=content if not raw.problems else None,
    )


# ------------------------------------------------------------------ modules and lessons


def _check_modules(raw: RawContent) -> None:
    seen: dict[str, str] = {}
    for module in raw.modules:
        file = raw.file_of("module", module.id)
        if module.id not in MODULE_IDS:
            raw.problem(
                file, module.id, "id", f"not one of the seven modules: {', '.join(MODULE_IDS)}"
            )
        directory = Path(file).parent.name
        if directory != module.id:
            raw.problem(file, module.id, "id", f"differs from its directory {directory!r}")
        for i, outcome in enumerate(module.outcomes):
            if outcome.id in seen:
                raw.problem(
                    file,
                    module.id,
                    f"outcomes.{i}.id",
                    f"{outcome.id!r} also in module {seen[outcome.id]!r}",
                )
            seen[outcome.id] = module.id
        if module.review_by < module.reviewed:
            raw.problem(file, module.id, "review_by", "is before the date it was reviewed")
        if len(set(module.lessons)) != len(module.lessons):
            raw.problem(file, module.id, "lessons", "a lesson is listed twice")
        on_disk = raw.lesson_files.get(directory, set())
        for i, lesson_id in enumerate(module.lessons):
            if lesson_id not in on_disk:
                raw.problem(file, module.id, f"lessons.{i}", f"no file {lesson_id}.md")
        for stem in sorted(on_disk - set(module.lessons)):
            raw.problem(file, module.id, "lessons", f"{stem}.md is not listed")
    orders = [m.order for m in raw.modules]
    for module in raw.modules:
        if orders.count(module.order) > 1:
            raw.problem(
                raw.file_of("module", module.id),
                module.id,
                "order",
                f"order {module.order} is shared",
            )


def _check_lessons(raw: RawContent, kb: Any, known: set[str]) -> None:
    outcomes = {m.id: {o.id for o in m.outcomes} for m in raw.modules}
    for lesson in raw.lessons:
        file = raw.file_of("lesson", lesson.id)
        directory = Path(file).parent.name
        if lesson.id != Path(file).stem:
            raw.problem(file, lesson.id, "id", f"differs from the file name {Path(file).stem!r}")
        if lesson.module != directory:
            raw.problem(
                file,
                lesson.id,
                "module",
                f"{lesson.module!r} differs from its directory {directory!r}",
            )
        for i, oid in enumerate(lesson.outcomes):
            if oid not in outcomes.get(lesson.module, set()):
                raw.problem(
                    file,
                    lesson.id,
                    f"outcomes.{i}",
                    f"{oid!r} is not an outcome of module {lesson.module!r}",
                )
        if lesson.reviewed and lesson.review_by and lesson.review_by < lesson.reviewed:
            raw.problem(file, lesson.id, "review_by", "is before the date it was reviewed")
        if bool(lesson.reviewed) != bool(lesson.review_by):
            raw.problem(
                file, lesson.id, "review_by", "give both reviewed and review_by, or neither"
            )
        known_listed(raw, file, lesson.id, lesson.sources, known)
        cited_sources(raw, file, lesson.id, "body", lesson.body, lesson.sources, known)
        _check_directives(raw, kb, file, lesson.id, lesson.body, raw.body_offsets.get(lesson.id, 0))


def _check_directives(
    raw: RawContent, kb: Any, file: str, record_id: str, body: str, offset: int
) -> None:
    for d in directives(body):
        where = f"body.line {d.line + offset}"  # the line of the file
        if d.name in INLINE_DIRECTIVES:
            continue
        if d.name not in BLOCK_DIRECTIVES:
            raw.problem(file, record_id, where, f"unknown directive {{{{{d.name}}}}}")
            continue
        if not d.alone:
            raw.problem(file, record_id, where, f"{{{{{d.name} ...}}}} must be alone on its line")
        if d.name == "record":
            _check_record(raw, kb, file, record_id, where, d.args)
        elif d.name == "table":
            if len(d.args) != 1 or d.args[0] not in TABLE_COLLECTIONS:
                raw.problem(
                    file,
                    record_id,
                    where,
                    f"table of {' '.join(d.args) or '?'}: "
                    f"expected one of {', '.join(TABLE_COLLECTIONS)}",
                )
        else:
            _check_figure(raw, kb, file, record_id, where, d.args, d.options)


def _check_record(
    raw: RawContent, kb: Any, file: str, record_id: str, where: str, args: tuple[str, ...]
) -> None:
    if len(args) != 1 or args[0].count("/") != 1:
        raw.problem(file, record_id, where, "record: expected {{record collection/id}}")
        return
    collection, rid = args[0].split("/")
    try:
        kb.record(collection, rid)
    except KnowledgeError:
        raw.problem(file, record_id, where, f"no knowledge record {collection}/{rid}")


def _check_figure(
    raw: RawContent,
    kb: Any,
    file: str,
    record_id: str,
    where: str,
    args: tuple[str, ...],
    options: dict[str, str],
) -> None:
    if args != ("zones",):
        raw.problem(
            file, record_id, where, "figure: expected {{figure zones view=... highlight=...}}"
        )
        return
    unknown = sorted(set(options) - {"view", "highlight"})
    if unknown:
        raw.problem(file, record_id, where, f"figure: unknown option(s) {', '.join(unknown)}")
    view = options.get("view")
    if view not in VIEWS:
        raw.problem(
            file, record_id, where, f"figure: view {view!r} is not one of {', '.join(VIEWS)}"
        )
        return
    drawn = zones_in(view, kb)
    for zone in filter(None, options.get("highlight", "").split(",")):
        if zone not in ZONE_IDS:
            raw.problem(file, record_id, where, f"figure: {zone!r} is not a danger-zone id")
        elif zone not in drawn:
            raw.problem(file, record_id, where, f"figure: {zone!r} is not drawn in the {view} view")


# ------------------------------------------------------------------ question items


def _check_questions(raw: RawContent, kb: Any, known: set[str]) -> None:
    outcomes = {m.id: {o.id for o in m.outcomes} for m in raw.modules}
    for q in raw.questions:
        file = raw.file_of("question", q.id)
        if q.module != Path(file).stem:
            raw.problem(
                file,
                q.id,
                "module",
                f"{q.module!r} differs from the file's module {Path(file).stem!r}",
            )
        if q.module not in outcomes:
            raw.problem(file, q.id, "module", f"no module {q.module!r}")
        elif q.outcome not in outcomes[q.module]:
            raw.problem(
                file, q.id, "outcome", f"{q.outcome!r} is not an outcome of module {q.module!r}"
            )
        known_listed(raw, file, q.id, q.sources, known)
        cited_sources(raw, file, q.id, "explanation", q.explanation, q.sources, known)
        cited_sources(raw, file, q.id, "stem", q.stem, q.sources, known)
        for i, option in enumerate(q.options):
            cited_sources(raw, file, q.id, f"options.{i}.why", option.why, q.sources, known)
        if q.kind == "hotspot":
            _check_hotspot(raw, kb, file, q)


def _check_hotspot(raw: RawContent, kb: Any, file: str, q: Question) -> None:
    assert q.view is not None
    assert q.answer is not None
    kinds = region_kinds()
    usable = True
    for i, rid in enumerate(q.answer.inside):
        where = f"answer.inside.{i}"
        if rid not in kinds:
            raw.problem(file, q.id, where, f"{rid!r} is not a danger-zone or area id")
            usable = False
        elif q.answer.outside_all_zones and kinds[rid] == "danger zone":
            raw.problem(
                file, q.id, where, f"{rid!r} is a danger zone, but the answer is outside all zones"
            )
            usable = False
        elif region(q.view, rid, kb) is None:
            raw.problem(
                file, q.id, where, f"the {kinds[rid]} {rid!r} is not drawn in the {q.view} view"
            )
            usable = False
    if usable and correct_region(q.view, q.answer, kb).area < MIN_CLICKABLE_MM2:
        raw.problem(
            file, q.id, "answer", f"no correct click is possible on the {q.view} template face"
        )


def _count_problems(content: Content) -> Iterable[Problem]:
    counts = content.counts()

    def short(what: str, have: int, need: int) -> Problem:
        return Problem(
            file="-",
            record_id="-",
            field="counts",
            message=f"{what}: {have}, at least {need} needed",
        )

    present = {m.id for m in content.modules}
    for module_id in MODULE_IDS:
        if module_id not in present:
            yield Problem(
                file="-", record_id=module_id, field="counts", message="module is missing"
            )
    for module in content.modules:
        n = len(content.lessons_of(module.id))
        if n < MINIMUM_COUNTS["lessons per module"]:
            yield short(f"lessons of {module.id}", n, MINIMUM_COUNTS["lessons per module"])
    for what in ("questions", "hotspots", "cases"):
        if counts[what] < MINIMUM_COUNTS[what]:
            yield short(what, counts[what], MINIMUM_COUNTS[what])
