"""Issuance (through the task), revocation, suspension and renewal. The checklist and the
other pieces the signer needs too are in rules.py, below the task (re-exported here)."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.utils import timezone

from academy.accounts.models import User
from academy.catalog.models import Course, Enrolment, EnrolmentStatus
from academy.core.completion import Work
from academy.cpd import services as cpd_services
from academy.credentials import requirements, signing
from academy.credentials.models import (
    AcademyCertificateLook,
    CompletionRule,
    Credential,
    CredentialAction,
    CredentialState,
    RequirementMark,
)
from academy.credentials.rules import (
    CannotIssue,
    checklist,
    expiry_for,
    now,
    policy_for,
    policy_of_course,
    record,
    rules_for,
    verification_path,
)
from academy.credentials.tasks import issue_credential

if TYPE_CHECKING:
    from academy.credentials.forms import CertificateLookForm


log = logging.getLogger(__name__)


def current_credential(enrolment: Enrolment) -> Credential | None:
    return (
        Credential.objects.filter(enrolment=enrolment, revoked=False, renewals__isnull=True)
        .order_by("-created_at")
        .first()
    )


def _next_index(enrolment: Enrolment) -> int:
    top = Credential.objects.filter(provider_id=enrolment.run.course.provider_id).aggregate(
        top=Max("status_index")
    )["top"]
    # Start away from 0 so a list's first bits say nothing about the academy's first learners.
    return 1000 if top is None else top + 1


def _new_credential(
    enrolment: Enrolment, *, by: User | None, replaces: Credential | None = None
) -> Credential:
    policy = policy_for(enrolment)
    state = (
        CredentialState.AWAITING_APPROVAL if policy.approval_required else CredentialState.QUEUED
    )
    for _attempt in range(3):
        try:
            with transaction.atomic():
                credential = Credential(
                    provider_id=enrolment.run.course.provider_id,
                    course_id=enrolment.run.course_id,
                    enrolment=enrolment,
                    learner_id=enrolment.learner_id,
                    status_index=_next_index(enrolment),
                    state=state,
                    replaces=replaces,
                    subject_id=replaces.subject_id if replaces else uuid.uuid4(),
                )
                # A status index taken meanwhile is the IntegrityError retried here.
                credential.full_clean(validate_constraints=False)
                credential.save()
            break
        except IntegrityError:
            continue
    else:
        raise CannotIssue("Could not reserve a status list index; try again.")
    if state == CredentialState.QUEUED:
        _enqueue(credential)
    else:
        record(enrolment, CredentialAction.REQUESTED, by=by, credential=credential)
    return credential


def _enqueue(credential: Credential) -> None:
    pk = str(credential.pk)
    transaction.on_commit(lambda: issue_credential.enqueue(credential_id=pk))


def request_issue(enrolment: Enrolment, *, by: User | None) -> Credential:
    """Start issuing when every requirement is met (approval first if the course asks for it)."""
    with transaction.atomic():
        Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if current_credential(enrolment) is not None:
            raise CannotIssue("This learner already holds (or is being issued) this certificate.")
        if not requirements.all_met(checklist(enrolment)):
            raise CannotIssue("Not every requirement is met.")
        return _new_credential(enrolment, by=by)


def issue_if_complete(enrolment: Enrolment, *, by: User | None) -> Credential | None:
    """What other apps call after a learner meets a requirement."""
    try:
        return request_issue(enrolment, by=by)
    except CannotIssue:
        return None


def issue_after_work(work: Work) -> None:
    """The check the services that record work ask for (`academy.core.completion`): the
    learner's enrolments the work may complete are checked after the commit, and a certificate
    is started where every requirement is now met. A failed check never breaks the page that
    recorded the work; issuing can be retried from the checklist."""
    enrolments = Enrolment.objects.filter(
        learner_id=work.learner_id,
        status=EnrolmentStatus.ENROLLED,
        run__course__completion_rules__isnull=False,
    )
    if work.run_id is not None:
        enrolments = enrolments.filter(run_id=work.run_id)
    if work.course_id is not None:
        enrolments = enrolments.filter(run__course_id=work.course_id)
    if work.rule_kind is not None:
        enrolments = enrolments.filter(run__course__completion_rules__kind=work.rule_kind)
    ids = list(enrolments.values_list("pk", flat=True).distinct())
    if ids:
        transaction.on_commit(lambda: _issue_where_complete(ids))


def _issue_where_complete(ids: list[int]) -> None:
    for enrolment in Enrolment.objects.select_related("run__course", "learner").filter(pk__in=ids):
        try:
            issue_if_complete(enrolment, by=None)
        except Exception:  # the work is recorded; issuing can be retried from the checklist
            log.exception("Checking enrolment %s for a certificate failed", enrolment.pk)


def mark_requirement(enrolment: Enrolment, rule: CompletionRule, *, by: User) -> None:
    if rule.kind != "academy_requirement" or rule.course_id != enrolment.run.course_id:
        raise CannotIssue("Only academy requirements of this course can be marked.")
    created = not RequirementMark.objects.filter(enrolment=enrolment, rule=rule).exists()
    if created:
        mark = RequirementMark(enrolment=enrolment, rule=rule, marked_by=by)
        mark.full_clean(validate_constraints=False)  # marked once: the database holds the line
        try:
            with transaction.atomic():
                mark.save()
        except IntegrityError:  # a double post: marked already
            created = False
        record(enrolment, CredentialAction.MARKED, by=by, reason=rule.label)
    fresh = Enrolment.objects.select_related("run__course").get(pk=enrolment.pk)
    issue_if_complete(fresh, by=by)


def approve(credential: Credential, *, by: User) -> None:
    with transaction.atomic():
        locked = Credential.objects.select_for_update().get(pk=credential.pk)
        if locked.state != CredentialState.AWAITING_APPROVAL:
            raise CannotIssue("This certificate is not awaiting approval.")
        locked.state = CredentialState.QUEUED
        locked.full_clean()
        locked.save(update_fields=["state"])
        record(locked.enrolment, CredentialAction.APPROVED, by=by, credential=locked)
        _enqueue(locked)


def set_flag(credential: Credential, action: CredentialAction, *, by: User, reason: str) -> None:
    """Revoke, suspend or lift a suspension: the status lists change with this row."""
    if credential.state != CredentialState.ISSUED:
        raise CannotIssue("Only an issued certificate can be revoked or suspended.")
    if credential.revoked:
        raise CannotIssue("A revoked certificate stays revoked.")
    if action == CredentialAction.REVOKED:
        credential.revoked = True
    elif action == CredentialAction.SUSPENDED:
        credential.suspended = True
    elif action == CredentialAction.UNSUSPENDED:
        if not credential.suspended:
            raise CannotIssue("This certificate is not suspended.")
        credential.suspended = False
    else:
        raise CannotIssue("Unknown action.")
    with transaction.atomic():
        credential.full_clean()
        credential.save(update_fields=["revoked", "suspended"])
        record(credential.enrolment, action, by=by, credential=credential, reason=reason)
        if action == CredentialAction.REVOKED:
            _withdraw_cpd(credential, reason=reason)
        provider_id = credential.provider_id
        signing.forget_status_lists(provider_id)
        transaction.on_commit(lambda: signing.forget_status_lists(provider_id))


def _withdraw_cpd(credential: Credential, *, reason: str) -> None:
    """A revoked certificate's CPD credit is reversed in the ledger (its award, made for it or
    for the certificate it renewed, stays beside the reversal)."""
    refs: list[str] = []
    current: Credential | None = credential
    while current is not None:
        refs.append(str(current.pk))
        current = current.replaces
    cpd_services.credits_withdraw(
        source_refs=refs,
        reason=(f"Certificate revoked: {reason}" if reason.strip() else "Certificate revoked")[
            :300
        ],
        now=timezone.now(),
    )


def renew(credential: Credential, *, by: User) -> Credential:
    """Re-issue on renewal: a new credential (new dates and proof) that replaces this one."""
    if credential.state != CredentialState.ISSUED or credential.revoked:
        raise CannotIssue("Only a current, issued certificate can be renewed.")
    if credential.renewals.exists():
        raise CannotIssue("This certificate has already been renewed.")
    if credential.enrolment is None:
        raise CannotIssue("The enrolment behind this certificate no longer exists.")
    with transaction.atomic():
        new = _new_credential(credential.enrolment, by=by, replaces=credential)
        record(credential.enrolment, CredentialAction.RENEWED, by=by, credential=credential)
    return new


@dataclass(frozen=True)
class Withdrawal:
    """Why a credential no longer stands: revoked or suspended, since when and why."""

    label: str  # "Revoked" | "Suspended"
    on: dt.datetime
    reason: str


def withdrawal(credential: Credential) -> Withdrawal | None:
    """The revocation (or current suspension) as the audit trail recorded it."""
    if not (credential.revoked or credential.suspended):
        return None
    action = CredentialAction.REVOKED if credential.revoked else CredentialAction.SUSPENDED
    event = credential.events.filter(action=action).order_by("-at", "-id").first()
    label = "Revoked" if credential.revoked else "Suspended"
    if event is None:
        return Withdrawal(label, credential.issued_at or timezone.now(), "")
    return Withdrawal(label, event.at, event.reason)


def rule_add(course: Course, *, kind: str, label: str, params: dict[str, object]) -> CompletionRule:
    """A completion rule the form checked (one field per parameter, meetable, not a duplicate)."""
    rule = CompletionRule(
        course=course,
        kind=kind,
        label=label,
        params=params,
        position=course.completion_rules.count(),
    )
    rule.full_clean()
    rule.save()
    return rule


def rule_params_text(rule: CompletionRule) -> str:
    """The rule's parameters in words, for the academy's list of rules."""
    from academy.credentials.forms import PARAM_LABELS

    return ", ".join(f"{PARAM_LABELS.get(k, k)}: {v}" for k, v in rule.params.items())


def look_save(form: CertificateLookForm) -> AcademyCertificateLook:
    """Save the academy's certificate look; replaced or removed images are deleted from disk."""
    look: AcademyCertificateLook = form.instance
    data = form.cleaned_data
    with transaction.atomic():
        for name in ("logo", "signature"):
            field = getattr(look, name)
            new = data.get(name)
            if (new is not None or data.get(f"remove_{name}")) and field:
                old = field.name
                field.storage.delete(old)
                setattr(look, name, "")
            if new is not None:
                getattr(look, name).save(new.name, new, save=False)
        look.signatory_name = data.get("signatory_name", "")
        look.signatory_role = data.get("signatory_role", "")
        look.full_clean()
        look.save()
    return look


LINKEDIN_ADD = "https://www.linkedin.com/profile/add"


def linkedin_add_url(credential: Credential) -> str:
    """LinkedIn's "Add to profile" link for a certification (their documented parameters:
    startTask=CERTIFICATION_NAME, name, organizationName, issueYear, issueMonth,
    expirationYear/Month, certUrl, certId). A plain link: no LinkedIn script on our pages."""
    params: dict[str, object] = {
        "startTask": "CERTIFICATION_NAME",
        "name": credential.course.title,
        "organizationName": credential.provider.name,
    }
    if credential.issued_at:
        params |= {"issueYear": credential.issued_at.year, "issueMonth": credential.issued_at.month}
    if credential.valid_until:
        params |= {
            "expirationYear": credential.valid_until.year,
            "expirationMonth": credential.valid_until.month,
        }
    params |= {
        "certUrl": signing.absolute(verification_path(credential)),
        "certId": str(credential.pk),
    }
    return f"{LINKEDIN_ADD}?{urlencode(params)}"


def cpd_summary(provider_ids: list[int]) -> list[dict]:
    """Hours per learner per year (the year a certificate was issued), for appraisal."""
    rows = (
        Credential.objects.filter(
            provider_id__in=provider_ids,
            state=CredentialState.ISSUED,
            revoked=False,
        )
        .values("learner_id", "learner__full_name", "learner__email", "issued_at__year")
        .annotate(hours=Sum("cpd_hours"))
        .order_by("learner__full_name", "issued_at__year")
    )
    return [
        {
            "learner": row["learner__full_name"],
            "email": row["learner__email"],
            "year": row["issued_at__year"],
            "hours": row["hours"] or Decimal("0"),
        }
        for row in rows
    ]


__all__ = [
    "CannotIssue",
    "checklist",
    "expiry_for",
    "now",
    "policy_for",
    "policy_of_course",
    "record",
    "rules_for",
    "signing",
    "verification_path",
]
