"""Caching rendered pages and fragments safely, on Django's cache framework.

Invalidation is by *generation*: every cache key a page uses includes a generation number
(stored in the cache itself, so every process sees the same number when the cache is shared,
as Redis is in production) and a write bumps the number, which orphans every entry built
before it. The knowledge base changes only with a deploy, so its pages are keyed by a
fingerprint of the loaded data instead.

Who may be served a cached whole page: only a request that carries neither a session cookie
nor a messages cookie (so it is anonymous and has nothing personal to show). What may be
stored: only a 200 HTML response that sets no cookie and did not use a CSRF token or the
session. Signed-in pages are never cached whole; their shared parts are cached as fragments
whose keys name everything they depend on.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from functools import cache, wraps
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache as default_cache
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from threadlift.knowledge import load_knowledge

CATALOG = "catalog"  # providers, courses, runs, accreditations (and their seat counts)
MAX_KEYED_QUERY = 512  # longer query strings are rendered afresh, not stored
T = TypeVar("T")
View = Callable[..., HttpResponse]


def _gen_key(name: str) -> str:
    return f"gen:{name}"


def generation(name: str) -> int:
    """The current generation of `name`; a fresh one (never used before) when none is stored."""
    key = _gen_key(name)
    value = default_cache.get(key)
    if value is None:
        # Nanoseconds since the epoch: larger than any number handed out before an eviction.
        default_cache.add(key, time.time_ns(), timeout=None)
        value = default_cache.get(key, 0)
    return int(value)


def generations(*names: str) -> tuple[int, ...]:
    """The current generations of `names`, read in one round trip (fresh ones when missing)."""
    keys = [_gen_key(name) for name in names]
    found = default_cache.get_many(keys)
    return tuple(
        int(found[key]) if found.get(key) is not None else generation(name)
        for key, name in zip(keys, names, strict=True)
    )


def learner_generation(learner_id: int) -> str:
    """The generation of everything one learner's own pages show of their work: bumped by any
    write to a row of theirs in the apps that record it (see learning/page_cache.py)."""
    return f"learner:{learner_id}"


def bump(name: str) -> None:
    """Orphan every cached page and fragment built on the current generation of `name`."""
    key = _gen_key(name)
    try:
        default_cache.incr(key)
    except ValueError:  # not stored (evicted, or never read): any fresh number will do
        default_cache.set(key, time.time_ns(), timeout=None)


def bump_now_and_on_commit(name: str) -> None:
    """Bump at once and again after the transaction commits.

    The first bump hides old entries from this moment; the second orphans anything another
    request cached from the not-yet-committed (old) rows in between.
    """
    from django.db import transaction

    bump(name)
    transaction.on_commit(lambda: bump(name))


@cache
def knowledge_fingerprint() -> str:
    """A short digest of the loaded knowledge base (the data is packaged: one value a process)."""
    dump = load_knowledge().model_dump_json().encode()
    return hashlib.sha256(dump).hexdigest()[:16]


def digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:32]


def memo(key: str, build: Callable[[], T], *, timeout: int) -> T:
    """The cached value under `key`, built and stored when missing."""
    value = default_cache.get(key)
    if value is None:
        value = build()
        default_cache.set(key, value, timeout)
    return value


def may_use_shared_page(request: HttpRequest) -> bool:
    """True when nothing personal could be on this request's page."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and len(request.META.get("QUERY_STRING", "")) <= MAX_KEYED_QUERY
    )


def _storable(
    request: HttpRequest, response: HttpResponse, types: tuple[str, ...] = ("text/html",)
) -> bool:
    session = getattr(request, "session", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and not response.has_header("Set-Cookie")
        and response.get("Content-Type", "").startswith(types)
    )


def shared_page(
    *,
    timeout: int,
    generation_of: str | None = None,
    key_parts: Callable[[], Iterable[object]] = tuple,
    alias: str = "default",
) -> Callable[[View], View]:
    """Serve the same rendered page to every anonymous visitor until what it depends on changes.

    `generation_of` names the generation the page depends on: the stored page carries the
    generation it was built on and is served only while that is still current (one round trip
    reads both). `key_parts()` returns anything else it depends on besides its URL (the date).
    `alias="local"` keeps pages in each process's memory: only for pages that cannot change
    while the process lives (the packaged knowledge base).
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not may_use_shared_page(request):
                return view(request, *args, **kwargs)
            store = caches[alias]
            key = "page:" + digest(
                view.__module__,
                view.__qualname__,
                request.scheme,
                request.get_host(),
                request.get_full_path(),
                *key_parts(),
            )
            if generation_of is None:
                current, stored = 0, store.get(key)
            else:
                found = store.get_many([_gen_key(generation_of), key])
                current = found.get(_gen_key(generation_of)) or generation(generation_of)
                stored = found.get(key)
            if stored is not None and stored[0] == current:
                response = HttpResponse(stored[1], content_type=stored[2])
            else:
                response = view(request, *args, **kwargs)
                if _storable(request, response):
                    value = (current, response.content, response["Content-Type"])
                    store.set(key, value, timeout)
            patch_vary_headers(response, ("Cookie",))
            return response

        return wrapper

    return decorator


KEPT_HEADERS = ("Cache-Control", "Access-Control-Allow-Origin", "Content-Disposition")
SHARED_TYPES = ("text/html", "application/json")


def shared_response(
    request: HttpRequest,
    build: Callable[[], tuple[HttpResponse, float | None]],
    *,
    generations: Sequence[str],
    timeout: int,
    key_parts: Iterable[object] = (),
) -> HttpResponse:
    """The response `build()` makes, served from the shared cache to every anonymous visitor of
    this URL until one of `generations` moves or the moment `build()` named passes.

    `build()` returns the response and the epoch second after which it may be stale whatever
    is written (a certificate's expiry), or None. Only what `may_use_shared_page` allows is
    served from or stored in the cache (so a signed-in viewer is always given a fresh render),
    and only a storable 200 HTML or JSON response is stored, with the headers in KEPT_HEADERS.
    Nothing is looked up in the database on a hit.
    """
    if not may_use_shared_page(request):
        return build()[0]
    key = "response:" + digest(
        request.scheme, request.get_host(), request.get_full_path(), *key_parts
    )
    gen_keys = [_gen_key(name) for name in generations]
    found = default_cache.get_many([*gen_keys, key])
    current = tuple(
        found.get(gen_key) or generation(name)
        for gen_key, name in zip(gen_keys, generations, strict=True)
    )
    stored = found.get(key)
    now = time.time()
    if stored is not None and stored[0] == current and (stored[1] is None or now < stored[1]):
        response = HttpResponse(stored[2], content_type=stored[3])
        for header, value in stored[4]:
            response[header] = value
    else:
        response, until = build()
        if _storable(request, response, SHARED_TYPES) and (until is None or now < until):
            seconds = timeout if until is None else max(1, min(timeout, int(until - now)))
            headers = [(h, response[h]) for h in KEPT_HEADERS if response.has_header(h)]
            value = (current, until, response.content, response["Content-Type"], headers)
            default_cache.set(key, value, seconds)
    patch_vary_headers(response, ("Cookie",))
    return response
