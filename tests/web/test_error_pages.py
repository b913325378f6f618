"""Error pages are the site's own, with the navigation; a 403 says why, without a traceback."""

from __future__ import annotations

import logging

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from academy.accounts.models import User
from academy.core import errors
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db
NAV = '<nav aria-label="Main"'


def test_a_missing_page_is_a_styled_404_with_the_navigation() -> None:
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert NAV in html
    assert "Page not found" in html
    assert reverse("catalog:list") in html


def test_a_learner_on_an_academy_admin_page_is_told_it_is_for_academy_admins(lena: User) -> None:
    response = client_for(lena).get(reverse("catalog:provider_home"))
    assert response.status_code == 403
    html = response.content.decode()
    assert NAV in html
    assert "This page is for academy admins." in html


def test_a_learner_on_the_verification_page_is_told_it_is_for_verifiers(lena: User) -> None:
    response = client_for(lena).get(reverse("accounts:practitioners"))
    assert response.status_code == 403
    assert "This page is for registration verifiers." in response.content.decode()


def test_a_learner_on_a_trainer_page_is_told_it_is_for_trainers(lena: User) -> None:
    response = client_for(lena).get(reverse("accounts:trainer_profile"))
    assert "This page is for trainers." in response.content.decode()


def test_a_refusal_is_logged_as_one_line_without_a_traceback(
    lena: User, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client_for(lena).get(reverse("accounts:practitioners"))
    forbidden = [r for r in caplog.records if "Forbidden" in r.getMessage()]
    assert forbidden, caplog.records
    assert all(r.exc_info is None and not r.exc_text for r in forbidden)


def test_a_bad_request_and_a_server_error_render_the_sites_pages(lena: User) -> None:
    request = RequestFactory().get("/")
    request.user = lena
    from django.contrib.messages.storage.fallback import FallbackStorage

    request.session = {}  # type: ignore[assignment]
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    bad = errors.bad_request(request, Exception("x"))
    assert bad.status_code == 400
    assert NAV in bad.content.decode()
    boom = errors.server_error(request)
    assert boom.status_code == 500
    assert NAV in boom.content.decode()
    assert "Something went wrong" in boom.content.decode()


def test_a_server_error_page_that_itself_fails_falls_back_to_plain_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database down")

    monkeypatch.setattr(errors, "render", broken)
    response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content


def test_a_form_sent_without_its_csrf_token_gets_a_styled_403_that_says_why() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "x@example.org"})
    assert response.status_code == 403
    html = response.content.decode()
    assert NAV in html
    assert "This form had expired" in html
