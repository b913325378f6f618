"""Input no page can use is a 4xx, never a 500 (issue 25): a NUL character in an address, a
query or a form (PostgreSQL refuses NUL in text), an id beyond 64-bit integers in an address or
a trainers field (SQLite overflows), on every page route."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from academy.accounts.models import User
from academy.practice.models import PracticalSession
from tests.web.conftest import client_for
from tests.web.practice.helpers import run_for

pytestmark = pytest.mark.django_db
HUGE = 2**64  # beyond every 64-bit integer column


def page_routes() -> Iterator[tuple[str, dict[str, object]]]:
    """Every named page route with a whole-number part, filled with HUGE (other parts "a")."""

    def walk(patterns: list, namespace: str = "") -> Iterator[tuple[str, dict[str, object]]]:
        for item in patterns:
            if isinstance(item, URLResolver):
                if item.namespace == "api":
                    continue  # the API answers in its own shape (its own tests)
                ns = f"{namespace}{item.namespace}:" if item.namespace else namespace
                yield from walk(item.url_patterns, ns)
            elif isinstance(item, URLPattern) and item.name:
                converters = item.pattern.converters
                if any(type(c).__name__ == "IntConverter" for c in converters.values()):
                    yield (
                        f"{namespace}{item.name}",
                        {
                            key: HUGE if type(c).__name__ == "IntConverter" else "a"
                            for key, c in converters.items()
                        },
                    )

    return walk(get_resolver().url_patterns)


ROUTES = sorted(page_routes(), key=lambda route: route[0])


def test_there_are_page_routes_with_ids_to_try() -> None:
    assert len(ROUTES) > 40


@pytest.mark.parametrize(("name", "kwargs"), ROUTES, ids=[name for name, _ in ROUTES])
def test_an_id_beyond_64_bits_is_not_found_on_every_page_route(
    name: str, kwargs: dict[str, object], ada: User
) -> None:
    url = reverse(name, kwargs=kwargs)
    client = client_for(ada)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/courses/?page=%00",
        "/courses/?q=a%00b",
        "/courses/compare/?run=1%00",
        "/courses/a%00b/",
        "/dashboard/?exercise=%00",
        "/certificates/?q=%00",
        "/credentials/a%00b/",
        "/credentials/a%00b/credential.json",
    ],
)
def test_a_nul_character_in_an_address_is_a_bad_request(url: str, ada: User) -> None:
    assert client_for(ada).get(url).status_code == 400
    assert Client().get(url).status_code == 400


def test_a_nul_character_in_a_form_is_a_bad_request_not_an_error(lena: User) -> None:
    response = Client().post(
        reverse("accounts:login"), {"username": "lena\x00@example.org", "password": "x"}
    )
    assert response.status_code == 400


def test_a_trainer_id_beyond_64_bits_is_a_field_message_on_the_session_form(
    ada: User, theo: User
) -> None:
    run = run_for(admins=[ada], trainers=[theo])
    response = client_for(ada).post(
        reverse("practice:session_create", args=[run.pk]),
        {
            "date": run.starts_on.isoformat(),
            "starts_at": "09:00",
            "ends_at": "12:00",
            "venue": "Room 2",
            "trainers": [str(HUGE)],
            "places": "4",
            "model_slots_per_delegate": "1",
        },
    )
    assert response.status_code == 200  # the form again, with its message
    assert "Select a valid choice" in response.content.decode()
    assert not PracticalSession.objects.exists()
