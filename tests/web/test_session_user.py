"""The signed-in user of a request is loaded with its roles in one query, and read afresh on
every request: a role granted or taken away counts from the very next request."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from academy.accounts.backends import user_with_roles
from academy.accounts.models import Role, User
from academy.accounts.services import role_assign, role_remove
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_user_and_all_its_roles_come_from_one_query(theo: User) -> None:
    role_assign(user=theo, role=Role.ACADEMY_ADMIN)
    with CaptureQueriesContext(connection) as counted:
        user = user_with_roles(theo.pk)
        assert user is not None
        assert user.roles == [Role.TRAINER.value, Role.ACADEMY_ADMIN.value]
    assert len(counted.captured_queries) == 1


def test_a_user_without_roles_has_none_and_an_unknown_id_is_no_one(lena: User) -> None:
    lena.groups.clear()
    user = user_with_roles(lena.pk)
    assert user is not None
    assert user.email == lena.email
    assert user.roles == []
    assert user_with_roles(lena.pk + 1000) is None


def test_a_role_taken_away_is_refused_on_the_very_next_request(theo: User) -> None:
    client = client_for(theo)
    assert client.get("/logbook/queue/").status_code == 200
    role_remove(user=theo, role=Role.TRAINER)
    assert client.get("/logbook/queue/").status_code == 403


def test_a_role_granted_opens_its_pages_on_the_very_next_request(lena: User) -> None:
    client = client_for(lena)
    assert client.get("/logbook/queue/").status_code == 403
    role_assign(user=lena, role=Role.TRAINER)
    response = client.get("/logbook/queue/")
    # A trainer needs a second factor first: the role counts at once, so the gate asks for it.
    assert response.status_code == 302
    assert "/second-factor/" in response["Location"]


def test_a_deactivated_user_is_signed_out_on_the_next_request(lena: User) -> None:
    client = client_for(lena)
    assert client.get("/dashboard/").status_code == 200
    User.objects.filter(pk=lena.pk).update(is_active=False)
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_session_user_has_every_field_as_the_orm_reads_it_types_included(theo: User) -> None:
    theo.last_login = timezone.now()
    theo.save(update_fields=["last_login"])
    loaded = user_with_roles(theo.pk)
    expected = User.objects.get(pk=theo.pk)
    assert loaded is not None
    for field in User._meta.concrete_fields:
        got, want = getattr(loaded, field.attname), getattr(expected, field.attname)
        assert (got, type(got)) == (want, type(want)), field.attname
    assert loaded._state.adding is False
    assert loaded._state.db == expected._state.db
