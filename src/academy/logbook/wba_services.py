"""The writes of workplace-based assessment: request (of a trainer, or by a single-use link
e-mailed to an external assessor), completion, and an admin's confirmation of an external
assessor. Every completion announces the work (`completion.work_recorded`) like a DOPS does.

Links: the token is random (secrets), the URL carries it signed with the link's id
(`django.core.signing`, so a tampered URL is refused before any lookup), and only its SHA-256 is
stored. A link works once, until it expires; the check is made again inside the transaction
that uses it (row lock), so two posts of one link complete the form once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction

from academy.accounts.models import User
from academy.catalog import policy
from academy.catalog.models import CourseRun
from academy.core import completion
from academy.core.tasks import email_enqueue
from academy.logbook.access import is_trainer_of
from academy.logbook.models import Case
from academy.logbook.wba_models import (
    CASE_KINDS,
    Identity,
    WbaAssessment,
    WbaKind,
    WbaLink,
    WbaStatus,
)
from threadlift.wba import load_forms, score

LINK_DAYS = 14  # our policy: long enough for a busy supervisor, short enough to go stale
LINK_SALT = "academy.logbook.wba-link"


class WbaError(Exception):
    """A request or completion that cannot be made, with a message for the user."""


class LinkProblem(Exception):
    """The link cannot be used: `reason` is invalid, used or expired."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def result_of(kind: str, ratings: dict[str, str]) -> int | None:
    catalogue = load_forms()
    form = catalogue.form(kind)
    return score(form, catalogue.scale_of(form), ratings).overall


@dataclass(frozen=True)
class External:
    name: str
    email: str


def _check_request(kind: str, run: CourseRun, case: Case | None, learner: User) -> None:
    if case is not None and (case.learner_id != learner.pk or case.run_id != run.pk):
        raise PermissionDenied("Only your own case, on its run.")
    if kind in CASE_KINDS and case is None:
        raise WbaError("A CBD or mini-CEX concerns one of your logbook cases: choose it.")


@transaction.atomic
def wba_request(
    *,
    learner: User,
    requested_by: User,
    kind: str,
    run: CourseRun,
    case: Case | None,
    now: dt.datetime,
    trainer: User | None = None,
    external: External | None = None,
    link_url: Callable[[str], str] | None = None,
) -> tuple[WbaAssessment, str | None]:
    """Ask a trainer of the run, or an external assessor by e-mail (returns the raw token,
    which is sent and never stored)."""
    _check_request(kind, run, case, learner)
    assessment = WbaAssessment(
        kind=kind,
        learner=learner,
        run=run,
        case=case,
        status=WbaStatus.REQUESTED,
        requested_at=now,
        requested_by=requested_by,
    )
    if trainer is not None:
        if kind not in CASE_KINDS:
            raise WbaError("Colleague and patient feedback is asked of people by e-mail.")
        if not is_trainer_of(trainer, run) or trainer.pk == learner.pk:
            raise PermissionDenied("Choose one of the run's trainers.")
        assessment.assessor = trainer
        assessment.identity = Identity.PLATFORM
    elif external is not None:
        assessment.assessor_name = external.name
        assessment.assessor_email = external.email
        assessment.identity = Identity.UNVERIFIED
    else:
        raise WbaError("Name the assessor.")
    assessment.full_clean()
    assessment.save()
    if external is None:
        return assessment, None
    token = wba_link_issue(assessment=assessment, now=now)
    if link_url is not None:
        _mail(assessment, link_url(token), now)
    return assessment, token


def _mail(assessment: WbaAssessment, url: str, now: dt.datetime) -> None:
    spec = load_forms().form(assessment.kind)
    email_enqueue(
        to=[assessment.assessor_email],
        subject=f"{assessment.learner} asks you to complete a {spec.name}",
        template="logbook/email/wba_request.txt",
        context={
            "assessment": assessment,
            "spec": spec,
            "url": url,
            "expires": now + dt.timedelta(days=LINK_DAYS),
        },
    )


@transaction.atomic
def wba_link_resend(
    *, assessment: WbaAssessment, by: User, now: dt.datetime, link_url: Callable[[str], str]
) -> str:
    """Send the external assessor a new link (the learner, or an admin of the run's academy):
    every earlier link of the assessment stops working."""
    assessment = (
        WbaAssessment.objects.select_for_update(of=("self",))  # the case join may be empty
        .select_related("learner", "run__course__provider", "case")
        .get(pk=assessment.pk)
    )
    may = by.pk == assessment.learner_id or policy.administers_academy(
        by, assessment.run.course.provider_id
    )
    if not may:
        raise PermissionDenied("Only the learner or an admin of the academy sends the link.")
    if assessment.status != WbaStatus.REQUESTED or not assessment.assessor_email:
        raise WbaError("Only a request to an external assessor awaiting them is sent again.")
    assessment.links.filter(used_at__isnull=True).update(used_at=now)
    token = wba_link_issue(assessment=assessment, now=now)
    _mail(assessment, link_url(token), now)
    return token


def wba_link_issue(*, assessment: WbaAssessment, now: dt.datetime) -> str:
    """A new single-use link for the assessment: the signed URL token (the secret is not kept)."""
    raw = secrets.token_urlsafe(32)
    link = WbaLink(
        assessment=assessment,
        token_hash=_hash(raw),
        created_at=now,
        expires_at=now + dt.timedelta(days=LINK_DAYS),
    )
    link.full_clean()
    link.save()
    return signing.dumps({"l": link.pk, "t": raw}, salt=LINK_SALT, compress=False)


def _link_for(token: str, now: dt.datetime, *, lock: bool) -> WbaLink:
    try:
        payload = signing.loads(token, salt=LINK_SALT)
        link_id, raw = int(payload["l"]), str(payload["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise LinkProblem("invalid") from None
    rows = WbaLink.objects.select_related(
        "assessment", "assessment__learner", "assessment__run__course__provider", "assessment__case"
    )
    if lock:
        rows = rows.select_for_update(of=("self",))
    link = rows.filter(pk=link_id).first()
    if link is None or not hmac.compare_digest(link.token_hash, _hash(raw)):
        raise LinkProblem("invalid")
    if link.used_at is not None or link.assessment.status != WbaStatus.REQUESTED:
        raise LinkProblem("used")
    if link.expires_at <= now:
        raise LinkProblem("expired")
    return link


def wba_link_open(*, token: str, now: dt.datetime) -> WbaAssessment:
    """The assessment a valid link opens; LinkProblem otherwise. Changes nothing."""
    return _link_for(token, now, lock=False).assessment


def _fill(assessment: WbaAssessment, ratings: dict[str, str], data: dict[str, Any]) -> None:
    assessment.ratings = ratings
    assessment.overall = result_of(assessment.kind, ratings)
    assessment.strengths = data.get("strengths", "")
    assessment.development = data.get("development", "")


@transaction.atomic
def wba_external_complete(
    *, token: str, ratings: dict[str, str], data: dict[str, Any], now: dt.datetime
) -> WbaAssessment:
    """Complete the assessment through its link: the assessor states who they are; the result
    is evidence of unverified identity until an admin confirms them."""
    link = _link_for(token, now, lock=True)
    assessment = WbaAssessment.objects.select_for_update().get(pk=link.assessment_id)
    _fill(assessment, ratings, data)
    assessment.assessor_name = data["assessor_name"]
    assessment.registration_body = data.get("registration_body", "")
    assessment.registration_number = data.get("registration_number", "")
    assessment.relationship = data.get("relationship", "")
    assessment.status = WbaStatus.COMPLETED
    assessment.identity = Identity.UNVERIFIED
    assessment.completed_at = now
    assessment.full_clean()
    assessment.save()
    link.used_at = now
    link.save(update_fields=["used_at"])
    completion.work_recorded(learner_id=assessment.learner_id, run_id=assessment.run_id)
    return assessment


@transaction.atomic
def wba_complete(
    *,
    assessment: WbaAssessment,
    assessor: User,
    method: str,
    ratings: dict[str, str],
    data: dict[str, Any],
    now: dt.datetime,
) -> WbaAssessment:
    """A trainer completes (and signs, with a fresh second factor) a CBD or mini-CEX."""
    assessment = (
        WbaAssessment.objects.select_for_update().select_related("run").get(pk=assessment.pk)
    )
    if assessment.status != WbaStatus.REQUESTED:
        raise PermissionDenied("A completed assessment cannot be changed.")
    if (
        assessment.assessor_id != assessor.pk
        or not is_trainer_of(assessor, assessment.run)
        or assessor.pk == assessment.learner_id
    ):
        raise PermissionDenied("Only the named trainer of the run completes this assessment.")
    _fill(assessment, ratings, data)
    assessment.status = WbaStatus.COMPLETED
    assessment.completed_at = now
    assessment.signed_with = method
    assessment.full_clean()
    assessment.save()
    completion.work_recorded(learner_id=assessment.learner_id, run_id=assessment.run_id)
    return assessment


@transaction.atomic
def wba_confirm(*, assessment: WbaAssessment, admin: User, now: dt.datetime) -> WbaAssessment:
    """An admin of the run's academy confirms the external assessor's identity."""
    assessment = (
        WbaAssessment.objects.select_for_update()
        .select_related("run__course")
        .get(pk=assessment.pk)
    )
    if not policy.administers_academy(admin, assessment.run.course.provider_id):
        raise PermissionDenied("Only an admin of this academy confirms its assessors.")
    if assessment.status != WbaStatus.COMPLETED or assessment.identity != Identity.UNVERIFIED:
        raise WbaError("Only a completed assessment by an unconfirmed assessor is confirmed.")
    assessment.identity = Identity.CONFIRMED
    assessment.confirmed_by = admin
    assessment.confirmed_at = now
    assessment.full_clean()
    assessment.save(update_fields=["identity", "confirmed_by", "confirmed_at"])
    completion.work_recorded(learner_id=assessment.learner_id, run_id=assessment.run_id)
    return assessment


__all__ = [
    "LINK_DAYS",
    "External",
    "LinkProblem",
    "WbaError",
    "WbaKind",
    "wba_complete",
    "wba_confirm",
    "wba_external_complete",
    "wba_link_issue",
    "wba_link_open",
    "wba_link_resend",
    "wba_request",
]
