"""Completion requirement KINDS: a registry other apps add to.

`register_kind(kind, label, evaluator)`; an evaluator answers (met, detail) for an Enrolment:
`evaluator(enrolment)`, or `evaluator(enrolment, rule)` when it needs the rule's `params`
(e.g. which module must be passed). It may answer (met, detail, evidence) with the value the
learner achieved (`threadlift.credentials.credential.Evidence`): the credential states it.
A rule whose kind nobody registered is NOT met (fail safe).
`academy.credentials.platform_kinds` registers the kinds the other apps answer
(`module_passed`, `simulator_mastered`, `competency_signed_off`, `attendance`), and
`services.issue_after_work` tries to issue when a service records work that may meet one.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.utils import timezone

from academy.catalog.models import Enrolment, EnrolmentStatus
from academy.credentials.dates import in_words
from threadlift.credentials.credential import Evidence

if TYPE_CHECKING:
    from academy.catalog.models import Course
    from academy.credentials.models import CompletionRule

Evaluator = Callable[..., tuple[bool, str] | tuple[bool, str, Evidence | None]]
ParamsCheck = Callable[["Course", dict[str, object]], dict[str, str]]
"""A kind's check of a rule's `params` for one course: {parameter: what is wrong} (form messages);
empty when the rule can be met on that course."""


@dataclass(frozen=True)
class Kind:
    kind: str
    label: str
    evaluator: Evaluator
    wants_rule: bool = True
    params_check: ParamsCheck | None = None
    params: tuple[str, ...] = ()  # the parameters this kind reads (one form field each)


_KINDS: dict[str, Kind] = {}


def register_kind(
    kind: str,
    label: str,
    evaluator: Evaluator,
    *,
    params_check: ParamsCheck | None = None,
    params: tuple[str, ...] = (),
) -> None:
    positional = [
        p
        for p in inspect.signature(evaluator).parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
    ]
    wants_rule = len(positional) >= 2 or any(p.kind == p.VAR_POSITIONAL for p in positional)
    _KINDS[kind] = Kind(kind, label, evaluator, wants_rule, params_check, params)


def params_problems(course: Course, kind: str, params: dict[str, object]) -> dict[str, str]:
    """{parameter: message} when a rule of `kind` with `params` cannot be met on `course`."""
    found = _KINDS.get(kind)
    if found is None:
        return {"kind": "Choose one of the listed kinds."}
    if found.params_check is None:
        return {}
    return found.params_check(course, params)


def kind_params(kind: str) -> tuple[str, ...]:
    found = _KINDS.get(kind)
    return found.params if found else ()


def kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda k: k.label)


def kind_label(kind: str) -> str:
    found = _KINDS.get(kind)
    return found.label if found else f"Unknown requirement ({kind})"


@dataclass(frozen=True)
class CheckItem:
    rule: CompletionRule
    met: bool
    detail: str
    evidence: Evidence | None = None

    def as_evidence(self) -> Evidence:
        """What the credential says of this requirement: its label, how, and any value."""
        if self.evidence is not None:
            return replace(self.evidence, requirement=self.rule.label, detail=self.detail)
        return Evidence(self.rule.label, self.detail)


def evaluate(enrolment: Enrolment, rule: CompletionRule) -> CheckItem:
    found = _KINDS.get(rule.kind)
    if found is None:
        return CheckItem(rule, False, "This requirement cannot be checked yet, so it is not met.")
    try:
        answer = (
            found.evaluator(enrolment, rule) if found.wants_rule else found.evaluator(enrolment)
        )
        met, detail = answer[0], answer[1]
        evidence = answer[2] if len(answer) > 2 else None
    except Exception as exc:  # a broken evaluator must not issue certificates
        return CheckItem(rule, False, f"This requirement could not be checked ({exc}).")
    return CheckItem(rule, bool(met), detail, evidence if met else None)


def checklist(enrolment: Enrolment, rules: list[CompletionRule]) -> list[CheckItem]:
    return [evaluate(enrolment, rule) for rule in rules]


def all_met(items: list[CheckItem]) -> bool:
    """A course with no rules issues nothing: at least one requirement must be set and met."""
    return any(item.rule.pk is not None for item in items) and all(item.met for item in items)


def _academy_requirement(enrolment: Enrolment, rule: CompletionRule) -> tuple[bool, str]:
    mark = next((m for m in enrolment.marks.all() if m.rule_id == rule.pk), None)
    if mark is None:
        return False, "Not yet marked met by the academy."
    return True, f"Marked met by the academy on {in_words(timezone.localdate(mark.marked_at))}."


def last_day(enrolment: Enrolment) -> dt.date:
    """The run's last day: its end date or its last practical session, whichever is later."""
    from academy.practice.models import PracticalSession

    last_session = (
        PracticalSession.objects.filter(run_id=enrolment.run_id)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    ends_on = enrolment.run.ends_on
    return max(ends_on, last_session) if last_session else ends_on


def _run_completed(enrolment: Enrolment, rule: CompletionRule) -> tuple[bool, str]:
    if enrolment.status != EnrolmentStatus.ENROLLED:
        return False, "Not enrolled on this run."
    if enrolment.run.cancelled:
        return False, "The run was cancelled."
    last = last_day(enrolment)
    if last >= timezone.localdate():
        return False, f"The run's last day is {in_words(last)}: a certificate follows it."
    run = enrolment.run
    held = (
        f"on {in_words(run.starts_on)}"
        if run.starts_on == last
        else f"from {in_words(run.starts_on)} to {in_words(last)}"
    )
    return True, f"The run was held {held} and the learner was enrolled."


RUN_OVER_LABEL = "The run and its practical sessions are over"


def register_builtin_kinds() -> None:
    register_kind(
        "academy_requirement",
        "Academy requirement (marked met by the academy)",
        _academy_requirement,
    )
    register_kind("run_completed", "The run has ended and the learner was enrolled", _run_completed)
