"""Academy keys and DID documents: the Django side of threadlift.credentials."""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from academy.catalog.models import Provider
from academy.credentials.models import AcademyKey
from threadlift.credentials import did, keys, status


def base_url() -> str:
    url = str(getattr(settings, "CREDENTIAL_BASE_URL", "")).rstrip("/")
    if not url:
        raise ImproperlyConfigured(
            "CREDENTIAL_BASE_URL is not set: the public address (https://your.host) that "
            "certificates, DID documents and status lists are published under."
        )
    return url


def absolute(path: str) -> str:
    return base_url() + path


def academy_did(provider: Provider) -> str:
    return did.did_web(urlsplit(base_url()).netloc, "academies", provider.slug)


def _secret() -> str:
    secret = str(getattr(settings, "CREDENTIAL_KEY_SECRET", ""))
    if not secret:
        raise ImproperlyConfigured(
            "CREDENTIAL_KEY_SECRET is not set: certificates cannot be signed. Set it in the "
            "environment (a long random string; keep it out of the database and its backups)."
        )
    return secret


def method_id(key: AcademyKey) -> str:
    return f"{academy_did(key.provider)}#{key.fragment}"


@transaction.atomic
def rotate_key(provider: Provider) -> AcademyKey:
    """A new active key; the old ones stay published so earlier credentials still verify."""
    secret = _secret()
    previous = list(AcademyKey.objects.select_for_update().filter(provider=provider))
    AcademyKey.objects.filter(provider=provider, active=True).update(
        active=False, retired_at=timezone.now()
    )
    fragment = f"key-{len(previous) + 1}"
    pair = keys.generate_key_pair()
    key = AcademyKey(provider=provider, fragment=fragment, public_pem=pair.public_pem.decode())
    key.sealed_private_key = keys.seal_private_key(pair.private_pem, secret, label=method_id(key))
    key.save()
    return key


def active_key(provider: Provider) -> AcademyKey:
    key = AcademyKey.objects.filter(provider=provider, active=True).first()
    return key if key is not None else rotate_key(provider)


def private_pem(key: AcademyKey) -> bytes:
    return keys.open_private_key(key.sealed_private_key, _secret(), label=method_id(key))


def has_keys(provider: Provider) -> bool:
    return AcademyKey.objects.filter(provider=provider).exists()


def did_document(
    provider: Provider, keys_: list[AcademyKey] | None = None
) -> dict[str, Any] | None:
    """The published keys (`keys_`: the academy's keys when the caller has read them); None for
    an academy that has never signed (reading creates nothing: keys are made when a certificate
    is signed or an admin rotates)."""
    if keys_ is None:
        keys_ = list(AcademyKey.objects.filter(provider=provider))
    published = [did.PublishedKey(k.fragment, k.public_pem.encode()) for k in keys_]
    if not published:
        return None
    return did.did_document(academy_did(provider), published)


def status_list_url(provider: Provider, purpose: str) -> str:
    return absolute(
        reverse("credentials:status_list", kwargs={"slug": provider.slug, "purpose": purpose})
    )


def _status_cache_key(provider_id: int, purpose: str, key: AcademyKey | None) -> str:
    """Bound to the signing key's material, so a list is never served under another key."""
    digest = hashlib.sha256(key.public_pem.encode()).hexdigest()[:16] if key else "none"
    return f"credentials:status-list:{provider_id}:{purpose}:{digest}:{base_url()}"


def _active(provider_id: int) -> AcademyKey | None:
    return AcademyKey.objects.filter(provider_id=provider_id, active=True).first()


def forget_status_lists(provider_id: int) -> None:
    """Called when a flag changes, so the next request signs a fresh list."""
    key = _active(provider_id)
    cache.delete_many([_status_cache_key(provider_id, p, key) for p in status.PURPOSES])


def status_list(
    provider: Provider, purpose: str, keys_: list[AcademyKey] | None = None
) -> dict[str, Any] | None:
    """The signed status list: cached between changes (a change drops the cache at once).
    None for an academy without a signing key (it has issued nothing; no key is made here).
    `keys_`: the academy's keys when the caller has read them."""
    active = _active(provider.pk) if keys_ is None else next((k for k in keys_ if k.active), None)
    if active is None:
        return None
    key = _status_cache_key(provider.pk, purpose, active)
    cached = cache.get(key)
    if isinstance(cached, dict):
        return cached
    signed = _signed_status_list(provider, purpose)
    cache.set(key, signed, timeout=3600)
    return signed


def _signed_status_list(provider: Provider, purpose: str) -> dict[str, Any]:
    from academy.credentials.models import Credential
    from threadlift.credentials import proof

    flag = "revoked" if purpose == "revocation" else "suspended"
    indices = list(
        Credential.objects.filter(provider=provider, **{flag: True}).values_list(
            "status_index", flat=True
        )
    )
    unsigned = status.list_credential(
        issuer_did=academy_did(provider),
        url=status_list_url(provider, purpose),
        purpose=purpose,
        set_indices=sorted(indices),
        issued=timezone.now(),
    )
    key = active_key(provider)
    return proof.sign(unsigned, private_pem(key), method_id(key))
