"""An academy admin's LTI pages: register an LMS, bad input kept, another academy's
registrations never shown, key rotation; the list makes no more queries with more rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import Role, User
from academy.lti.models import LtiKey, LtiPlatform
from tests.web.catalog import factories
from tests.web.conftest import client_for, make_user
from tests.web.lti import helpers as lti
from tests.web.lti.platform import Platform

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Moodle",
    "issuer": "https://moodle.example.org",
    "client_id": "abc123",
    "deployment_ids": "1\n2",
    "key_set_url": "https://moodle.example.org/mod/lti/certs.php",
    "auth_login_url": "https://moodle.example.org/mod/lti/auth.php",
    "auth_token_url": "https://moodle.example.org/mod/lti/token.php",
    "auth_audience": "",
    "active": "on",
}


def test_an_admin_registers_an_lms_and_the_tool_gets_a_key(ada: User) -> None:
    provider = factories.provider(admins=[ada])
    client = client_for(ada)
    home = client.get(reverse("catalog:provider_home"))
    assert reverse("lti:registrations").encode() in home.content
    page = client.get(reverse("lti:registration_create", args=[provider.pk]))
    assert page.status_code == 200
    response = client.post(reverse("lti:registration_create", args=[provider.pk]), FORM)
    assert response.status_code == 302
    platform = LtiPlatform.objects.get()
    assert (platform.provider, platform.deployments) == (provider, ["1", "2"])
    assert LtiKey.objects.filter(provider=provider).count() == 1
    listing = client.get(reverse("lti:registrations"))
    assert b"Moodle" in listing.content
    assert reverse("lti:jwks").encode() in listing.content


def test_bad_input_re_renders_with_messages_and_keeps_what_was_typed(ada: User) -> None:
    provider = factories.provider(admins=[ada])
    bad = {**FORM, "issuer": "not a url", "deployment_ids": "  \n "}
    response = client_for(ada).post(reverse("lti:registration_create", args=[provider.pk]), bad)
    assert response.status_code == 400
    assert b"This field is required." in response.content
    assert b'value="not a url"' in response.content
    assert b'value="abc123"' in response.content
    assert LtiPlatform.objects.count() == 0


def test_another_academys_registration_is_never_shown(
    ada: User, theo: User, lena: User, platform: Platform
) -> None:
    mine = factories.provider(admins=[ada])
    other_admin = make_user("otto@example.org", "Otto Admin", Role.ACADEMY_ADMIN)
    theirs = factories.provider(admins=[other_admin])
    row = lti.register(platform, theirs, name="Their Canvas")
    client = client_for(ada)
    assert b"Their Canvas" not in client.get(reverse("lti:registrations")).content
    assert client.get(reverse("lti:registration_edit", args=[row.pk])).status_code == 404
    assert client.post(reverse("lti:registration_edit", args=[row.pk]), FORM).status_code == 404
    assert client.get(reverse("lti:registration_create", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("lti:key_rotate", args=[theirs.pk])).status_code == 404
    for who in (theo, lena):
        assert (
            client_for(who).get(reverse("lti:registration_edit", args=[row.pk])).status_code == 403
        )
        assert client_for(who).post(reverse("lti:key_rotate", args=[mine.pk])).status_code == 403
    row.refresh_from_db()
    assert row.name == "Their Canvas"


def test_rotating_the_key_keeps_the_old_one_published(ada: User, platform: Platform) -> None:
    provider = factories.provider(admins=[ada])
    lti.register(platform, provider)
    old = LtiKey.objects.get()
    response = client_for(ada).post(reverse("lti:key_rotate", args=[provider.pk]))
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.retired_at is not None
    current = LtiKey.objects.get(retired_at__isnull=True)
    kids = {k["kid"] for k in client_for(None).get(reverse("lti:jwks")).json()["keys"]}
    assert {old.kid, current.kid} <= kids


def _registrations(provider: object, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        LtiPlatform.objects.create(
            provider=provider,
            name=f"LMS {i}",
            issuer=f"https://lms{i}.example.org",
            client_id=f"c{i}",
            deployment_ids="1",
            key_set_url="https://lms.example.org/jwks",
            auth_login_url="https://lms.example.org/auth",
            auth_token_url="https://lms.example.org/token",
            created_at=timezone.now(),
        )


def test_the_registrations_page_makes_no_more_queries_with_more_rows(ada: User) -> None:
    client = client_for(ada)
    first = factories.provider(admins=[ada])
    _registrations(first, 1)
    client.get(reverse("lti:registrations"))  # warm the session and the navigation
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("lti:registrations")).status_code == 200
    _registrations(first, 6, start=10)
    _registrations(factories.provider(admins=[ada]), 4, start=20)
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse("lti:registrations")).status_code == 200
    assert len(large) <= len(small), [q["sql"] for q in large.captured_queries]
