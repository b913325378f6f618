"""Asking to be verified: the learner uploads their registration evidence and requests a check;
registration verifiers (platform staff, never an academy) work through the queue, oldest
first; the decision closes the request and is e-mailed through the task queue.

Evidence files are private, like case photos: a storage of their own under the private
directory (no public URL), images re-encoded without metadata, PDFs checked by their header,
and served only by an access-checked view to their owner and to verifiers.
"""

from __future__ import annotations

import datetime as dt
import statistics
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from academy.accounts.models import (
    PractitionerProfile,
    Role,
    User,
    VerificationEvent,
    VerificationRequest,
)
from academy.core.images import PhotoProblem, clean_photo
from academy.core.tasks import email_enqueue

MAX_PDF_BYTES = 10 * 1024 * 1024
WAIT_WINDOW_DAYS = 90
"""Decisions of the last 90 days give the typical waiting time shown to learners (our choice)."""


class RequestProblem(ValueError):
    """A request the rules refuse; `field` names the form field to blame."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def clean_evidence(upload: UploadedFile) -> tuple[ContentFile[bytes], str]:
    """The file to store and its type: a photo or scan re-encoded as JPEG without metadata, or
    a PDF kept as sent when its header says PDF. Anything else is refused."""
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        if upload.size is None or upload.size > MAX_PDF_BYTES:
            raise RequestProblem("The PDF is larger than 10 MB.", "evidence")
        data = upload.read()
        return ContentFile(data, name=f"{uuid.uuid4().hex}.pdf"), "application/pdf"
    try:
        content, _, _ = clean_photo(upload)
    except PhotoProblem as exc:
        message = f"{exc} Send a PDF, or a JPEG, PNG or WebP photo or scan."
        raise RequestProblem(
            message.replace("photo we can read.", "file we can read."), "evidence"
        ) from None
    return content, "image/jpeg"


def open_request_for(profile: PractitionerProfile) -> VerificationRequest | None:
    return profile.verification_requests.filter(decided_at__isnull=True).first()


@transaction.atomic
def verification_request_create(
    *, user: User, content: ContentFile[bytes], content_type: str, message: str = ""
) -> VerificationRequest:
    """Ask for a check of `user`'s registration, with the evidence file.

    Refused: no practitioner profile, already verified, regulator or number missing, or a
    request already waiting."""
    profile = PractitionerProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        raise RequestProblem("Only practitioners with a profile can ask for verification.")
    if profile.verified:
        raise RequestProblem("Your registration is already verified.")
    if not profile.regulator or not profile.registration_number:
        raise RequestProblem(
            "Add your regulator and registration number to your profile first: they are what "
            "a verifier checks.",
            "evidence",
        )
    waiting = open_request_for(profile)
    if waiting is not None:
        raise RequestProblem(
            f"You asked on {waiting.requested_at:%-d %B %Y}; that request is still waiting."
        )
    request = VerificationRequest(
        profile=profile, evidence_type=content_type, message=message.strip()
    )
    request.evidence.save(content.name or "evidence", content, save=False)
    request.full_clean()
    try:
        request.save()
    except IntegrityError:  # a second request sent at the same moment
        raise RequestProblem("A request of yours is already waiting.") from None
    return request


def requests_close(*, profile: PractitionerProfile, event: VerificationEvent) -> int:
    """Close the profile's open request with the decision just recorded (same transaction)."""
    return profile.verification_requests.filter(decided_at__isnull=True).update(
        decision=event, decided_at=event.at
    )


def request_declined_email(*, profile: PractitionerProfile, event: VerificationEvent) -> None:
    email_enqueue(
        to=[profile.user.email],
        subject="Your verification request: not verified yet",
        template="accounts/email/verification_result.txt",
        context={"profile": profile, "event": event},
    )


# Reading ------------------------------------------------------------------------------------


def get_verification_request_for_user(user: User, request_id: int) -> VerificationRequest:
    """A request its owner or a registration verifier may see; 404 for everyone else (no hint
    that it exists)."""
    found = (
        VerificationRequest.objects.select_related("profile", "profile__user")
        .filter(pk=request_id)
        .first()
    )
    if found is None or not (found.profile.user_id == user.pk or user.has_role(Role.VERIFIER)):
        raise Http404("No such request.")
    return found


def open_requests_for_verifier(user: User) -> QuerySet[VerificationRequest]:
    if not user.has_role(Role.VERIFIER):
        raise PermissionDenied("This page is for registration verifiers.")
    return VerificationRequest.objects.filter(decided_at__isnull=True).select_related(
        "profile", "profile__user"
    )


@dataclass(frozen=True)
class WaitingTime:
    """How long requests wait: those waiting now, and the median of recent decisions."""

    waiting: int
    decided: int
    median: dt.timedelta | None

    @property
    def median_words(self) -> str:
        return in_words(self.median) if self.median is not None else ""


def waiting_time(now: dt.datetime | None = None) -> WaitingTime:
    now = now or timezone.now()
    since = now - dt.timedelta(days=WAIT_WINDOW_DAYS)
    decided = list(
        VerificationRequest.objects.filter(decided_at__gte=since).values_list(
            "requested_at", "decided_at"
        )
    )
    waits = sorted((d - r).total_seconds() for r, d in decided if d is not None)
    return WaitingTime(
        waiting=VerificationRequest.objects.filter(decided_at__isnull=True).count(),
        decided=len(waits),
        median=dt.timedelta(seconds=statistics.median(waits)) if waits else None,
    )


def in_words(span: dt.timedelta) -> str:
    """A waiting time as people say it: "3 days", "5 hours", "under an hour"."""
    hours = span.total_seconds() / 3600
    if hours < 1:
        return "under an hour"
    if hours < 48:
        n = int(hours)
        return f"{n} hour{'s' if n != 1 else ''}"
    days = int(hours // 24)
    return f"{days} days"
