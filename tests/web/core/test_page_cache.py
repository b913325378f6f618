"""Shared (anonymous) page cache: what is stored, who is served it, and when it is renewed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse

from academy.accounts.models import User
from academy.core import cache as page_cache
from academy.reference import selectors
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def counting_view(
    make: Callable[[HttpRequest], HttpResponse],
) -> tuple[Callable[..., HttpResponse], list[int]]:
    calls: list[int] = []

    @page_cache.shared_page(key_parts=lambda: ("test",), timeout=60)
    def view(request: HttpRequest) -> HttpResponse:
        calls.append(1)
        return make(request)

    return view, calls


def html(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<p>hello</p>")


def get(path: str = "/page/", **cookies: str) -> HttpRequest:
    request = RequestFactory().get(path)
    request.COOKIES.update(cookies)
    request.session = SessionStore()  # as SessionMiddleware would attach it
    return request


def test_an_anonymous_page_is_rendered_once_and_then_served_from_the_cache() -> None:
    view, calls = counting_view(html)
    first, second = view(get()), view(get())
    assert first.content == second.content == b"<p>hello</p>"
    assert len(calls) == 1
    assert "Cookie" in second["Vary"]


def test_the_query_string_is_part_of_the_key() -> None:
    view, calls = counting_view(lambda r: HttpResponse(r.GET.get("q", "")))
    assert view(get("/page/?q=a")).content == b"a"
    assert view(get("/page/?q=b")).content == b"b"
    assert len(calls) == 2


def test_a_page_that_used_a_csrf_token_is_never_stored() -> None:
    view, calls = counting_view(lambda r: HttpResponse(f"<input value='{get_token(r)}'>"))
    view(get())
    view(get())
    assert len(calls) == 2


def test_a_page_that_sets_a_cookie_is_never_stored() -> None:
    def with_cookie(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("<p>hi</p>")
        response.set_cookie("seen", "1")
        return response

    view, calls = counting_view(with_cookie)
    view(get())
    view(get())
    assert len(calls) == 2


def test_a_page_that_wrote_to_the_session_is_never_stored() -> None:
    def writes(request: HttpRequest) -> HttpResponse:
        request.session["visited"] = True
        return HttpResponse("<p>hi</p>")

    view, calls = counting_view(writes)
    view(get())
    view(get())
    assert len(calls) == 2


def test_an_error_page_is_never_stored() -> None:
    view, calls = counting_view(lambda r: HttpResponse("<p>no</p>", status=404))
    view(get())
    view(get())
    assert len(calls) == 2


@pytest.mark.parametrize("cookie", [settings.SESSION_COOKIE_NAME, "messages"])
def test_a_request_with_a_session_or_messages_is_never_served_the_shared_page(cookie: str) -> None:
    view, calls = counting_view(html)
    view(get())
    view(get(**{cookie: "x"}))
    assert len(calls) == 2


def test_a_post_is_never_served_from_the_cache() -> None:
    view, calls = counting_view(html)
    view(get())
    request = RequestFactory().post("/page/")
    request.session = SessionStore()
    view(request)
    assert len(calls) == 2


def test_bumping_a_generation_gives_a_new_number_even_after_the_cache_forgets_it() -> None:
    before = page_cache.generation("thing")
    page_cache.bump("thing")
    bumped = page_cache.generation("thing")
    assert bumped != before
    caches["default"].clear()
    page_cache.bump("thing")
    assert page_cache.generation("thing") not in (before, bumped)


def count_calls(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(selectors, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(selectors, name, counted)
    return calls


def test_a_knowledge_page_is_built_once_for_every_anonymous_visitor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = count_calls(monkeypatch, "threads_compared")
    url = reverse("knowledge:threads")
    first, second = Client().get(url), Client().get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert len(calls) == 1


def test_a_new_knowledge_version_renders_the_knowledge_pages_afresh(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = count_calls(monkeypatch, "threads_compared")
    url = reverse("knowledge:threads")
    Client().get(url)
    monkeypatch.setattr("academy.reference.views.knowledge_fingerprint", lambda: "next-version")
    Client().get(url)
    assert len(calls) == 2


def test_a_signed_in_reader_of_a_knowledge_page_sees_their_own_header(lena: User) -> None:
    url = reverse("knowledge:threads")
    Client().get(url)
    page = client_for(lena).get(url).content.decode()
    assert "Dr Lena Learner" in page
    assert "Sign up" not in page
    assert "Dr Lena Learner" not in Client().get(url).content.decode()


def test_the_deploy_check_warns_when_processes_do_not_share_a_cache(settings: Any) -> None:
    from academy.core.checks import cache_is_shared

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [w.id for w in cache_is_shared()] == ["academy.W001"]
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache"}}
    assert cache_is_shared() == []


def test_the_benchmark_floor_view_does_not_exist_in_the_site(client: Client) -> None:
    """The bare view lives only in bench/urls_bench.py, used by the load benchmark's server."""
    assert client.get("/_bench/floor").status_code == 404
