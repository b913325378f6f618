"""The ONE place where the learning app looks up curriculum content for a course.

Today: the packaged curriculum (`threadlift.content`) filtered by the course's module mapping.
At merge the academy's own items (`academy.authoring.pool`) are added here, so every page and
the statistics see them without further change. Items are referred to by id string.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from academy.catalog.models import Course
from academy.learning.models import CourseModule, QuizMode
from threadlift.content import Case, Content, Lesson, Module, Question, load_content
from threadlift.knowledge import KnowledgeBase, load_knowledge


def kb() -> KnowledgeBase:
    return load_knowledge()


def curriculum() -> Content:
    return load_content(load_knowledge())


@dataclass(frozen=True)
class CourseModuleView:
    """A module as a course uses it: the core module and the course's quiz settings."""

    module: Module
    settings: CourseModule

    @property
    def id(self) -> str:
        return self.module.id


def _defaults(course: Course, module: Module) -> CourseModule:
    return CourseModule(
        course=course, module_id=module.id, position=module.order, mode=QuizMode.TUTOR
    )


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


def lessons_for(course: Course, module_id: str) -> tuple[Lesson, ...]:
    module = module_for(course, module_id).module
    content = curriculum()
    return tuple(content.lesson(lesson_id) for lesson_id in module.lessons)


def lesson_for(course: Course, lesson_id: str) -> Lesson:
    for view in modules_for_course(course):
        for lesson in lessons_for(course, view.id):
            if lesson.id == lesson_id:
                return lesson
    raise Http404("No such lesson in this course.")


def question_pool(course: Course, module_id: str) -> tuple[Question, ...]:
    module_for(course, module_id)
    return curriculum().questions.get(module_id, ())


def questions_by_id(course: Course, module_id: str) -> dict[str, Question]:
    return {q.id: q for q in question_pool(course, module_id)}


def cases_for(course: Course) -> tuple[Case, ...]:
    used = {view.id for view in modules_for_course(course)}
    return tuple(c for c in curriculum().cases if c.module in used)


def case_for(course: Course, case_id: str) -> Case:
    for case in cases_for(course):
        if case.id == case_id:
            return case
    raise Http404("No such case in this course.")
