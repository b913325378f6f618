"""The content files' schemas: modules, lessons, items, cases (frozen; extra keys forbidden).

The format is the contract in this package's README.md. Cross-file checks (sources, records,
outcomes, hotspot geometry, case paths, the assessment engine) are in `checks*.py`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from threadlift.knowledge.vocab import View

ContentId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
"""lower_snake_case, unique within its kind."""
SourceId = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Za-z0-9-]*$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]

MODULE_IDS: tuple[str, ...] = (
    "anatomy_ageing",
    "threads_materials",
    "safe_technique",
    "patient_selection",
    "communication_expectations",
    "complications",
    "aftercare",
)
"""The seven curriculum modules (fixed by the contract)."""

T = TypeVar("T", bound=BaseModel)

ItemKind = Literal["single", "multiple", "hotspot"]
Verdict = Literal["suitable", "caution", "not_suitable"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# ------------------------------------------------------------------ modules and lessons


class Outcome(Frozen):
    """A learning outcome: what the learner can do afterwards."""

    id: ContentId
    text: Text


class Module(Frozen):
    id: ContentId
    order: int = Field(ge=1)
    title: Text
    summary: Text
    outcomes: tuple[Outcome, ...] = Field(min_length=1)
    lessons: tuple[ContentId, ...] = Field(min_length=1, description="lesson ids, in order")
    reviewed: dt.date = Field(description="when the module's content was last reviewed")
    review_by: dt.date = Field(description="when it is due for its next review")


class Lesson(Frozen):
    """A lesson: its front matter and its Markdown body (directives left in place)."""

    id: ContentId
    module: ContentId
    title: Text
    outcomes: tuple[ContentId, ...] = Field(min_length=1)
    sources: tuple[SourceId, ...] = Field(min_length=1)
    minutes: int = Field(ge=1, le=240, description="reading time")
    # A lesson may be reviewed apart from its module; without these it has the module's dates.
    reviewed: dt.date | None = None
    review_by: dt.date | None = None
    body: str = Field(min_length=1, description="Markdown after the front matter")


# ------------------------------------------------------------------ question items


class Option(Frozen):
    id: ContentId
    text: Text
    correct: bool
    why: Text = Field(description="why this option is right or wrong, with citations")


class HotspotAnswer(Frozen):
    """A correct click: inside one of `inside` (zone or area ids) and, with `outside_all_zones`,
    outside every danger zone drawn in the view."""

    inside: tuple[ContentId, ...] = ()
    outside_all_zones: bool = False

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        if not self.inside and not self.outside_all_zones:
            raise ValueError("give `inside` region ids, `outside_all_zones: true`, or both")
        return self


class Question(Frozen):
    """A question item. `single`/`multiple` have 4-6 options; `hotspot` a view and an answer."""

    id: ContentId
    module: ContentId
    outcome: ContentId
    kind: ItemKind
    difficulty: Literal[1, 2, 3]
    stem: Text
    options: tuple[Option, ...] = ()
    view: View | None = None
    answer: HotspotAnswer | None = None
    explanation: Text
    sources: tuple[SourceId, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _shape_of_kind(self) -> Self:
        if self.kind == "hotspot":
            if self.options:
                raise ValueError("a hotspot item has no options")
            if self.view is None or self.answer is None:
                raise ValueError("a hotspot item needs `view` and `answer`")
            return self
        if self.view is not None or self.answer is not None:
            raise ValueError(f"a {self.kind} item has options, not `view`/`answer`")
        if not 4 <= len(self.options) <= 6:
            raise ValueError(f"a {self.kind} item needs 4-6 options, not {len(self.options)}")
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError("option ids repeat")
        right = sum(o.correct for o in self.options)
        if self.kind == "single" and right != 1:
            raise ValueError(f"a single item needs exactly one correct option, not {right}")
        if self.kind == "multiple" and (right < 2 or right == len(self.options)):
            raise ValueError(
                f"a multiple item needs >= 2 correct and >= 1 incorrect options ({right} correct)"
            )
        return self

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.options if o.correct)


# ------------------------------------------------------------------ cases

END = "end"
"""A plain end (no ending text); a case's endings are better (see `Ending`)."""


class Choice(Frozen):
    id: ContentId
    text: Text
    verdict: Verdict | None = Field(default=None, description="only on suitability steps")
    correct: bool = Field(description="the best choice of its step (exactly one per step)")
    defensible: bool = Field(
        default=False,
        description="not the best choice but a defensible one: credited, with feedback saying why",
    )
    feedback: Text
    next: ContentId = Field(description="a step id, an ending id or `end`")

    @model_validator(mode="after")
    def _defensible_is_not_best(self) -> Self:
        if self.correct and self.defensible:
            raise ValueError("a choice is either `correct` (the best) or `defensible`, not both")
        return self

    @property
    def credited(self) -> bool:
        """Counts as a good decision in the case's score."""
        return self.correct or self.defensible


class Step(Frozen):
    prompt: Text
    kind: Literal["suitability"] | None = None
    choices: tuple[Choice, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _choices(self) -> Self:
        ids = [c.id for c in self.choices]
        if len(set(ids)) != len(ids):
            raise ValueError("choice ids repeat")
        best = sum(c.correct for c in self.choices)
        if best != 1:
            raise ValueError(f"exactly one choice is the best (`correct: true`), not {best}")
        with_verdict = [c.id for c in self.choices if c.verdict is not None]
        if self.kind == "suitability" and len(with_verdict) != len(ids):
            raise ValueError("every choice of a suitability step needs a `verdict`")
        if self.kind is None and with_verdict:
            raise ValueError(f"`verdict` only on `kind: suitability` steps ({with_verdict})")
        return self

    @property
    def best(self) -> Choice:
        return next(c for c in self.choices if c.correct)


class Ending(Frozen):
    """How the case ended: what happened to the patient and why (cited)."""

    title: Text
    text: Text
    outcome: Literal["good", "poor"] = Field(
        description="`poor`: the patient came to harm or was treated wrongly; the case is failed"
    )


class Case(Frozen):
    """A branching scenario; `patient` is checked with the assessment engine's parser.

    A choice's `next` is a step, an ending or `end`; the checks (`checks_cases.py`) require a
    graph without cycles whose best path (the `correct` choices from `start`) ends well.
    """

    id: ContentId
    title: Text
    module: ContentId
    outcomes: tuple[ContentId, ...] = Field(min_length=1)
    patient: dict[str, object]
    story: Text
    start: ContentId
    steps: dict[ContentId, Step] = Field(min_length=1)
    endings: dict[ContentId, Ending] = Field(default_factory=dict)
    sources: tuple[SourceId, ...] = Field(min_length=1)


# ------------------------------------------------------------------ all of it


class Content(Frozen):
    """All content: modules in order, lessons in module order, question items by module, cases."""

    modules: tuple[Module, ...]
    lessons: tuple[Lesson, ...]
    questions: dict[str, tuple[Question, ...]]
    cases: tuple[Case, ...]

    def module(self, module_id: str) -> Module:
        return _find(self.modules, module_id, "module")

    def lesson(self, lesson_id: str) -> Lesson:
        return _find(self.lessons, lesson_id, "lesson")

    def case(self, case_id: str) -> Case:
        return _find(self.cases, case_id, "case")

    def question(self, question_id: str) -> Question:
        return _find(self.all_questions(), question_id, "question")

    def lessons_of(self, module_id: str) -> tuple[Lesson, ...]:
        return tuple(lesson for lesson in self.lessons if lesson.module == module_id)

    def all_questions(self) -> tuple[Question, ...]:
        return tuple(q for items in self.questions.values() for q in items)

    def counts(self) -> dict[str, int]:
        items = self.all_questions()
        return {
            "modules": len(self.modules),
            "lessons": len(self.lessons),
            "questions": len(items),
            "hotspots": sum(q.kind == "hotspot" for q in items),
            "cases": len(self.cases),
        }


def _find(records: tuple[T, ...], record_id: str, kind: str) -> T:
    for record in records:
        if getattr(record, "id", None) == record_id:
            return record
    raise KeyError(f"no {kind} {record_id!r}")
