"""What a third party checks, offline: the proof against the issuer's published key, that the
issuer controls that key, the validity dates, and the status lists.

The caller supplies the DID document and the status list credentials (fetched, cached or read
from files); nothing here touches the network.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from threadlift.credentials import proof, status
from threadlift.credentials.did import DidError, public_key_for


class Verdict(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    INVALID = "invalid"  # tampered, wrong key, unreadable


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.VALID


def _issuer_id(credential: dict[str, Any]) -> str:
    issuer = credential.get("issuer")
    return str(issuer.get("id") if isinstance(issuer, dict) else issuer)


def _parse(moment: Any) -> dt.datetime:
    return dt.datetime.fromisoformat(str(moment).replace("Z", "+00:00"))


def verify_credential(
    credential: dict[str, Any],
    *,
    did_document: dict[str, Any],
    status_lists: dict[str, dict[str, Any]],
    now: dt.datetime,
) -> Outcome:
    """Check `credential`; `status_lists` maps status list URLs to their (verified) credentials."""
    try:
        method = proof.verification_method_of(credential)
        if _issuer_id(credential) != did_document.get("id"):
            return Outcome(Verdict.INVALID, ["The issuer is not the DID that signed."])
        proof.check(credential, public_key_for(did_document, method))
    except (proof.ProofError, DidError) as exc:
        return Outcome(Verdict.INVALID, [f"The proof does not verify: {exc}"])
    try:
        if now < _parse(credential["validFrom"]):
            return Outcome(Verdict.NOT_YET_VALID, ["The credential is not valid yet."])
        if "validUntil" in credential and now >= _parse(credential["validUntil"]):
            return Outcome(
                Verdict.EXPIRED, [f"The credential expired on {credential['validUntil']}."]
            )
    except (KeyError, ValueError):
        return Outcome(Verdict.INVALID, ["The credential's dates cannot be read."])
    for item in status.entries_of(credential):
        list_vc = status_lists.get(str(item.get("statusListCredential")))
        if list_vc is None:
            return Outcome(Verdict.INVALID, ["A status list could not be obtained."])
        try:
            on = status.bit_is_set(list_vc, item)
        except status.StatusError as exc:
            return Outcome(Verdict.INVALID, [str(exc)])
        if on:
            purpose = item.get("statusPurpose")
            verdict = Verdict.REVOKED if purpose == "revocation" else Verdict.SUSPENDED
            return Outcome(verdict, [f"The issuer has set this credential's {purpose} status."])
    return Outcome(Verdict.VALID)
