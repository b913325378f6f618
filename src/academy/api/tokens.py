"""Token services: create (the secret is returned once), revoke, and resolve a presented secret.

A secret is `tla_` + 32 random bytes (URL-safe base64); only its sha256 is stored, so a stolen
database does not yield usable tokens. Lookups compare hashes through a unique index.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from academy.accounts.models import User
from academy.api.models import ApiToken, TokenScope

PREFIX = "tla_"
# Writing `last_used_at` on every request would turn each read into a write; a minute is enough.
LAST_USED_GRANULARITY = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def token_create(*, user: User, name: str, scope: str) -> IssuedToken:
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name,
        scope=TokenScope(scope),
        token_hash=hash_secret(secret),
        prefix=secret[: len(PREFIX) + 6],
    )
    token.full_clean()
    token.save()
    return IssuedToken(token=token, secret=secret)


def token_revoke(*, token: ApiToken, now: dt.datetime) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
    return token


def tokens_for_user(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def get_token_for_user(user: User, token_id: int) -> ApiToken:
    """The access helper of the token pages: a user sees and revokes only their own tokens."""
    return get_object_or_404(tokens_for_user(user), pk=token_id)


def token_authenticate(secret: str, *, now: dt.datetime) -> ApiToken | None:
    """The active token with this secret (its user loaded), or None; records the use."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(token_hash=hash_secret(secret))
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
