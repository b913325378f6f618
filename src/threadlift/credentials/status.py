"""W3C Bitstring Status Lists: one list per purpose (revocation, suspension) per academy.

A credential gets one index, used in both lists. The encoded list is the GZIP-compressed bitstring
(at least 131,072 bits, most significant bit first), multibase base64url without padding ('u').
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from openbadgeslib.ob3.status import decode_encoded_list
from openbadgeslib.ob3.status_list import DEFAULT_SIZE_BITS, build_status_list_credential

from threadlift.credentials.credential import iso

PURPOSES = ("revocation", "suspension")
LIST_SIZE = DEFAULT_SIZE_BITS  # 131,072: the spec's minimum, a large anonymity set


class StatusError(ValueError):
    """The status list could not be read or does not match the entry."""


def entry(list_url: str, purpose: str, index: int) -> dict[str, Any]:
    if purpose not in PURPOSES:
        raise ValueError(f"Unknown status purpose {purpose!r}.")
    if not 0 <= index < LIST_SIZE:
        raise ValueError("The status index is outside the list.")
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def list_credential(
    *, issuer_did: str, url: str, purpose: str, set_indices: list[int], issued: dt.datetime
) -> dict[str, Any]:
    """The unsigned BitstringStatusListCredential with `set_indices` flipped on."""
    vc = build_status_list_credential(issuer_did, url, purpose, set_indices, LIST_SIZE)
    vc["validFrom"] = iso(issued)
    return vc


def bit_is_set(list_vc: dict[str, Any], status_entry: dict[str, Any]) -> bool:
    """Whether the entry's bit is on in `list_vc` (fails closed on any mismatch)."""
    subject = list_vc.get("credentialSubject")
    if not isinstance(subject, dict):
        raise StatusError("The status list credential has no subject.")
    if list_vc.get("id") != status_entry.get("statusListCredential"):
        raise StatusError("This is not the status list the credential points to.")
    if subject.get("statusPurpose") != status_entry.get("statusPurpose"):
        raise StatusError("The status list has another purpose.")
    try:
        index = int(str(status_entry.get("statusListIndex")))
        bits = decode_encoded_list(str(subject.get("encodedList")))
    except Exception as exc:
        raise StatusError(f"The status list cannot be read: {exc}") from exc
    if len(bits) * 8 < LIST_SIZE:
        raise StatusError("The status list is shorter than 131,072 bits.")
    if not 0 <= index < len(bits) * 8:
        raise StatusError("The status index is outside the list.")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def entries_of(credential: dict[str, Any]) -> list[dict[str, Any]]:
    status = credential.get("credentialStatus")
    if status is None:
        return []
    items = status if isinstance(status, list) else [status]
    return [item for item in items if isinstance(item, dict)]
