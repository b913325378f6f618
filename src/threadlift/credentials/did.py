"""did:web identifiers and DID documents for academies.

`did:web:HOST:academies:SLUG` resolves (did:web rules) to `https://HOST/academies/SLUG/did.json`.
A rotated key stays in the document, so credentials signed with it still verify; only the
active key signs new ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from openbadgeslib.ob3.did import multikey_from_pem, pem_for_kid

DID_CONTEXTS = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]


class DidError(ValueError):
    """A verification method is not in the issuer's DID document."""


@dataclass(frozen=True)
class PublishedKey:
    fragment: str  # e.g. "key-1"
    public_pem: bytes


def did_web(host: str, *path: str) -> str:
    """did:web for `host` (a port is percent-encoded as the method requires) and path segments."""
    return ":".join(["did:web", quote(host, safe="")] + [quote(part, safe="") for part in path])


def did_document(did: str, keys: list[PublishedKey]) -> dict[str, Any]:
    """The DID document: every key as a Multikey, all usable for assertions (newest first)."""
    if not keys:
        raise DidError("A DID document needs at least one key.")
    methods = [
        {
            "id": f"{did}#{key.fragment}",
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": multikey_from_pem(key.public_pem),
        }
        for key in keys
    ]
    return {
        "@context": DID_CONTEXTS,
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def public_key_for(document: dict[str, Any], verification_method: str) -> bytes:
    """The PEM public key the document publishes under `verification_method` (fails closed when
    the method is missing, not listed for assertions, or belongs to another DID)."""
    did = document.get("id")
    if not isinstance(did, str) or not verification_method.startswith(did + "#"):
        raise DidError("The verification method does not belong to this DID.")
    if verification_method not in document.get("assertionMethod", []):
        raise DidError("The verification method is not listed for assertions.")
    try:
        return bytes(pem_for_kid(document, did, verification_method))
    except Exception as exc:
        raise DidError(str(exc)) from exc
