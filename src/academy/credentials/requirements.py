"""Completion requirement KINDS: a registry other apps add to.

`register_kind(kind, label, evaluator)`; an evaluator answers (met, detail) for an Enrolment:
`evaluator(enrolment)`, or `evaluator(enrolment, rule)` when it needs the rule's `params`
(e.g. which module must be passed). A rule whose kind nobody registered is NOT met (fail safe).
`academy.credentials.platform_kinds` registers the kinds the other apps answer
(`module_passed`, `simulator_mastered`, `competency_signed_off`, `attendance`), and
`academy.credentials.triggers` tries to issue when a learner meets one.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

from academy.catalog.models import Enrolment, EnrolmentStatus

if TYPE_CHECKING:
    from academy.credentials.models import CompletionRule

Evaluator = Callable[..., tuple[bool, str]]
ParamsCheck = Callable[[dict[str, object]], str | None]
"""A kind's check of a rule's `params`: None when fine, else what is wrong (a form message)."""


@dataclass(frozen=True)
class Kind:
    kind: str
    label: str
    evaluator: Evaluator
    wants_rule: bool = True
    params_check: ParamsCheck | None = None


_KINDS: dict[str, Kind] = {}


def register_kind(
    kind: str, label: str, evaluator: Evaluator, *, params_check: ParamsCheck | None = None
) -> None:
    positional = [
        p
        for p in inspect.signature(evaluator).parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
    ]
    wants_rule = len(positional) >= 2 or any(p.kind == p.VAR_POSITIONAL for p in positional)
    _KINDS[kind] = Kind(kind, label, evaluator, wants_rule, params_check)


def params_problem(kind: str, params: dict[str, object]) -> str | None:
    found = _KINDS.get(kind)
    if found is None or found.params_check is None:
        return None
    return found.params_check(params)


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


def evaluate(enrolment: Enrolment, rule: CompletionRule) -> CheckItem:
    found = _KINDS.get(rule.kind)
    if found is None:
        return CheckItem(rule, False, "This requirement cannot be checked yet, so it is not met.")
    try:
        if found.wants_rule:
            met, detail = found.evaluator(enrolment, rule)
        else:
            met, detail = found.evaluator(enrolment)
    except Exception as exc:  # a broken evaluator must not issue certificates
        return CheckItem(rule, False, f"This requirement could not be checked ({exc}).")
    return CheckItem(rule, bool(met), detail)


def checklist(enrolment: Enrolment, rules: list[CompletionRule]) -> list[CheckItem]:
    return [evaluate(enrolment, rule) for rule in rules]


def all_met(items: list[CheckItem]) -> bool:
    """A course with no rules issues nothing: at least one requirement must be set and met."""
    return bool(items) and all(item.met for item in items)


def _academy_requirement(enrolment: Enrolment, rule: CompletionRule) -> tuple[bool, str]:
    mark = next((m for m in enrolment.marks.all() if m.rule_id == rule.pk), None)
    if mark is None:
        return False, "Not yet marked met by the academy."
    return True, f"Marked met by the academy on {timezone.localdate(mark.marked_at):%d %b %Y}."


def _run_completed(enrolment: Enrolment, rule: CompletionRule) -> tuple[bool, str]:
    if enrolment.status != EnrolmentStatus.ENROLLED:
        return False, "Not enrolled on this run."
    if enrolment.run.cancelled:
        return False, "The run was cancelled."
    if enrolment.run.ends_on >= timezone.localdate():
        return False, f"The run ends on {enrolment.run.ends_on:%d %b %Y}."
    return True, f"The run ended on {enrolment.run.ends_on:%d %b %Y} and the learner was enrolled."


def register_builtin_kinds() -> None:
    register_kind(
        "academy_requirement",
        "Academy requirement (marked met by the academy)",
        _academy_requirement,
    )
    register_kind("run_completed", "The run has ended and the learner was enrolled", _run_completed)
