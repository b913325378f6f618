"""The LRS connection, read from settings (the environment) each time: off unless XAPI_LRS_URL
is set. Nothing here is logged whole: the password never leaves `auth_header`."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Lrs:
    url: str  # the LRS endpoint, ending in "/" (statements are `url + "statements"`)
    username: str
    password: str
    homepage: str  # the site's address: actors' account homePage and activities' base
    max_attempts: int
    retry_seconds: int
    timeout_seconds: float

    @property
    def statements_url(self) -> str:
        return self.url + "statements"

    def auth_header(self) -> str:
        pair = f"{self.username}:{self.password}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")


def homepage() -> str:
    site = str(
        getattr(settings, "XAPI_HOMEPAGE", "") or getattr(settings, "CREDENTIAL_BASE_URL", "")
    )
    return site.rstrip("/")


def lrs() -> Lrs | None:
    """The configured LRS, or None when sending is off (the default)."""
    url = str(getattr(settings, "XAPI_LRS_URL", "") or "")
    if not url:
        return None
    return Lrs(
        url=url if url.endswith("/") else url + "/",
        username=str(getattr(settings, "XAPI_LRS_USERNAME", "")),
        password=str(getattr(settings, "XAPI_LRS_PASSWORD", "")),
        homepage=homepage(),
        max_attempts=max(1, int(getattr(settings, "XAPI_MAX_ATTEMPTS", 10))),
        retry_seconds=max(1, int(getattr(settings, "XAPI_RETRY_SECONDS", 60))),
        timeout_seconds=float(getattr(settings, "XAPI_TIMEOUT_SECONDS", 10)),
    )
