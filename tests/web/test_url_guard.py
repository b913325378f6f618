"""Guard: no page is public by accident.

Every URL of the site is either on the public list below or refuses an anonymous visitor
(redirect to log-in, 403, or 404/405 for a POST-only or missing object). A new private view that
forgets its access helper fails here.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PUBLIC = {
    "core:home",
    "core:about",
    "core:healthz",
    "accounts:signup",
    "accounts:signup_done",
    "accounts:confirm_email",  # the signed link is the credential
    "accounts:login",
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:email_confirm",  # the signed link is the authority (like a password reset link)
    "catalog:list",
    "catalog:compare",
    "catalog:run",
    "catalog:course",
    "catalog:provider",
    "catalog:trainer",
    "practice:volunteer",  # volunteer models apply without an account (CSRF, rate-limited)
    # the JSON API (academy.api): the public catalog, knowledge, plan scoring, zones and docs
    "api:api-root",
    "api:openapi-json",
    "api:openapi-view",
    "api:run_list",
    "api:run_detail",
    "api:compare",
    "api:provider_detail",
    "api:course_detail",
    "api:index",
    "api:search",
    "api:collection_list",
    "api:record_detail",
    "api:score",
    "api:zones",
    # the simulator (issue 13): learn mode without saving, its face drawings and scoring
    "simulator:index",
    "simulator:exercise",
    "simulator:face_svg",
    "api:sim_score",
    "api:sim_exercises",
    "api:sim_face",
    "api:credential_verification",
    # verifiable certificates (issue 15): what third parties must read to check a credential
    "credentials:did",
    "credentials:status_list",
    "credentials:verify",
    "credentials:json",
}
# The API refuses an anonymous caller with 401 (there is no log-in page to redirect to).
API_NAMESPACES = {"api"}
PUBLIC_NAMESPACES = {"knowledge"}  # the clinical reference pages are public by design
STAFF_NAMESPACES = {"admin"}  # Django's admin has its own staff log-in

DUMMY = {"int": "1", "slug": "x", "str": "x", "path": "x", "uuid": "0" * 32}


def named_urls(
    resolver: URLResolver | None = None, ns: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{ns}{entry.namespace}:" if entry.namespace else ns
            yield from named_urls(entry, inner)
        elif entry.name:
            yield f"{ns}{entry.name}", entry


def _url(name: str, pattern: URLPattern) -> str:
    converters = getattr(pattern.pattern, "converters", {})
    kwargs = {
        key: DUMMY.get(type(conv).__name__.replace("Converter", "").lower(), "1")
        for key, conv in converters.items()
    }
    return reverse(name, kwargs=kwargs) if kwargs else reverse(name)


URLS = sorted(
    (name, pattern) for name, pattern in named_urls() if name.split(":")[0] not in STAFF_NAMESPACES
)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "pattern"), URLS, ids=[n for n, _ in URLS])
def test_every_page_is_public_on_purpose_or_refuses_anonymous_visitors(
    name: str, pattern: URLPattern
) -> None:
    if name in PUBLIC or name.split(":")[0] in PUBLIC_NAMESPACES:
        return
    url = _url(name, pattern)
    for method in ("get", "post"):
        response = getattr(Client(), method)(url)
        if response.status_code == 302:
            assert reverse("accounts:login") in response["Location"], (name, method)
        elif name.split(":")[0] in API_NAMESPACES:
            assert response.status_code in (401, 404, 405), (name, method, response.status_code)
        else:
            assert response.status_code in (403, 404, 405), (name, method, response.status_code)
