"""`eddsa-rdfc-2022` Data Integrity proofs: a fast path for our credentials, openbadgeslib else.

The proof (vc-di-eddsa): RDFC-1.0 canonical N-Quads of the document without its proof and of the
proof options (the document's @context injected), each hashed with SHA-256; Ed25519 signs
proofConfigHash || documentHash; the signature travels as a multibase base58btc `proofValue`.

Fast path (`rdfc`): the canonical N-Quads of our credentials without generic JSON-LD processing.
Whatever it does not handle (`rdfc.Unsupported`) goes to the reference path, openbadgeslib[ldp] on
pyld, exactly as before; so does every proof that does not verify on the fast path, so a refusal
always carries the reference path's reason. Contexts come only from openbadgeslib's bundled copies;
a document naming any other context URL fails closed. Nothing is fetched from the network.

Verification checks what the reference path checks: the size cap, the proof's form (one
DataIntegrityProof, eddsa-rdfc-2022, assertionMethod, a readable `created`, an Ed25519 key, a
64-byte signature), the structure screen, the signature, and that the JSON is exactly the
compacted form of what was signed (openbadgeslib's context validation). The last two checks depend
only on the document's shape (keys, types, numbers, which IRI values are equal; not its text or the
IRIs themselves, which `rdfc` restricts to ones compaction leaves alone), so their verdict is kept
per shape: the first credential of a shape pays for pyld's expansion and compaction, the next ones
do not. The shapes are kept as SHA-256 digests, never as documents.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from collections import OrderedDict
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_pem_public_key
from openbadgeslib.ob3.contexts import document_loader
from openbadgeslib.ob3.credential import _iso, _parse_iso
from openbadgeslib.ob3.did import _b58btc_decode, _b58btc_encode
from openbadgeslib.ob3.ldp import (
    MAX_LDP_DOCUMENT_BYTES,
    _check_json_ld_form,
    _screen_structure,
    add_data_integrity_proof,
    verify_data_integrity_proof,
)

from threadlift.credentials import rdfc

CRYPTOSUITE = "eddsa-rdfc-2022"
PROOF_KEYS = ("type", "cryptosuite", "created", "verificationMethod", "proofPurpose", "proofValue")


class ProofError(ValueError):
    """The proof is missing, malformed or does not match the document."""


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _size(document: dict[str, Any]) -> int:
    return len(_json(document).encode("utf-8"))


def _hash_data(
    document: dict[str, Any], options: dict[str, Any], *, shape: bool = False
) -> tuple[bytes, Any]:
    """proofConfigHash || documentHash on the fast path, and the two shapes when asked."""
    config = dict(options, **{"@context": document.get("@context")})
    config_nquads, config_shape = rdfc.canonical_bytes(config, shape=shape)
    document_nquads, document_shape = rdfc.canonical_bytes(document, shape=shape)
    data = hashlib.sha256(config_nquads).digest() + hashlib.sha256(document_nquads).digest()
    return data, (document_shape, config_shape)


def _fast_sign(
    document: dict[str, Any],
    private_pem: bytes,
    verification_method: str,
    created: dt.datetime | None,
) -> dict[str, Any]:
    """The reference signer's checks, then the proof over `rdfc`'s N-Quads. Any refusal is left to
    the reference path, which gives the reason. (`rdfc`'s bounds keep within the structure screen
    the reference signer applies.)"""
    if not isinstance(document, dict) or "proof" in document:
        raise rdfc.Unsupported("the reference path explains this refusal")
    if not isinstance(verification_method, str) or not verification_method:
        raise rdfc.Unsupported("the reference path explains this refusal")
    key = load_pem_private_key(private_pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise rdfc.Unsupported("the reference path explains this refusal")
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": _iso(created if created is not None else dt.datetime.now(dt.UTC)),
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    data, _ = _hash_data(document, options)
    text = _json(document)  # after rdfc: only str keys and JSON values got this far
    proof = dict(options, proofValue="z" + _b58btc_encode(key.sign(data)))
    # {…document…, "proof": {…}} in compact JSON, measured without building it
    size = len(text.encode("utf-8")) + len(',"proof":') + len(_json(proof).encode("utf-8"))
    if size > MAX_LDP_DOCUMENT_BYTES:
        raise rdfc.Unsupported("the reference path explains this refusal")
    signed: dict[str, Any] = json.loads(text)  # a deep copy
    signed["proof"] = proof
    return signed


def sign(
    document: dict[str, Any],
    private_pem: bytes,
    verification_method: str,
    *,
    created: dt.datetime | None = None,
) -> dict[str, Any]:
    """A copy of `document` with an embedded DataIntegrityProof (assertionMethod)."""
    try:
        return _fast_sign(document, private_pem, verification_method, created)
    except (rdfc.Unsupported, ValueError, TypeError):
        return add_data_integrity_proof(document, private_pem, verification_method, created=created)


def sign_reference(
    document: dict[str, Any],
    private_pem: bytes,
    verification_method: str,
    *,
    created: dt.datetime | None = None,
) -> dict[str, Any]:
    """The same proof through openbadgeslib alone (pyld): what `sign` did before the fast path."""
    return add_data_integrity_proof(document, private_pem, verification_method, created=created)


def verification_method_of(document: dict[str, Any]) -> str:
    proof = document.get("proof")
    if not isinstance(proof, dict):
        raise ProofError("The document has no single embedded proof.")
    method = proof.get("verificationMethod")
    if not isinstance(method, str):
        raise ProofError("The proof names no verification method.")
    return method


class _Verdicts:
    """Form-check verdicts by shape digest (None: valid; else the reason), least recent dropped."""

    def __init__(self, size: int = 512) -> None:
        self._items: OrderedDict[bytes, str | None] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: bytes) -> tuple[bool, str | None]:
        with self._lock:
            if key not in self._items:
                return False, None
            self._items.move_to_end(key)
            return True, self._items[key]

    def put(self, key: bytes, verdict: str | None) -> None:
        with self._lock:
            self._items[key] = verdict
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


_VERDICTS = _Verdicts()


def _form_verdict(document_shape: dict[str, Any], config_shape: dict[str, Any]) -> str | None:
    """openbadgeslib's structure screen and context validation, run on the shape."""
    proof_shape = {k: v for k, v in config_shape.items() if k != "@context"}
    shaped = dict(document_shape, proof=dict(proof_shape, proofValue="z"))
    key = hashlib.sha256(
        json.dumps(shaped, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    ).digest()
    known, verdict = _VERDICTS.get(key)
    if known:
        return verdict
    try:
        _screen_structure(shaped, scale=2)
        _check_json_ld_form(shaped, shaped["proof"], document_loader())
        verdict = None
    except Exception as exc:  # the library's error family: all mean "not valid"
        verdict = str(exc) or exc.__class__.__name__
    _VERDICTS.put(key, verdict)
    return verdict


def _fast_check(document: dict[str, Any], public_pem: bytes) -> bool:
    """True when the proof verifies on the fast path; False when the reference path must decide.
    Raises ProofError when the signature verifies but the JSON is not the compacted form."""
    proof = document.get("proof")
    if not (
        isinstance(proof, dict)
        and tuple(sorted(proof)) == tuple(sorted(PROOF_KEYS))
        and proof["type"] == "DataIntegrityProof"
        and proof["cryptosuite"] == CRYPTOSUITE
        and proof["proofPurpose"] == "assertionMethod"
        and isinstance(proof["verificationMethod"], str)
        and proof["verificationMethod"]
        and isinstance(proof["proofValue"], str)
        and proof["proofValue"].startswith("z")
    ):
        return False
    try:
        _parse_iso(proof["created"])
        if _size(document) > MAX_LDP_DOCUMENT_BYTES:
            return False
        signature = _b58btc_decode(proof["proofValue"][1:])
        key = load_pem_public_key(public_pem)
    except Exception:  # the reference path gives the reason
        return False
    if len(signature) != 64 or not isinstance(key, Ed25519PublicKey):
        return False
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    try:
        data, (document_shape, config_shape) = _hash_data(unsecured, options, shape=True)
    except rdfc.Unsupported:
        return False
    try:
        key.verify(signature, data)
    except InvalidSignature:
        return False
    verdict = _form_verdict(document_shape, config_shape)
    if verdict is not None:
        raise ProofError(verdict)
    return True


def check_reference(document: dict[str, Any], public_pem: bytes) -> None:
    """The whole check through openbadgeslib alone (pyld): what `check` did before the fast path."""
    try:
        verify_data_integrity_proof(document, public_pem)
        _check_json_ld_form(document, document["proof"], document_loader())
    except Exception as exc:  # the library raises its own error family; all mean "not valid"
        raise ProofError(str(exc) or exc.__class__.__name__) from exc


def check(document: dict[str, Any], public_pem: bytes) -> None:
    """Raise ProofError unless the proof verifies against `public_pem`, and the JSON is exactly
    the compacted form of what was signed (every member we read later is covered)."""
    if not isinstance(document, dict) or not _fast_check(document, public_pem):
        check_reference(document, public_pem)
