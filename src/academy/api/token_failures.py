"""Guessing API tokens is slowed down: invalid bearer tokens are counted per address.

After `settings.API_TOKEN_FAILURES` ("N/period", as the other rates) invalid tokens from one
address, every bearer token from that address — valid or not — is refused with 429 until the
window has passed, so a guesser learns nothing from what follows. Counted in Django's cache.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle

from academy.api.errors import ApiError
from academy.core.client_address import client_address


class _Rates(SimpleRateThrottle):
    """Ninja's rate parsing, without its per-object state."""

    def __init__(self) -> None:
        pass


_rates = _Rates()


def _limit() -> tuple[int, int]:
    num, duration = _rates.parse_rate(settings.API_TOKEN_FAILURES)
    assert num is not None
    assert duration is not None
    return num, duration


def _key(request: HttpRequest) -> str:
    return f"api-token-failures:{client_address(request)}"


def _recent(request: HttpRequest, now: float, duration: int) -> list[float]:
    return [t for t in cache.get(_key(request), []) if t > now - duration]


def refuse_if_blocked(request: HttpRequest) -> None:
    num, duration = _limit()
    if len(_recent(request, time.time(), duration)) >= num:
        raise ApiError(
            429,
            "Too many invalid API tokens were sent from this address; "
            f"wait {duration // 60 or 1} minutes before trying again.",
            code="too_many_token_failures",
        )


def record_failure(request: HttpRequest) -> None:
    num, duration = _limit()
    now = time.time()
    cache.set(_key(request), [now, *_recent(request, now, duration)][:num], duration)
