"""The public certificate page and its JSON, served from the shared cache to anonymous visitors.

Anyone who scans a certificate's QR code opens the page; it is the same for every anonymous
visitor, so its rendered bytes are kept (core/cache.py `shared_response`) under the URL and the
`credentials` generation. Any saved or deleted credential, credential event (revocation,
suspension and their reasons), academy key or provider bumps that generation at once and again
on commit, so a revocation shows on the next view. A kept page also lapses when the
credential's validity phase ends (it becomes valid or expires), whatever is written.

Signals are used for cache invalidation only (STYLE.md): they also catch writes that do not
pass through our services (the staff admin, the demo loader). Bulk writes (`QuerySet.update`,
`bulk_create`) send none: code that uses them on these models must call `credentials_changed()`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse

from academy.core.cache import bump_now_and_on_commit, knowledge_fingerprint, shared_response

CREDENTIALS = "credentials"
KEPT_SECONDS = 600  # a deploy (new templates) shows within this long


def phase_ends(document: dict[str, Any] | None, now: dt.datetime) -> float | None:
    """The epoch second at which the verdict may change with the clock alone: the start of the
    validity period when it is still ahead, else its end; None when neither lies ahead."""
    for field in ("validFrom", "validUntil"):
        try:
            moment = dt.datetime.fromisoformat(str((document or {})[field]).replace("Z", "+00:00"))
        except (KeyError, TypeError, ValueError):
            continue
        if moment.tzinfo is not None and moment > now:
            return moment.timestamp()
    return None


def public(
    request: HttpRequest, build: Callable[[], tuple[HttpResponse, float | None]]
) -> HttpResponse:
    return shared_response(
        request,
        build,
        generations=(CREDENTIALS,),
        timeout=KEPT_SECONDS,
        key_parts=(knowledge_fingerprint(),),
    )


def credentials_changed(**_: Any) -> None:
    bump_now_and_on_commit(CREDENTIALS)


def connect() -> None:
    from academy.catalog.models import Provider
    from academy.credentials.models import AcademyKey, Credential, CredentialEvent

    for model in (Credential, CredentialEvent, AcademyKey, Provider):
        uid = f"credentials-page-cache-{model.__name__}"
        post_save.connect(credentials_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(credentials_changed, sender=model, dispatch_uid=uid + "-delete")
