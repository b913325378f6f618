"""The platform's own check of a stored credential, exactly as a third party would make it."""

from __future__ import annotations

from django.utils import timezone

from academy.credentials import signing
from academy.credentials.models import Credential
from threadlift.credentials.status import PURPOSES
from threadlift.credentials.verify import Outcome, Verdict, verify_credential

LABELS = {
    Verdict.VALID: "Valid",
    Verdict.REVOKED: "Revoked",
    Verdict.SUSPENDED: "Suspended",
    Verdict.EXPIRED: "Expired",
    Verdict.NOT_YET_VALID: "Not valid yet",
    Verdict.INVALID: "Does not verify",
}


def check(credential: Credential) -> Outcome:
    if not credential.document:
        return Outcome(Verdict.INVALID, ["This credential has not been issued."])
    provider = credential.provider
    did_document = signing.did_document(provider)
    if did_document is None:
        return Outcome(Verdict.INVALID, ["The academy publishes no signing key."])
    lists = {
        signing.status_list_url(provider, p): found
        for p in PURPOSES
        if (found := signing.status_list(provider, p)) is not None
    }
    return verify_credential(
        credential.document,
        did_document=did_document,
        status_lists=lists,
        now=timezone.now(),
    )
