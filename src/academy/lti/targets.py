"""What a launch opens: a module, lesson or quiz of a run, or a simulator exercise.

A target is written `kind:run_id:item_id` (e.g. `lesson:12:m1-anatomy`) in the resource link's
custom parameter `threadlift_target`, which deep linking puts there.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse

from academy.catalog.models import CourseRun
from academy.learning import content
from academy.simulator import content as simulator_content

KINDS = ("module", "lesson", "quiz", "exercise")
GRADED = ("quiz", "exercise")
CUSTOM_KEY = "threadlift_target"


class TargetError(ValueError):
    """The launch names no target this academy has."""


@dataclass(frozen=True)
class Target:
    kind: str
    run: CourseRun
    item_id: str
    title: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.run.pk}:{self.item_id}"

    @property
    def learner_url(self) -> str:
        if self.kind == "lesson":
            return reverse("learning:lesson", args=[self.run.pk, self.item_id])
        if self.kind == "quiz":
            return reverse("learning:quiz", args=[self.run.pk, self.item_id])
        if self.kind == "exercise":
            return reverse("simulator:exercise", args=[self.item_id])
        return reverse("learning:run", args=[self.run.pk]) + f"#module-{self.item_id}"

    @property
    def instructor_url(self) -> str:
        if self.kind == "exercise":
            return reverse("simulator:run", args=[self.run.pk])
        return reverse("learning:trainer", args=[self.run.pk])


def resolve(key: str, *, provider_id: int) -> Target:
    """The target `key` names, in a run of the academy `provider_id`; TargetError otherwise."""
    kind, _, rest = key.partition(":")
    run_id, _, item_id = rest.partition(":")
    if kind not in KINDS or not run_id.isdigit() or not item_id:
        raise TargetError("The link names no module, lesson, quiz or exercise.")
    run = (
        CourseRun.objects.select_related("course", "course__provider")
        .filter(pk=int(run_id), course__provider_id=provider_id)
        .first()
    )
    if run is None:
        raise TargetError("The link names a course run this academy does not have.")
    try:
        if kind == "lesson":
            title = content.lesson_for(run.course, item_id).title
        elif kind in ("module", "quiz"):
            title = content.module_for(run.course, item_id).module.title
            title = f"Quiz: {title}" if kind == "quiz" else title
        else:
            exercise = simulator_content.exercise(item_id)
            if exercise is None:
                raise Http404
            title = exercise.title
    except Http404:
        raise TargetError("The link names something this course does not have.") from None
    return Target(kind=kind, run=run, item_id=item_id, title=str(title))


@dataclass(frozen=True)
class Choice:
    key: str
    title: str
    kind: str


def choices_for_run(run: CourseRun) -> list[Choice]:
    """What an instructor may place from one run, in the course's order."""
    found: list[Choice] = []
    course_content = content.for_course(run.course)
    for view in course_content.views:
        title = str(view.module.title)
        found.append(Choice(f"module:{run.pk}:{view.id}", title, "module"))
        for lesson in course_content.lessons[view.id]:
            found.append(Choice(f"lesson:{run.pk}:{lesson.id}", str(lesson.title), "lesson"))
        found.append(Choice(f"quiz:{run.pk}:{view.id}", f"Quiz: {title}", "quiz"))
    for exercise in simulator_content.exercises():
        found.append(Choice(f"exercise:{run.pk}:{exercise.id}", exercise.title, "exercise"))
    return found
