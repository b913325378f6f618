"""The dashboard's learner panels (practitioner profile, courses) are kept as the learner's own
fragment, and whatever they show changes on the very next view: a saved profile, a new or
cancelled enrolment, a renamed course. Keys name the learner: nobody is shown another's."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from academy.accounts.models import User
from academy.catalog.models import Enrolment, EnrolmentStatus
from tests.web.catalog import factories as f
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def dashboard(client: Client) -> str:
    response = client.get("/dashboard/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_saved_profile_shows_at_once(lena: User) -> None:
    client = client_for(lena)
    assert "7654321" not in dashboard(client)
    lena.profile.registration_number = "7654321"
    lena.profile.save()
    assert "7654321" in dashboard(client)


def test_an_enrolment_and_its_cancellation_show_at_once(lena: User) -> None:
    run = f.run(f.course(f.provider(), title="Mid-face PDO course"))
    client = client_for(lena)
    assert "Mid-face PDO course" not in dashboard(client)
    enrolment = Enrolment.objects.create(run=run, learner=lena, status=EnrolmentStatus.ENROLLED)
    assert "Mid-face PDO course" in dashboard(client)
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.save()
    assert "Mid-face PDO course" not in dashboard(client)


def test_a_renamed_course_shows_at_once(lena: User) -> None:
    course = f.course(f.provider(), title="Mid-face PDO course")
    Enrolment.objects.create(run=f.run(course), learner=lena, status=EnrolmentStatus.ENROLLED)
    client = client_for(lena)
    assert "Mid-face PDO course" in dashboard(client)
    course.title = "Lower-face PDO course"
    course.save()
    assert "Lower-face PDO course" in dashboard(client)


def test_a_learner_never_sees_another_learners_panels(lena: User, nora: User) -> None:
    run = f.run(f.course(f.provider(), title="Mid-face PDO course"))
    Enrolment.objects.create(run=run, learner=lena, status=EnrolmentStatus.ENROLLED)
    assert "Mid-face PDO course" in dashboard(client_for(lena))
    noras = dashboard(client_for(nora))
    assert "Mid-face PDO course" not in noras
    assert "1234567" in noras  # her own profile's number (the personas share one)
    assert "Registered nurse" in noras


def test_a_kept_dashboard_makes_one_query_for_the_user_and_none_for_the_panels(
    lena: User, django_assert_max_num_queries: Any
) -> None:
    client = client_for(lena)
    dashboard(client)
    with django_assert_max_num_queries(2):  # the session (database sessions here) and the user
        dashboard(client)
