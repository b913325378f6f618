"""Credentials: the signed-in learner's own (the wallet) and anyone's verification of an issued
one (the public certificate page's check). Reads through `academy.credentials.selectors`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Path, Router, Schema
from pydantic import Field

from academy.api.auth import signed_in, user_of
from academy.api.errors import errors_for
from academy.credentials import selectors, services, verification
from academy.credentials.models import Credential, CredentialState

router = Router(tags=["credentials"])

ERRORS = errors_for([401, 403, 404, 422])


class CredentialOut(Schema):
    id: str
    course: str
    provider: str
    state: str = Field(examples=["issued"])
    issued_at: dt.datetime | None
    valid_until: dt.datetime | None
    revoked: bool
    suspended: bool
    verify_url: str | None = Field(description="the public certificate page, once issued")


class VerificationOut(Schema):
    id: str
    verdict: str = Field(examples=["valid"], description="valid, revoked, suspended, …")
    label: str
    problems: list[str]
    course: str
    provider: str
    issued_at: dt.datetime | None
    valid_until: dt.datetime | None


def credential_out(credential: Credential) -> dict[str, Any]:
    issued = credential.state == CredentialState.ISSUED
    return {
        "id": str(credential.pk),
        "course": credential.course.title,
        "provider": credential.provider.name,
        "state": credential.state,
        "issued_at": credential.issued_at,
        "valid_until": credential.valid_until,
        "revoked": credential.revoked,
        "suspended": credential.suspended,
        "verify_url": services.verification_path(credential) if issued else None,
    }


@router.get(
    "/me/credentials",
    response={200: list[CredentialOut], **ERRORS},
    auth=signed_in,
    summary="My credentials",
    description="Every credential of yours (the wallet), newest first.",
)
def my_credentials(request: HttpRequest) -> list[dict[str, Any]]:
    return [credential_out(c) for c in selectors.my_credentials(user_of(request))]


@router.get(
    "/credentials/{credential_id}/verification",
    response={200: VerificationOut, **ERRORS},
    summary="Verify an issued credential",
    description="The platform's own check of the signed document, as a third party would make "
    "it: signature, issuer key, status lists (revoked, suspended) and validity dates.",
)
def credential_verification(
    request: HttpRequest, credential_id: str = Path(..., max_length=60)
) -> dict[str, Any]:
    credential, outcome = selectors.public_verification(credential_id)
    return {
        "id": str(credential.pk),
        "verdict": outcome.verdict.value,
        "label": verification.LABELS[outcome.verdict],
        "problems": list(outcome.problems),
        "course": credential.course.title,
        "provider": credential.provider.name,
        "issued_at": credential.issued_at,
        "valid_until": credential.valid_until,
    }


__all__ = ["router"]
