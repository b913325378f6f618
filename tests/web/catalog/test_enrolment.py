"""Enrolment: eligible learners enrol, full runs waitlist in order, refusals say why."""

from __future__ import annotations

import pytest
from django.urls import reverse

from academy.accounts.models import Role, User
from academy.catalog.models import CourseRun, Enrolment
from tests.web.catalog import factories as f
from tests.web.conftest import client_for, make_user

pytestmark = pytest.mark.django_db


def enrol(user: User, run: CourseRun) -> str:
    response = client_for(user).post(reverse("catalog:enrol", args=[run.pk]), follow=True)
    return response.content.decode()


def status(user: User, run: CourseRun) -> str:
    return Enrolment.objects.exclude(status="cancelled").get(run=run, learner=user).status


def verified(user: User) -> User:
    user.profile.verified = True
    user.profile.save()
    return user


def test_a_verified_doctor_enrols_in_an_open_run(lena: User) -> None:
    run = f.run()
    html = enrol(verified(lena), run)
    assert "You are enrolled" in html
    run.refresh_from_db()
    assert run.seats_taken == 1
    assert status(lena, run) == "enrolled"


def test_a_nurse_is_refused_by_a_doctors_only_course_and_told_why(nora: User) -> None:
    run = f.run()
    html = enrol(verified(nora), run)
    assert "You could not be enrolled" in html
    assert "not open to registered nurses" in html
    assert not Enrolment.objects.exists()


def test_an_unverified_registration_is_refused_unless_the_provider_allows_it(lena: User) -> None:
    strict = f.run(f.course(f.provider(allows_unverified=False)))
    relaxed = f.run(f.course(f.provider(allows_unverified=True)))
    assert "requires a verified professional registration" in enrol(lena, strict)
    assert "You are enrolled" in enrol(lena, relaxed)


def test_a_full_run_puts_learners_on_a_waitlist_that_promotes_in_order(lena: User) -> None:
    run = f.run(seats=1)
    first = verified(lena)
    second = verified(make_user("b@example.org", "B", Role.LEARNER))
    third = verified(make_user("c@example.org", "C", Role.LEARNER))
    for user in (first, second, third):
        enrol(user, run)
    assert [status(u, run) for u in (first, second, third)] == [
        "enrolled",
        "waitlisted",
        "waitlisted",
    ]
    enrolment = Enrolment.objects.get(run=run, learner=first)
    client_for(first).post(reverse("catalog:cancel", args=[enrolment.pk]))
    assert status(second, run) == "enrolled"
    assert status(third, run) == "waitlisted"
    run.refresh_from_db()
    assert run.seats_taken == 1


def test_enrolling_twice_is_refused(lena: User) -> None:
    run = f.run()
    enrol(verified(lena), run)
    assert "already on this run" in enrol(lena, run)
    assert Enrolment.objects.count() == 1


def test_a_cancelled_or_closed_run_refuses_enrolment(lena: User) -> None:
    from django.utils import timezone

    cancelled = f.run(cancelled=True)
    closed = f.run(enrolment_closes=timezone.now())
    assert "not open" in enrol(verified(lena), cancelled)
    assert "not open" in enrol(lena, closed)


def test_a_learner_cannot_cancel_someone_elses_enrolment(lena: User, nora: User) -> None:
    run = f.run()
    enrol(verified(lena), run)
    enrolment = Enrolment.objects.get()
    response = client_for(nora).post(reverse("catalog:cancel", args=[enrolment.pk]))
    assert response.status_code == 404
    assert status(lena, run) == "enrolled"


def test_an_unpublished_run_is_invisible_and_cannot_be_enrolled(lena: User) -> None:
    run = f.run(published=False)
    assert client_for(lena).get(reverse("catalog:run", args=[run.pk])).status_code == 404
    assert (
        client_for(verified(lena)).post(reverse("catalog:enrol", args=[run.pk])).status_code == 404
    )


def test_the_learner_dashboard_lists_enrolments(lena: User) -> None:
    run = f.run()
    enrol(verified(lena), run)
    html = client_for(lena).get(reverse("core:dashboard")).content.decode()
    assert run.course.title in html
    assert "Enrolled" in html


def test_anonymous_visitors_are_sent_to_log_in_before_enrolling() -> None:
    run = f.run()
    response = client_for(None).post(reverse("catalog:enrol", args=[run.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_run_page_offers_to_open_the_course_once_enrolled_not_on_the_waitlist(
    lena: User,
) -> None:
    """Before: after enrolling, the run page had no way into the course."""
    run = f.run(seats=1)
    enrol(verified(lena), run)
    page = client_for(lena).get(reverse("catalog:run", args=[run.pk])).content.decode()
    assert 'id="open-course"' in page
    assert reverse("learning:run", args=[run.pk]) in page
    assert client_for(lena).get(reverse("learning:run", args=[run.pk])).status_code == 200
    other = verified(make_user("w@example.org", "W", Role.LEARNER))
    enrol(other, run)  # the run is full: waitlisted
    waiting = client_for(other).get(reverse("catalog:run", args=[run.pk])).content.decode()
    assert "On the waitlist" in waiting
    assert 'id="open-course"' not in waiting
