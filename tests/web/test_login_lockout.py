"""Failed log-ins are counted (django-axes) and lock out per account and per address."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from tests.web.conftest import PASSWORD, run_tasks

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def attempt(client: Client, email: str, password: str, ip: str = "198.51.100.7") -> int:
    response = client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)
    return int(response.status_code)


def fail_until_locked(email: str, ip: str = "198.51.100.7") -> list[int]:
    client = Client()
    return [attempt(client, email, "wrong", ip) for _ in range(settings.AXES_FAILURE_LIMIT)]


def test_the_account_is_locked_after_the_threshold_and_even_the_right_password_is_refused(
    lena: User,
) -> None:
    statuses = fail_until_locked("lena@example.org")
    assert statuses[:-1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert statuses[-1] == 429
    response = Client().post(
        LOGIN, {"username": "lena@example.org", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed log-ins." in html
    assert f"paused for {settings.AXES_COOLOFF_MINUTES} minutes" in html
    assert reverse("accounts:password_reset") in html
    assert '<nav aria-label="Main"' in html  # the site's own page, not a bare text reply


def test_a_differently_typed_address_counts_against_the_same_account(lena: User) -> None:
    client = Client()
    for typed in ["LENA@example.org", " lena@EXAMPLE.org", "Lena@Example.Org", "lena@example.org"]:
        attempt(client, typed, "wrong")
    assert attempt(client, "lena@example.org", "wrong") == 429


def test_one_address_trying_many_accounts_is_locked_out(lena: User, nora: User) -> None:
    client = Client()
    emails = [f"guess{n}@example.org" for n in range(settings.AXES_FAILURE_LIMIT)]
    statuses = [attempt(client, email, "wrong", ip="192.0.2.50") for email in emails]
    assert statuses[-1] == 429
    # the locked address cannot log in to a real account either, another address can
    assert attempt(Client(), "nora@example.org", PASSWORD, ip="192.0.2.50") == 429
    assert attempt(Client(), "nora@example.org", PASSWORD, ip="192.0.2.51") == 302


def test_a_successful_log_in_before_the_threshold_resets_the_count(lena: User) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "lena@example.org", "wrong")
    assert attempt(client, "lena@example.org", PASSWORD) == 302
    assert attempt(Client(), "lena@example.org", "wrong") == 200


def test_the_lock_lifts_after_the_cool_off_time(lena: User) -> None:
    fail_until_locked("lena@example.org")
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - timedelta(minutes=settings.AXES_COOLOFF_MINUTES + 1)
    )
    assert attempt(Client(), "lena@example.org", PASSWORD, ip="203.0.113.9") == 302


@pytest.mark.django_db(transaction=True)  # the task worker needs committed rows (PostgreSQL)
def test_a_password_reset_unlocks_the_account(lena: User) -> None:
    fail_until_locked("lena@example.org")
    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": "lena@example.org"})
    run_tasks()
    from django.core import mail

    link = next(line for line in mail.outbox[-1].body.splitlines() if "/reset/" in line)
    response = client.get(link.replace("http://testserver", ""), follow=True)
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "a-fresh-long-phrase", "new_password2": "a-fresh-long-phrase"},
    )
    assert response.status_code == 302
    assert attempt(Client(), "lena@example.org", "a-fresh-long-phrase", ip="203.0.113.9") == 302


def test_the_staff_admin_log_in_is_covered_too(ada: User) -> None:
    User.objects.filter(pk=ada.pk).update(is_staff=True)
    client = Client()
    statuses = [
        client.post(
            "/staff/login/", {"username": "ada@example.org", "password": "wrong"}
        ).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[-1] == 429
    response = client.post("/staff/login/", {"username": "ada@example.org", "password": PASSWORD})
    assert response.status_code == 429
