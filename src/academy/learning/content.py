"""The ONE place where the learning app looks up curriculum content for a course.

The packaged curriculum (`threadlift.content`) filtered by the course's module mapping, plus the
published items of the course's own academy (`academy.authoring.pool`: another academy's never
appear), so every page and the statistics see both. Items are referred to by id string; an
academy's ids (`acad<provider>_…`) cannot collide with the curriculum's. Texts are rendered with
`kb_for(course)`, which resolves the academy's stated references (`ACAD-n`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from academy.authoring import pool
from academy.catalog.models import Course
from academy.learning.models import CourseModule
from threadlift.content import Case, Content, Lesson, Module, Question, load_content
from threadlift.content.authored import WithStatedReferences
from threadlift.knowledge import KnowledgeBase, load_knowledge


def kb() -> KnowledgeBase:
    return load_knowledge()


def curriculum() -> Content:
    return load_content(load_knowledge())


def kb_for(course: Course) -> Any:
    """The knowledge base as the course's texts cite it: with its academy's stated references."""
    references = pool.references_for(course.provider_id)
    return WithStatedReferences(kb(), references) if references else kb()


@dataclass(frozen=True)
class CourseModuleView:
    """A module as a course uses it: the core module and the course's quiz settings."""

    module: Module
    settings: CourseModule

    @property
    def id(self) -> str:
        return self.module.id


def _defaults(course: Course, module: Module) -> CourseModule:
    return CourseModule(course=course, module_id=module.id, position=module.order)


def modules_for_course(course: Course) -> list[CourseModuleView]:
    """The course's modules in its order; all seven with default settings when not mapped."""
    content = curriculum()
    rows = list(CourseModule.objects.filter(course=course).order_by("position", "id"))
    if not rows:
        return [CourseModuleView(m, _defaults(course, m)) for m in content.modules]
    known = {m.id: m for m in content.modules}
    return [CourseModuleView(known[r.module_id], r) for r in rows if r.module_id in known]


def module_for(course: Course, module_id: str) -> CourseModuleView:
    for view in modules_for_course(course):
        if view.id == module_id:
            return view
    raise Http404("This course does not use that module.")


def module_lessons(module: Module, own: list[Lesson]) -> tuple[Lesson, ...]:
    """A module's curriculum lessons in order, then the academy's own lessons placed in it."""
    content = curriculum()
    mine = tuple(lesson for lesson in own if lesson.module == module.id)
    return tuple(content.lesson(lesson_id) for lesson_id in module.lessons) + mine


def lessons_for(course: Course, module_id: str) -> tuple[Lesson, ...]:
    module = module_for(course, module_id).module
    return module_lessons(module, pool.lessons_for(course.provider_id, module_id))


def lessons_by_module(course: Course) -> dict[str, tuple[Lesson, ...]]:
    """Every module's lessons in the course's order; the mapping and the academy's lessons are
    read once, whatever the number of modules."""
    return for_course(course).lessons


@dataclass(frozen=True)
class CourseContent:
    """What a course uses, read once for a page: its modules, their lessons and its cases."""

    views: list[CourseModuleView]
    lessons: dict[str, tuple[Lesson, ...]]
    cases: tuple[Case, ...]


def for_course(course: Course) -> CourseContent:
    """The course's modules, lessons and cases in three queries (mapping, own lessons, cases)."""
    views = modules_for_course(course)
    own = pool.lessons_for(course.provider_id)
    used = {view.id for view in views}
    cases = (*curriculum().cases, *pool.cases_for(course.provider_id))
    return CourseContent(
        views=views,
        lessons={view.id: module_lessons(view.module, own) for view in views},
        cases=tuple(c for c in cases if c.module in used),
    )


def lesson_for(course: Course, lesson_id: str) -> Lesson:
    """One lesson of the course: the mapping and the academy's lessons are read once."""
    own = pool.lessons_for(course.provider_id)
    for view in modules_for_course(course):
        for lesson in module_lessons(view.module, own):
            if lesson.id == lesson_id:
                return lesson
    raise Http404("No such lesson in this course.")


def question_pool(course: Course, module_id: str) -> tuple[Question, ...]:
    module_for(course, module_id)
    own = pool.questions_for(course.provider_id, module_id)
    return curriculum().questions.get(module_id, ()) + tuple(own)


def questions_by_id(course: Course, module_id: str) -> dict[str, Question]:
    return {q.id: q for q in question_pool(course, module_id)}


def cases_for(course: Course) -> tuple[Case, ...]:
    used = {view.id for view in modules_for_course(course)}
    cases = (*curriculum().cases, *pool.cases_for(course.provider_id))
    return tuple(c for c in cases if c.module in used)


def case_for(course: Course, case_id: str) -> Case:
    for case in cases_for(course):
        if case.id == case_id:
            return case
    raise Http404("No such case in this course.")
