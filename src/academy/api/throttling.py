"""Rate limits (ninja's throttling on Django's cache), 429 in the error shape.

Rates are read from `settings.API_THROTTLE_RATES` at request time ("N/period"), so an operator
can change them without code. Callers are counted per user when signed in, else per address.
Nothing is kept on the throttle object between requests: it is shared by every thread.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle

from academy.api.auth import caller
from academy.api.errors import ApiError
from academy.core.client_address import client_address


class RateLimit(SimpleRateThrottle):
    def __init__(self, scope: str, *, anonymous_only: bool = False) -> None:
        # No super().__init__(): the rate is read per request, not frozen at import.
        self.scope = scope
        self.rate_scope = scope
        self.anonymous_only = anonymous_only

    def _rate(self) -> tuple[int, int]:
        num, duration = self.parse_rate(settings.API_THROTTLE_RATES[self.rate_scope])
        assert num is not None
        assert duration is not None
        return num, duration

    def get_ident(self, request: HttpRequest) -> str:
        """The client address every rate limit uses (never a header a client can change)."""
        return client_address(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        try:
            user = caller(request)
        except ApiError:
            user = None  # an invalid token is refused by the operation itself
        if user is not None:
            if self.anonymous_only:
                return None
            ident = f"user{user.pk}"
        else:
            ident = f"ip{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def allow_request(self, request: HttpRequest) -> bool:
        key = self.get_cache_key(request)
        if key is None:
            return True
        num, duration = self._rate()
        now = time.time()
        history = [t for t in self.cache.get(key, []) if t > now - duration]
        if len(history) >= num:
            return False
        self.cache.set(key, [now, *history], duration)
        return True

    def wait(self) -> float | None:
        return float(self._rate()[1])


engines = RateLimit("engines")
"""Every engine operation, signed in or not."""
anonymous_writes = RateLimit("anon_write", anonymous_only=True)
"""Unsafe operations open to anonymous callers."""
