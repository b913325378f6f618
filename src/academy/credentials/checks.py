"""Start-up checks: a production server without the public address of its certificates would
sign credentials, DID documents and status lists under no host (or the wrong one), so it does
not start (Django runs these checks on `runserver`, `migrate` and `check --deploy`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, register


@register()
def credential_base_url(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    url = str(getattr(settings, "CREDENTIAL_BASE_URL", "") or "").strip()
    if settings.DEBUG:
        return []
    hint = (
        "Set CREDENTIAL_BASE_URL in the environment to the public https address this site is "
        "served under (e.g. https://academy.example.org): certificates, the academies' did:web "
        "documents and the status lists are published under it."
    )
    if not url:
        return [
            Error(
                "CREDENTIAL_BASE_URL is not set, so no certificate can be issued or checked.",
                hint=hint,
                id="credentials.E001",
            )
        ]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
        return [
            Error(
                f"CREDENTIAL_BASE_URL {url!r} is not a site address (scheme and host only).",
                hint=hint,
                id="credentials.E002",
            )
        ]
    return []
