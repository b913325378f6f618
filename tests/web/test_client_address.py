"""One client address for every rate limit and the log-in lock-out (academy.core.client_address).

Not behind a proxy, a client cannot pick its own address with an X-Forwarded-For header: a
changing header opens no fresh bucket. Behind our proxy (BEHIND_HTTPS_PROXY), the address our
proxy appended (TRUSTED_PROXY_COUNT from the right) is the client, so two visitors arriving
through the one proxy get a bucket each.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from pytest_django.fixtures import Settings

from academy.core.client_address import client_address
from tests.web.practice.helpers import VOLUNTEER, run_for, session_for

PROXY = "10.0.0.2"  # our TLS proxy, as the app server sees it


def address(remote: str = PROXY, forwarded: str | None = None) -> str:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


@pytest.fixture
def behind_proxy(settings: Settings) -> Settings:
    settings.BEHIND_HTTPS_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1
    return settings


def test_without_a_proxy_the_connection_is_the_client_whatever_the_header_says() -> None:
    assert not django_settings.BEHIND_HTTPS_PROXY  # the default
    assert address("198.51.100.7", "203.0.113.1") == "198.51.100.7"
    assert address("198.51.100.7") == "198.51.100.7"


def test_behind_one_proxy_the_client_is_the_address_the_proxy_appended(
    behind_proxy: Settings,
) -> None:
    # what the client wrote itself ("1.2.3.4") is left of what our proxy appended
    assert address(forwarded="1.2.3.4, 203.0.113.1") == "203.0.113.1"
    assert address(forwarded="203.0.113.1") == "203.0.113.1"


def test_behind_two_proxies_the_client_is_the_second_from_the_right(
    behind_proxy: Settings,
) -> None:
    behind_proxy.TRUSTED_PROXY_COUNT = 2
    assert address(forwarded="1.2.3.4, 203.0.113.1, 10.0.0.1") == "203.0.113.1"


def test_behind_a_proxy_a_missing_or_garbled_header_falls_back_to_the_connection(
    behind_proxy: Settings,
) -> None:
    assert address() == PROXY
    assert address(forwarded="") == PROXY
    assert address(forwarded="not-an-address") == PROXY
    assert address(remote="", forwarded="") == ""


def test_addresses_are_normalised_so_one_client_has_one_bucket(
    behind_proxy: Settings,
) -> None:
    assert address(forwarded=" 2001:DB8::0001") == "2001:db8::1"


def test_ninja_counts_the_same_number_of_proxies() -> None:
    # ninja's own throttles (should one be added) agree with ours: no proxy, no header read
    assert django_settings.NINJA_NUM_PROXIES == 0


# --- the volunteer form -------------------------------------------------------------------


def volunteer_codes(session_id: int, forwarded: list[str]) -> list[int]:
    url = reverse("practice:volunteer", args=[session_id])
    return [
        Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)
        .post(url, {**VOLUNTEER, "email": f"m{n}@example.org"})
        .status_code
        for n, header in enumerate(forwarded)
    ]


@pytest.mark.django_db
def test_a_changing_header_does_not_bypass_the_volunteer_limit_without_a_proxy() -> None:
    cache.clear()
    session = session_for(run_for(), places=10)
    codes = volunteer_codes(session.pk, [f"203.0.113.{n}" for n in range(7)])
    assert codes == [200] * 5 + [429, 429]


@pytest.mark.django_db
def test_behind_the_proxy_each_visitor_has_their_own_volunteer_limit(
    behind_proxy: Settings,
) -> None:
    cache.clear()
    session = session_for(run_for(), places=20)
    first = volunteer_codes(session.pk, ["203.0.113.1"] * 6)
    second = volunteer_codes(session.pk, ["1.2.3.4, 203.0.113.2"] * 5)
    assert first == [200] * 5 + [429]
    assert second == [200] * 5  # not blocked by the first visitor's applications


# --- the API's rate limits ----------------------------------------------------------------

ZONES = "/api/v1/engines/zones?view=frontal"


def zones(forwarded: str) -> int:
    return int(Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded).get(ZONES).status_code)


@pytest.mark.django_db
def test_a_changing_header_does_not_bypass_the_api_limit_without_a_proxy(settings: Any) -> None:
    cache.clear()
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "engines": "2/min"}
    assert [zones(f"203.0.113.{n}") for n in range(3)] == [200, 200, 429]


@pytest.mark.django_db
def test_behind_the_proxy_two_api_callers_are_counted_apart(
    behind_proxy: Settings,
) -> None:
    cache.clear()
    behind_proxy.API_THROTTLE_RATES = {**behind_proxy.API_THROTTLE_RATES, "engines": "1/min"}
    assert [zones("203.0.113.1"), zones("203.0.113.1")] == [200, 429]
    assert zones("9.9.9.9, 203.0.113.2") == 200


@pytest.mark.django_db
def test_a_changing_header_does_not_bypass_the_token_guessing_limit(settings: Any) -> None:
    cache.clear()
    settings.API_TOKEN_FAILURES = "2/10m"
    codes = [
        Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        .get("/api/v1/me/enrolments", headers={"Authorization": "Bearer tla_" + "z" * 40})
        .status_code
        for n in range(3)
    ]
    assert codes == [401, 401, 429]


# --- the log-in lock-out ------------------------------------------------------------------


def failed_login(forwarded: str, email: str) -> int:
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    response = client.post("/accounts/login/", {"username": email, "password": "wrong"})
    return int(response.status_code)


@pytest.mark.django_db
def test_a_changing_header_does_not_bypass_the_address_lock_out_without_a_proxy() -> None:
    limit = django_settings.AXES_FAILURE_LIMIT
    codes = [failed_login(f"203.0.113.{n}", f"guess{n}@example.org") for n in range(limit)]
    assert codes[-1] == 429


@pytest.mark.django_db
def test_behind_the_proxy_one_visitors_lock_out_does_not_lock_out_another(
    behind_proxy: Settings,
) -> None:
    limit = django_settings.AXES_FAILURE_LIMIT
    codes = [failed_login("203.0.113.1", f"guess{n}@example.org") for n in range(limit)]
    assert codes[-1] == 429
    assert failed_login("203.0.113.2", "someone@example.org") == 200
