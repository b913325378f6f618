"""Every form that lists people lists only those of the acting academy.

Our academy: Ada administers it, Theo teaches its run, Lena learns on it. The second academy:
Bob administers it and Tess teaches for it (on its roster and on its run). Tess must never be
offered by one of our forms (her name is the second academy's to show), and posting her id must
be refused with a field message, nothing saved.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from academy.accounts.models import Role, User
from academy.catalog.models import CourseRun, Provider
from academy.logbook.models import Case, Dops
from academy.practice.models import PracticalSession
from tests.web.api.conftest import assert_error, session_client
from tests.web.builders import declared, run_body, run_form, session_post
from tests.web.catalog import factories as f
from tests.web.conftest import client_for, make_user
from tests.web.logbook.helpers import hands_on_run, log_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def tess(db: None) -> User:
    """Tess trains for the second academy."""
    return make_user("tess@example.org", "Dr Tess Elsewhere", Role.TRAINER)


@pytest.fixture
def second_academy(tess: User) -> Provider:
    bob = make_user("bob@example.org", "Bob Other-Academy", Role.ACADEMY_ADMIN)
    theirs = f.provider(admins=[bob], name="Second Academy")
    theirs.trainers.add(tess)
    f.run(f.course(theirs)).trainers.add(tess)
    return theirs


@pytest.fixture
def our_run(ada: User, theo: User, lena: User, second_academy: Provider) -> CourseRun:
    return hands_on_run(theo, lena, admins=[ada])


def offered(response: Any, field: str) -> set[int]:
    """The ids the rendered page offers in `field` (its checkboxes or its select's options)."""
    html = response.content.decode()
    boxes = re.findall(rf'<input[^>]*name="{field}"[^>]*>', html)
    select = re.search(rf'<select[^>]*name="{field}"[^>]*>(.*?)</select>', html, re.S)
    options = re.findall(r"<option[^>]*>", select.group(1)) if select else []
    values = [re.search(r'value="([^"]*)"', tag) for tag in boxes + options]
    return {int(v.group(1)) for v in values if v and v.group(1)}


# The new-run and edit-run pages (and the API that uses the same form)


def test_the_new_run_form_offers_our_trainers_only(
    ada: User, theo: User, tess: User, our_run: CourseRun
) -> None:
    page = client_for(ada).get(reverse("catalog:run_create", args=[our_run.course.pk]))
    assert offered(page, "trainers") == {theo.pk}
    assert "Tess" not in page.content.decode()


def test_the_new_run_form_refuses_a_second_academys_trainer(
    ada: User, theo: User, tess: User, our_run: CourseRun
) -> None:
    url = reverse("catalog:run_create", args=[our_run.course.pk])
    response = client_for(ada).post(url, run_form(trainers=[str(theo.pk), str(tess.pk)]))
    assert response.status_code == 200
    assert "trainers" in response.context["form"].errors
    assert CourseRun.objects.filter(course=our_run.course).count() == 1  # only the run we had
    declared(theo)  # a trainer newly assigned needs a current conflict-of-interest declaration
    accepted = client_for(ada).post(url, run_form(trainers=[str(theo.pk)]))
    assert accepted.status_code == 302
    assert list(CourseRun.objects.latest("id").trainers.all()) == [theo]


def test_a_trainer_on_the_academys_roster_is_offered_before_teaching_a_run(
    ada: User, tess: User, our_run: CourseRun
) -> None:
    rookie = make_user("rita@example.org", "Dr Rita Rookie", Role.TRAINER)
    our_run.course.provider.trainers.add(rookie)
    page = client_for(ada).get(reverse("catalog:run_create", args=[our_run.course.pk]))
    assert rookie.pk in offered(page, "trainers")
    assert tess.pk not in offered(page, "trainers")


def test_the_edit_run_form_refuses_a_second_academys_trainer(
    ada: User, theo: User, tess: User, our_run: CourseRun
) -> None:
    url = reverse("catalog:run_edit", args=[our_run.pk])
    page = client_for(ada).get(url)
    assert offered(page, "trainers") == {theo.pk}
    response = client_for(ada).post(url, run_form(trainers=[str(tess.pk)]))
    assert response.status_code == 200
    assert "trainers" in response.context["form"].errors
    assert list(our_run.trainers.all()) == [theo]


def test_the_run_api_refuses_a_second_academys_trainer(
    ada: User, tess: User, our_run: CourseRun
) -> None:
    client = session_client(ada)
    error = assert_error(
        client.post(f"/academy/courses/{our_run.course.pk}/runs", run_body(trainers=[tess.pk])),
        422,
    )
    assert set(error["fields"]) == {"trainers"}
    assert CourseRun.objects.filter(course=our_run.course).count() == 1


# The practical-session form (academy admins choose the supervising trainers)


def test_the_session_form_offers_the_runs_trainers_and_refuses_a_second_academys(
    ada: User, theo: User, tess: User, our_run: CourseRun
) -> None:
    url = reverse("practice:session_create", args=[our_run.pk])
    page = client_for(ada).get(url)
    assert offered(page, "trainers") == {theo.pk}
    assert "Tess" not in page.content.decode()
    data = session_post(tess, date=our_run.starts_on.isoformat())
    response = client_for(ada).post(url, data)
    assert response.status_code == 200
    assert "trainers" in response.context["form"].errors
    assert not PracticalSession.objects.filter(run=our_run).exists()


# The DOPS request (a learner chooses the trainer to assess a case)


def test_the_dops_request_offers_the_runs_trainers_and_refuses_a_second_academys(
    lena: User, theo: User, tess: User, our_run: CourseRun
) -> None:
    learner = client_for(lena)
    log_case(learner, our_run)
    case = Case.objects.get()
    page = learner.get(reverse("logbook:case", args=[case.pk]))
    assert offered(page, "trainer") == {theo.pk}
    assert "Tess" not in page.content.decode()
    response = learner.post(
        reverse("logbook:dops_request", args=[case.pk]), {"trainer": tess.pk}, follow=True
    )
    assert "Choose one of the run&#x27;s trainers." in response.content.decode()
    assert not Dops.objects.exists()
