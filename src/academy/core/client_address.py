"""Who is asking: the one client address every rate limit and the log-in lock-out count by.

Without a proxy the address is the connection's (`REMOTE_ADDR`); any `X-Forwarded-For` a client
sends is ignored, so a changing header cannot open a fresh bucket. Behind our own TLS proxy
(`BEHIND_HTTPS_PROXY`), each of the `TRUSTED_PROXY_COUNT` proxies appends the address it was
reached from to `X-Forwarded-For`; the client is the entry that many places from the right
(what a client writes itself sits further left and is never read).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = ""  # no address (a request made in-process, e.g. Django's test log-in): axes stores none


def _address(raw: str) -> str | None:
    try:
        return str(ipaddress.ip_address(raw.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The client's IP address as text (normalised), or "" when there is none."""
    remote = _address(str(request.META.get("REMOTE_ADDR") or "")) or UNKNOWN
    if not settings.BEHIND_HTTPS_PROXY:
        return remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
    if not forwarded.strip():
        return remote  # reached directly, not through the proxy
    hops = forwarded.split(",")
    trusted = max(1, int(settings.TRUSTED_PROXY_COUNT))
    return _address(hops[-min(trusted, len(hops))]) or remote
