"""`eddsa-rdfc-2022` Data Integrity proofs (openbadgeslib[ldp]: pyld + cryptography).

Contexts come only from the library's bundled copies; a document naming any other context URL
fails closed. Nothing is fetched from the network, when signing or verifying.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from openbadgeslib.ob3.contexts import document_loader
from openbadgeslib.ob3.ldp import (
    _check_json_ld_form,
    add_data_integrity_proof,
    verify_data_integrity_proof,
)


class ProofError(ValueError):
    """The proof is missing, malformed or does not match the document."""


def sign(
    document: dict[str, Any],
    private_pem: bytes,
    verification_method: str,
    *,
    created: dt.datetime | None = None,
) -> dict[str, Any]:
    """A copy of `document` with an embedded DataIntegrityProof (assertionMethod)."""
    return add_data_integrity_proof(document, private_pem, verification_method, created=created)


def verification_method_of(document: dict[str, Any]) -> str:
    proof = document.get("proof")
    if not isinstance(proof, dict):
        raise ProofError("The document has no single embedded proof.")
    method = proof.get("verificationMethod")
    if not isinstance(method, str):
        raise ProofError("The proof names no verification method.")
    return method


def check(document: dict[str, Any], public_pem: bytes) -> None:
    """Raise ProofError unless the proof verifies against `public_pem`, and the JSON is exactly
    the compacted form of what was signed (every member we read later is covered)."""
    try:
        verify_data_integrity_proof(document, public_pem)
        _check_json_ld_form(document, document["proof"], document_loader())
    except Exception as exc:  # the library raises its own error family; all mean "not valid"
        raise ProofError(str(exc) or exc.__class__.__name__) from exc
