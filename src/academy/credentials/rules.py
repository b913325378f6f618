"""What a course's certificate asks for (the checklist, the policy, the expiry), the event log
and the verification address: what both the services (which queue an issue) and the signer
(issue.py, run by the task) need, so it sits below both and neither imports the other's caller:
services -> tasks -> issue -> rules."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from academy.accounts.audit import actor_label
from academy.accounts.models import User
from academy.catalog.models import Enrolment
from academy.credentials import requirements
from academy.credentials.models import (
    CertificatePolicy,
    CompletionRule,
    Credential,
    CredentialAction,
    CredentialEvent,
)


class CannotIssue(Exception):
    """The learner has not met every requirement, or already holds the certificate."""


def rules_for(enrolment: Enrolment) -> list[CompletionRule]:
    return list(CompletionRule.objects.filter(course_id=enrolment.run.course_id))


def checklist(enrolment: Enrolment) -> list[requirements.CheckItem]:
    """The course's rules, and always the run being over (no certificate before its last day)
    and the learner's evaluation of the course (academy.evaluations)."""
    rules = rules_for(enrolment)
    if not any(rule.kind == "run_completed" for rule in rules):
        rules.append(
            CompletionRule(
                course_id=enrolment.run.course_id,
                kind="run_completed",
                label=requirements.RUN_OVER_LABEL,
                position=len(rules),
            )
        )
    # Accreditation (issue 21): every certificate also waits for the learner's evaluation.
    if not any(rule.kind == EVALUATION_KIND for rule in rules):
        rules.append(
            CompletionRule(
                course_id=enrolment.run.course_id,
                kind=EVALUATION_KIND,
                label=EVALUATION_LABEL,
                position=len(rules),
            )
        )
    return requirements.checklist(enrolment, rules)


EVALUATION_KIND = "evaluation_submitted"
EVALUATION_LABEL = "Evaluation"


def policy_for(enrolment: Enrolment) -> CertificatePolicy:
    return policy_of_course(enrolment.run.course_id)


def policy_of_course(course_id: int) -> CertificatePolicy:
    policy, _ = CertificatePolicy.objects.get_or_create(course_id=course_id)
    return policy


def record(
    enrolment: Enrolment | None,
    action: CredentialAction,
    *,
    by: User | None,
    credential: Credential | None = None,
    reason: str = "",
) -> None:
    event = CredentialEvent(
        credential=credential,
        enrolment=enrolment,
        action=action,
        reason=reason,
        by=by,
        by_label=actor_label(by),
    )
    event.full_clean()
    event.save()


def verification_path(credential: Credential) -> str:
    return reverse("credentials:verify", kwargs={"credential_id": credential.pk})


def expiry_for(course_id: int, issued_at: dt.datetime) -> dt.datetime | None:
    months = policy_of_course(course_id).renewal_months
    if not months:
        return None
    year, month = divmod(issued_at.month - 1 + months, 12)
    day = min(issued_at.day, 28)
    return issued_at.replace(year=issued_at.year + year, month=month + 1, day=day)


def now() -> dt.datetime:
    return timezone.now()
