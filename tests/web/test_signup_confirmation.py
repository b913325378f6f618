"""Sign-up confirms the e-mail address before enrolling or the toolkit, and neither sign-up nor
password reset tells a stranger whether an address has an account."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from academy.accounts.confirmation import confirmation_token
from academy.accounts.models import User
from academy.catalog.models import Enrolment
from tests.web.builders import SIGNUP
from tests.web.catalog import factories as f
from tests.web.conftest import client_for, run_tasks

# The task worker (run_tasks) reads committed rows and closes its connection: on PostgreSQL
# that needs real transactions, not the test-wrapping one.
pytestmark = pytest.mark.django_db(transaction=True)


def sign_up(client: Client, **changes: str) -> str:
    response = client.post(reverse("accounts:signup"), {**SIGNUP, **changes}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def link_in(body: str) -> str:
    match = re.search(r"http://testserver(/accounts/confirm-email/[^\s]+/)", body)
    assert match, body
    return match.group(1)


def unconfirmed_learner() -> User:
    sign_up(Client())
    return User.objects.get(email="ivy@example.org")


def test_sign_up_sends_a_signed_confirmation_link_through_the_queue() -> None:
    html = sign_up(Client())
    assert "Check your e-mail" in html
    assert mail.outbox == []
    run_tasks()
    assert [m.to for m in mail.outbox] == [["ivy@example.org"]]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_following_the_link_confirms_the_address_and_asks_for_a_log_in() -> None:
    sign_up(Client())
    run_tasks()
    response = Client().get(link_in(mail.outbox[0].body), follow=True)
    assert "your e-mail address is confirmed" in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert User.objects.get(email="ivy@example.org").email_confirmed


@pytest.mark.parametrize("mangle", ["tamper", "other-address"])
def test_a_tampered_or_stale_link_confirms_nothing(mangle: str) -> None:
    user = unconfirmed_learner()
    token = confirmation_token(user)
    if mangle == "tamper":
        token = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    else:
        User.objects.filter(pk=user.pk).update(email="changed@example.org")
    response = Client().get(reverse("accounts:confirm_email", args=[token]))
    assert response.status_code == 400
    assert "does not work" in response.content.decode()
    assert not User.objects.get(pk=user.pk).email_confirmed


def test_an_expired_link_confirms_nothing(settings: object) -> None:
    user = unconfirmed_learner()
    token = confirmation_token(user)
    settings.EMAIL_CONFIRMATION_MAX_AGE_DAYS = -1  # type: ignore[attr-defined]
    assert Client().get(reverse("accounts:confirm_email", args=[token])).status_code == 400


def test_an_unconfirmed_account_cannot_enrol() -> None:
    user = unconfirmed_learner()
    user.profile.verified = True
    user.profile.save()
    run = f.run()
    client = client_for(user, confirm_email=False)
    response = client.post(reverse("catalog:enrol", args=[run.pk]))
    assert response["Location"] == reverse("accounts:confirm_email_needed")
    assert not Enrolment.objects.filter(learner=user).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Please confirm your e-mail address first" in page


@pytest.mark.parametrize("name", ["clinic:index", "clinic:consultation", "clinic:triage"])
def test_an_unconfirmed_account_cannot_use_the_clinical_toolkit(name: str) -> None:
    response = client_for(unconfirmed_learner(), confirm_email=False).get(reverse(name))
    assert response["Location"] == reverse("accounts:confirm_email_needed")


def test_an_unconfirmed_account_may_still_see_its_dashboard_and_profile() -> None:
    client = client_for(unconfirmed_learner(), confirm_email=False)
    assert client.get(reverse("core:dashboard")).status_code == 200
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_confirmed_account_uses_the_toolkit(lena: User) -> None:
    assert client_for(lena).get(reverse("clinic:index")).status_code == 200


def test_an_unconfirmed_account_can_ask_for_a_new_link() -> None:
    client = client_for(unconfirmed_learner(), confirm_email=False)
    run_tasks()
    mail.outbox.clear()
    response = client.post(reverse("accounts:confirm_email_needed"), follow=True)
    assert "A new confirmation link is on its way" in response.content.decode()
    run_tasks()
    assert Client().get(link_in(mail.outbox[0].body)).status_code == 302


def test_sign_up_answers_the_same_for_a_known_and_a_new_address(lena: User) -> None:
    known = sign_up(Client(), email="lena@example.org")
    new = sign_up(Client(), email="someone.new@example.org")
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", known) == strip.sub("", new)
    run_tasks()
    to_lena = next(m for m in mail.outbox if m.to == ["lena@example.org"])
    assert "There already is an account" in to_lena.body
    assert "/accounts/password/reset/" in to_lena.body
    assert User.objects.filter(email="lena@example.org").get().full_name == "Dr Lena Learner"


def test_password_reset_answers_the_same_for_a_known_and_an_unknown_address(lena: User) -> None:
    url = reverse("accounts:password_reset")
    known = Client().post(url, {"email": "lena@example.org"}, follow=True)
    unknown = Client().post(url, {"email": "nobody@example.org"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert known.content == unknown.content
    run_tasks()
    assert [m.to for m in mail.outbox] == [["lena@example.org"]]


def test_a_completed_password_reset_also_confirms_the_address() -> None:
    user = unconfirmed_learner()
    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    run_tasks()
    body = mail.outbox[-1].body
    link = re.search(r"http://testserver(/accounts/password/reset/[^\s]+/)", body)
    assert link
    form = client.get(link.group(1), follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "brand-new-long-phrase", "new_password2": "brand-new-long-phrase"},
    )
    assert User.objects.get(pk=user.pk).email_confirmed
