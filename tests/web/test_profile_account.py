"""Name and e-mail are editable on the profile; a new e-mail address is used only once the
signed link sent to it is opened. Before: neither could be changed at all."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from tests.web.conftest import PASSWORD, client_for, run_tasks

# transaction=True: the task worker (run_tasks) closes the connection, which PostgreSQL tests
# inside a rolled-back transaction cannot survive.
pytestmark = pytest.mark.django_db(transaction=True)


def change(user: User, **data: str) -> object:
    form = {"which": "account", "full_name": user.full_name, "email": user.email, **data}
    return client_for(user).post(reverse("accounts:profile"), form)


def link_in_mail(to: str) -> str:
    run_tasks()
    (message,) = [m for m in mail.outbox if m.to == [to]]
    match = re.search(r"https?://\S+/accounts/email/confirm/\S+/", message.body)
    assert match, message.body
    return match.group(0).split("testserver", 1)[1]


def test_a_practitioner_changes_their_name(lena: User) -> None:
    response = change(lena, full_name="Dr Lena Learner-Smith")
    assert response.status_code == 302
    lena.refresh_from_db()
    assert lena.full_name == "Dr Lena Learner-Smith"


def test_an_empty_name_is_refused_with_a_field_message(lena: User) -> None:
    response = change(lena, full_name="  ")
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    lena.refresh_from_db()
    assert lena.full_name == "Dr Lena Learner"


def test_a_new_email_is_pending_until_its_link_is_opened(lena: User) -> None:
    response = change(lena, email="Lena.New@Example.org")
    assert response.status_code == 302
    lena.refresh_from_db()
    assert (lena.email, lena.pending_email) == ("lena@example.org", "lena.new@example.org")
    assert mail.outbox == []  # queued, not sent in the request
    url = link_in_mail("lena.new@example.org")
    assert any(m.to == ["lena@example.org"] for m in mail.outbox)  # the old address is told
    page = client_for(None).get(url)  # a mail scanner's GET changes nothing
    assert "Confirm lena.new@example.org" in page.content.decode()
    lena.refresh_from_db()
    assert lena.email == "lena@example.org"
    assert client_for(None).post(url).status_code == 302
    lena.refresh_from_db()
    assert (lena.email, lena.pending_email) == ("lena.new@example.org", "")
    assert client_for(None).post(url).status_code == 400  # it works once


def test_the_new_address_logs_in_after_confirmation(lena: User) -> None:
    change(lena, email="lena.new@example.org")
    client_for(None).post(link_in_mail("lena.new@example.org"))
    response = client_for(None).post(
        reverse("accounts:login"), {"username": "lena.new@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_an_address_another_account_uses_is_refused(lena: User, nora: User) -> None:
    response = change(lena, email="NORA@example.org")
    assert response.status_code == 200
    assert "Another account uses this e-mail address." in response.content.decode()
    lena.refresh_from_db()
    assert lena.pending_email == ""


def test_an_expired_or_tampered_link_changes_nothing(lena: User) -> None:
    change(lena, email="lena.new@example.org")
    url = link_in_mail("lena.new@example.org")
    with time_machine.travel(timezone.now() + timezone.timedelta(days=4)):
        response = client_for(None).post(url)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert client_for(None).post(url[:-3] + "xx/").status_code == 400
    lena.refresh_from_db()
    assert lena.email == "lena@example.org"


def test_a_newer_request_or_a_cancel_voids_the_earlier_link(lena: User) -> None:
    change(lena, email="first@example.org")
    first = link_in_mail("first@example.org")
    change(lena, email="second@example.org")
    assert client_for(None).post(first).status_code == 400
    client_for(lena).post(reverse("accounts:email_cancel"))
    second = link_in_mail("second@example.org")
    assert client_for(None).post(second).status_code == 400
    lena.refresh_from_db()
    assert lena.email == "lena@example.org"


def test_a_link_is_refused_if_the_address_was_taken_meanwhile(lena: User) -> None:
    change(lena, email="taken@example.org")
    url = link_in_mail("taken@example.org")
    User.objects.create_user(email="taken@example.org", password=PASSWORD, full_name="Other")
    assert client_for(None).post(url).status_code == 400
    lena.refresh_from_db()
    assert lena.email == "lena@example.org"
