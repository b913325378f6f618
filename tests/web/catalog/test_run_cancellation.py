"""Cancelling or unpublishing a run with learners on it: the admin is asked, learners are told,
and each learner's run page shows one coherent state."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import Role, User
from academy.catalog import services
from academy.catalog.models import CourseRun, Enrolment
from tests.web.catalog import factories as f
from tests.web.conftest import client_for, make_user, run_tasks

# transaction=True: the worker (run_tasks) checks connections; on PostgreSQL that needs commits
pytestmark = pytest.mark.django_db(transaction=True)


def verified(user: User) -> User:
    user.profile.verified = True
    user.profile.save()
    return user


@pytest.fixture
def full_run(ada: User, lena: User) -> CourseRun:
    """One seat: Lena has it, Wim waits, Carl cancelled his own place earlier."""
    run = f.run(f.course(f.provider(admins=[ada], name="Harbour Academy")), seats=1)
    for user in (
        verified(lena),
        verified(make_user("wim@example.org", "Dr Wim Waiting", Role.LEARNER)),
    ):
        client_for(user).post(reverse("catalog:enrol", args=[run.pk]))
    carl = verified(make_user("carl@example.org", "Dr Carl Gone", Role.LEARNER))
    client_for(carl).post(reverse("catalog:enrol", args=[run.pk]))
    Enrolment.objects.filter(learner=carl).update(status="cancelled")
    run_tasks()
    mail.outbox.clear()
    return run


def test_cancelling_a_run_first_asks_and_names_who_will_be_told(
    ada: User, full_run: CourseRun
) -> None:
    page = client_for(ada).get(reverse("catalog:run_cancel", args=[full_run.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Dr Lena Learner" in html
    assert "Dr Wim Waiting" in html
    assert "Dr Carl Gone" not in html
    assert 'name="confirm" value="yes"' in html
    full_run.refresh_from_db()
    assert not full_run.cancelled


def test_a_confirmed_cancellation_emails_every_enrolled_and_waitlisted_learner_from_the_queue(
    ada: User, full_run: CourseRun
) -> None:
    client_for(ada).post(reverse("catalog:run_cancel", args=[full_run.pk]), {"confirm": "yes"})
    full_run.refresh_from_db()
    assert full_run.cancelled
    assert full_run.cancelled_at is not None
    assert mail.outbox == []  # nothing is sent inside the request
    run_tasks()
    assert sorted(m.to[0] for m in mail.outbox) == ["lena@example.org", "wim@example.org"]
    by_to = {m.to[0]: m for m in mail.outbox}
    assert "Run cancelled" in by_to["lena@example.org"].subject
    assert "You were enrolled" in by_to["lena@example.org"].body
    assert "You were on the waitlist" in by_to["wim@example.org"].body
    assert f"/courses/runs/{full_run.pk}/" in by_to["wim@example.org"].body


def test_cancelling_twice_tells_nobody_twice(ada: User, full_run: CourseRun) -> None:
    client = client_for(ada)
    client.post(reverse("catalog:run_cancel", args=[full_run.pk]), {"confirm": "yes"})
    client.post(reverse("catalog:run_cancel", args=[full_run.pk]), {"confirm": "yes"})
    run_tasks()
    assert len(mail.outbox) == 2


def test_the_learners_page_of_a_cancelled_run_says_so_and_nothing_else(
    ada: User, lena: User, full_run: CourseRun
) -> None:
    client_for(ada).post(reverse("catalog:run_cancel", args=[full_run.pk]), {"confirm": "yes"})
    full_run.refresh_from_db()
    html = client_for(lena).get(reverse("catalog:run", args=[full_run.pk])).content.decode()
    assert f"This run was cancelled on {full_run.cancelled_at:%-d %B %Y}" in html
    assert "You were enrolled" in html
    for contradiction in (
        "You may enrol",
        "Enrol on this run",
        "Cancel my place",
        "waitlist order",
    ):
        assert contradiction not in html


def test_a_learner_cannot_cancel_their_place_on_a_cancelled_run(
    ada: User, lena: User, full_run: CourseRun
) -> None:
    client_for(ada).post(reverse("catalog:run_cancel", args=[full_run.pk]), {"confirm": "yes"})
    enrolment = Enrolment.objects.get(run=full_run, learner=lena)
    client_for(lena).post(reverse("catalog:cancel", args=[enrolment.pk]))
    enrolment.refresh_from_db()
    assert enrolment.status == "enrolled"  # the record of who had a seat stays


def test_only_the_runs_own_admins_may_open_the_cancel_page(full_run: CourseRun, lena: User) -> None:
    bob = make_user("bob@example.org", "Bob Other", Role.ACADEMY_ADMIN)
    url = reverse("catalog:run_cancel", args=[full_run.pk])
    assert client_for(bob).get(url).status_code == 404
    assert client_for(lena).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302


def test_unpublishing_a_run_with_learners_warns_and_keeps_their_links_working(
    ada: User, lena: User, full_run: CourseRun
) -> None:
    client = client_for(ada)
    url = reverse("catalog:run_publish", args=[full_run.pk])
    warning = client.post(url).content.decode()
    assert "2 learners are on this run" in warning
    full_run.refresh_from_db()
    assert full_run.published  # only asked so far
    done = client.post(url, {"confirm": "yes"}, follow=True).content.decode()
    assert "keep their place and their link" in done
    full_run.refresh_from_db()
    assert not full_run.published

    page = client_for(lena).get(reverse("catalog:run", args=[full_run.pk]))
    assert page.status_code == 200
    assert "your place on it is unchanged" in page.content.decode()
    assert client_for(None).get(reverse("catalog:run", args=[full_run.pk])).status_code == 404
    stranger = verified(make_user("sam@example.org", "Dr Sam", Role.LEARNER))
    assert client_for(stranger).get(reverse("catalog:run", args=[full_run.pk])).status_code == 404


def test_unpublishing_a_run_nobody_is_on_needs_no_confirmation(ada: User) -> None:
    run = f.run(f.course(f.provider(admins=[ada])))
    client_for(ada).post(reverse("catalog:run_publish", args=[run.pk]))
    run.refresh_from_db()
    assert not run.published


def test_the_run_cancel_service_is_idempotent(full_run: CourseRun) -> None:
    first = services.run_cancel(run_id=full_run.pk, now=timezone.now())
    again = services.run_cancel(run_id=full_run.pk, now=timezone.now())
    assert first.cancelled_at == again.cancelled_at


def test_the_confirmation_page_runs_a_bounded_number_of_queries(
    ada: User, django_assert_max_num_queries: Any
) -> None:
    run = f.run(f.course(f.provider(admins=[ada])), seats=5)
    for i in range(12):
        services.enrolment_create(
            run_id=run.pk,
            learner=verified(make_user(f"q{i}@example.org", f"Q{i}", Role.LEARNER)),
            now=timezone.now(),
        )
    client = client_for(ada)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("catalog:run_cancel", args=[run.pk]))
    assert page.content.decode().count("<tr>") == 13  # header and twelve learners
