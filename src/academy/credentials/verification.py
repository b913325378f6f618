"""The platform's own check of a stored credential, exactly as a third party would make it.

The check (RDF canonicalisation and the signature) costs tens of milliseconds, and the public
certificate page is opened by anyone who scans the QR code, so its outcome is kept in the shared
cache under everything it depends on: the document, the issuer's published keys, the signed
status lists as they stand (a revocation or suspension re-signs a list and drops the old one at
once, see signing.forget_status_lists) and where now falls in the validity dates. Any change to
one of these is a new key: nothing has to be forgotten for a change to show on the next view.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from academy.credentials import signing
from academy.credentials.models import AcademyKey, Credential
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
KEPT_SECONDS = 24 * 3600  # a key no longer asked for (superseded list, new key) simply lapses


def check(credential: Credential, *, now: dt.datetime | None = None) -> Outcome:
    """The outcome of verifying `credential` at `now` (default: this moment)."""
    if not credential.document:
        return Outcome(Verdict.INVALID, ["This credential has not been issued."])
    provider = credential.provider
    keys = list(AcademyKey.objects.filter(provider=provider))
    did_document = signing.did_document(provider, keys)
    if did_document is None:
        return Outcome(Verdict.INVALID, ["The academy publishes no signing key."])
    lists = {
        signing.status_list_url(provider, p): found
        for p in PURPOSES
        if (found := signing.status_list(provider, p, keys)) is not None
    }
    now = now or timezone.now()
    key = cache_key(credential.document, did_document, lists, now)
    kept = cache.get(key)
    if isinstance(kept, dict) and kept.get("verdict") in Verdict.__members__.values():
        return Outcome(Verdict(kept["verdict"]), [str(p) for p in kept.get("problems", [])])
    outcome = verify_credential(
        credential.document, did_document=did_document, status_lists=lists, now=now
    )
    cache.set(key, {"verdict": outcome.verdict.value, "problems": outcome.problems}, KEPT_SECONDS)
    return outcome


def _digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _phase(document: dict[str, Any], now: dt.datetime) -> str:
    """Where `now` falls in the credential's validity dates: before, within or after them."""
    try:
        if now < _moment(document["validFrom"]):
            return "before"
        if "validUntil" in document and now >= _moment(document["validUntil"]):
            return "after"
    except (KeyError, TypeError, ValueError):
        return "unreadable"
    return "within"


def _moment(value: Any) -> dt.datetime:
    moment = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("a moment without a time zone")
    return moment


def cache_key(
    document: dict[str, Any],
    did_document: dict[str, Any],
    status_lists: dict[str, dict[str, Any]],
    now: dt.datetime,
) -> str:
    """The verification outcome's key: the document's hash, the published keys' hash, the
    status lists' versions (the hash of each signed list) and the validity phase."""
    parts = [_digest(document), _digest(did_document), _digest(status_lists)]
    return (
        "credentials:verified:"
        + hashlib.sha256("|".join(parts).encode()).hexdigest()
        + (":" + _phase(document, now))
    )
