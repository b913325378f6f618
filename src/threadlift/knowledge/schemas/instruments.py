"""Assessment instruments: photo-numeric scales and screening questionnaires."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, Self

from pydantic import Field, model_validator

from threadlift.knowledge.schemas.clinical import CitedNote
from threadlift.knowledge.schemas.common import Frozen, Marks, Record, SourceId, Text

Answer = bool | int


class Level(Frozen):
    """One level of a scale. `label` is its stable key; `value` the number where the scale
    has one fixed numbering (None where studies number it differently, as with GAIS)."""

    label: Text
    value: int | None = None
    name: str | None = None
    description: str | None = None
    age_band: str | None = None
    marks: Marks = ()


class Item(Frozen):
    """A questionnaire item; `response` is `yes_no` or `score` (range in `Scoring`)."""

    number: int = Field(ge=1)
    response: Literal["yes_no", "score"]
    text: str | None = None


class Scoring(Frozen):
    """Per-item and total score ranges."""

    item_min: int
    item_max: int
    total_min: int | None = None
    total_max: int | None = None


class ItemCondition(Frozen):
    """A condition on one or more items: any (or all) of `items` answered `yes` (when
    `answer_yes` is true) or scored at least `at_least`."""

    kind: Literal["items"] = "items"
    items: tuple[int, ...] = Field(min_length=1)
    quantifier: Literal["any", "all"] = "any"
    answer_yes: bool | None = None
    at_least: int | None = None

    @model_validator(mode="after")
    def _one_test(self) -> Self:
        if (self.answer_yes is None) == (self.at_least is None):
            raise ValueError("give exactly one of answer_yes or at_least")
        return self

    def is_met(self, answers: Mapping[int, Answer]) -> bool:
        results = [self._item_met(answers.get(number)) for number in self.items]
        return any(results) if self.quantifier == "any" else all(results)

    def _item_met(self, answer: Answer | None) -> bool:
        if answer is None:
            return False
        if self.answer_yes is not None:
            return bool(answer) is self.answer_yes
        assert self.at_least is not None  # guaranteed by _one_test
        return not isinstance(answer, bool) and answer >= self.at_least


class RuleGroup(Frozen):
    """All (or any) of the terms must hold."""

    kind: Literal["group"] = "group"
    op: Literal["all", "any"]
    terms: tuple[ItemCondition | RuleGroup, ...] = Field(min_length=1)

    def is_met(self, answers: Mapping[int, Answer]) -> bool:
        """Evaluate the rule on answers keyed by item number (bool for yes/no, int scores)."""
        results = (term.is_met(answers) for term in self.terms)
        return all(results) if self.op == "all" else any(results)


class CutOff(Frozen):
    """A total score at or above which a screen is positive, with its source."""

    at_least: int
    source: SourceId
    note: str | None = None
    marks: Marks = ()


class Instrument(Record):
    """A scale or screening tool.

    Scales list `levels` (stored by label); questionnaires list `items`, `scoring`, and either
    a `positive_rule` (evaluable with `positive_rule.is_met(answers)`) or a `cut_off` with
    `alternative_cut_offs`. `performance` holds validation figures with sources.
    """

    name: Text
    kind: Literal["clinician-scale", "patient-reported", "screening"]
    purpose: Text
    levels: tuple[Level, ...] = ()
    order_note: str | None = None
    item_count: int | None = Field(default=None, ge=1)
    items: tuple[Item, ...] = ()
    scoring: Scoring | None = None
    positive_rule: RuleGroup | None = None
    cut_off: CutOff | None = None
    alternative_cut_offs: tuple[CutOff, ...] = ()
    performance: tuple[CitedNote, ...] = ()
    notes: tuple[Text, ...] = ()
