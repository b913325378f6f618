"""Volunteer models' personal data: exported as JSON, erased on request (the row kept as erased
for counts, recorded in the audit trail), and purged by a background task after the academy's
retention period."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from academy.practice.models import (
    DEFAULT_RETENTION_DAYS,
    DataAction,
    ModelDataEvent,
    PracticeSettings,
    VolunteerApplication,
)
from tests.web.conftest import client_for, run_tasks
from tests.web.practice.helpers import VOLUNTEER, run_for, session_for

pytestmark = pytest.mark.django_db


def applied(ada: User, **session_kw: object) -> VolunteerApplication:
    session = session_for(run_for(admins=[ada]))
    Client().post(reverse("practice:volunteer", args=[session.pk]), VOLUNTEER)
    application = VolunteerApplication.objects.get()
    if session_kw:
        type(session).objects.filter(pk=session.pk).update(**session_kw)
    return application


def test_an_admin_downloads_one_models_data_as_private_json(ada: User) -> None:
    application = applied(ada)
    response = client_for(ada).get(reverse("practice:export", args=[application.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["email"] == "sam.model@example.org"
    assert data["answers"]["age"] == 48
    assert data["screening"]["verdict"] == application.verdict
    event = ModelDataEvent.objects.get()
    assert event.action == DataAction.EXPORTED
    assert event.by == ada


def test_erasing_wipes_the_personal_fields_keeps_the_record_and_audits_it(ada: User) -> None:
    application = applied(ada)
    url = reverse("practice:erase", args=[application.pk])
    client_for(ada).post(url)  # without the confirmation box nothing happens
    application.refresh_from_db()
    assert application.erased_at is None
    client_for(ada).post(url, {"confirm": "yes"})
    application.refresh_from_db()
    assert application.erased_at is not None
    assert (application.email, application.phone, application.answers, application.reasons) == (
        "",
        "",
        {},
        [],
    )
    assert "Sam" not in application.full_name
    assert application.verdict  # kept for counts
    event = ModelDataEvent.objects.get(action=DataAction.ERASED)
    assert "Ada Admin" in event.by_label
    page = client_for(ada).get(reverse("practice:application", args=[application.pk]))
    html = page.content.decode()
    assert "personal data was erased" in html
    assert "sam.model@example.org" not in html


def test_the_default_retention_is_stated_as_our_policy(ada: User) -> None:
    application = applied(ada)
    provider = application.session.run.course.provider
    page = client_for(ada).get(reverse("practice:retention", args=[provider.pk]))
    html = page.content.decode()
    assert f"{DEFAULT_RETENTION_DAYS} days, is our policy" in html
    client_for(ada).post(
        reverse("practice:retention", args=[provider.pk]), {"model_retention_days": "30"}
    )
    assert PracticeSettings.objects.get(provider=provider).model_retention_days == 30
    bad = client_for(ada).post(
        reverse("practice:retention", args=[provider.pk]), {"model_retention_days": "9" * 30}
    )
    assert bad.status_code == 200


def test_another_academys_admin_cannot_change_the_retention(ada: User) -> None:
    from academy.accounts.models import Role
    from tests.web.conftest import make_user

    application = applied(ada)
    other = make_user("otto@example.org", "Otto Other-Admin", Role.ACADEMY_ADMIN)
    url = reverse("practice:retention", args=[application.session.run.course.provider_id])
    assert client_for(other).get(url).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_purge_command_queues_a_task_that_erases_data_past_retention(ada: User) -> None:
    today = timezone.localdate()
    old = applied(ada, date=today - dt.timedelta(days=DEFAULT_RETENTION_DAYS + 1))
    session = session_for(run_for(admins=[ada]))
    Client().post(reverse("practice:volunteer", args=[session.pk]), VOLUNTEER)
    recent = VolunteerApplication.objects.exclude(pk=old.pk).get()
    type(session).objects.filter(pk=session.pk).update(date=today - dt.timedelta(days=5))
    call_command("purge_models")
    old.refresh_from_db()
    assert old.erased_at is None  # only queued so far
    run_tasks()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.erased_at is not None
    assert old.email == ""
    assert recent.erased_at is None
    event = ModelDataEvent.objects.get(application=old)
    assert event.action == DataAction.PURGED
    assert event.by is None
    assert "system" in event.by_label


def test_an_academys_shorter_retention_is_honoured(ada: User) -> None:
    today = timezone.localdate()
    application = applied(ada, date=today - dt.timedelta(days=10))
    PracticeSettings.objects.create(
        provider=application.session.run.course.provider, model_retention_days=7
    )
    call_command("purge_models", now=True)
    application.refresh_from_db()
    assert application.erased_at is not None
