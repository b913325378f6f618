"""Ed25519 key pairs for academies; private keys are only ever stored sealed (AES-GCM).

The sealing key is derived (HKDF-SHA256) from a secret the deployment keeps in its environment, so
a copy of the database alone cannot sign credentials.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SEALED_PREFIX = "v1:"
_INFO = b"threadlift credential signing keys v1"


class KeySealError(ValueError):
    """A sealed private key could not be opened (wrong secret or damaged data)."""


@dataclass(frozen=True)
class KeyPair:
    private_pem: bytes
    public_pem: bytes


def generate_key_pair() -> KeyPair:
    private = Ed25519PrivateKey.generate()
    return KeyPair(
        private_pem=private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        public_pem=private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ),
    )


def _sealing_key(secret: str) -> bytes:
    if len(secret) < 16:
        raise KeySealError("The credential key secret must be at least 16 characters.")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        secret.encode("utf-8")
    )


def seal_private_key(private_pem: bytes, secret: str, *, label: str) -> str:
    """Encrypt `private_pem`; `label` (e.g. the verification method id) is bound as associated
    data, so a sealed key copied onto another key row does not open."""
    nonce = os.urandom(12)
    sealed = AESGCM(_sealing_key(secret)).encrypt(nonce, private_pem, label.encode("utf-8"))
    return SEALED_PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def open_private_key(sealed: str, secret: str, *, label: str) -> bytes:
    if not sealed.startswith(SEALED_PREFIX):
        raise KeySealError("Unknown sealed-key format.")
    try:
        raw = base64.urlsafe_b64decode(sealed[len(SEALED_PREFIX) :].encode("ascii"))
        return AESGCM(_sealing_key(secret)).decrypt(raw[:12], raw[12:], label.encode("utf-8"))
    except (InvalidTag, ValueError) as exc:
        raise KeySealError("The sealed key does not open with this secret.") from exc
