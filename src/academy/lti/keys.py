"""The tool's RSA signing keys: made, sealed with `LTI_KEY_SECRET`, opened to sign, published.

The sealing is the certificates' (threadlift.credentials.keys: AES-GCM, key derived by HKDF from
a secret the deployment keeps in its environment), so a copy of the database alone cannot sign.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from pylti1p3.registration import Registration

from academy.catalog.models import Provider
from academy.lti.models import LtiKey
from threadlift.credentials import keys as sealing

# A retired key stays in the published key set this long, so tokens signed just before a
# rotation still verify at the LMS.
GRACE = dt.timedelta(days=7)


def _secret() -> str:
    secret = str(getattr(settings, "LTI_KEY_SECRET", ""))
    if not secret:
        raise ImproperlyConfigured(
            "LTI_KEY_SECRET is not set: the LTI tool cannot sign. Set it in the environment."
        )
    return secret


def _label(kid: str) -> str:
    return f"lti-key:{kid}"


def public_jwk(public_pem: str) -> dict[str, Any]:
    """The key as the JWKS publishes it (the kid is its RFC 7638 thumbprint)."""
    return dict(Registration.get_jwk(public_pem))


def key_create(*, provider: Provider, now: dt.datetime) -> LtiKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode("ascii")
    )
    kid = str(public_jwk(public_pem)["kid"])
    key = LtiKey(
        provider=provider,
        kid=kid,
        public_pem=public_pem,
        sealed_private_key=sealing.seal_private_key(private_pem, _secret(), label=_label(kid)),
        created_at=now,
    )
    key.full_clean()
    key.save()
    return key


def signing_key(*, provider: Provider, now: dt.datetime) -> LtiKey:
    """The academy's current key; the first one is made when first needed."""
    key = LtiKey.objects.filter(provider=provider, retired_at__isnull=True).first()
    return key or key_create(provider=provider, now=now)


def private_pem(key: LtiKey) -> str:
    return sealing.open_private_key(
        key.sealed_private_key, _secret(), label=_label(key.kid)
    ).decode("ascii")


def published(*, now: dt.datetime) -> list[dict[str, Any]]:
    """Every key an LMS may meet: current keys and those retired less than GRACE ago."""
    current = Q(retired_at__isnull=True) | Q(retired_at__gt=now - GRACE)
    rows = LtiKey.objects.filter(current).order_by("provider_id", "-created_at", "-id")
    return [public_jwk(row.public_pem) for row in rows]
