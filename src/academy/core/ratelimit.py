"""A small fixed-window rate limit for public forms, in the shared cache (so it holds across
server processes when `CACHE_URL` points at Redis), counted per client address
(academy.core.client_address: behind our proxy, the visitor's, not the proxy's)."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest

from academy.core.client_address import client_address


def over_limit(request: HttpRequest, scope: str, *, limit: int, window: int) -> bool:
    """Count this request; True when the address has made more than `limit` in this window."""
    bucket = int(time.time() // window)
    key = f"practice-rate:{scope}:{client_address(request)}:{bucket}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    return count > limit
