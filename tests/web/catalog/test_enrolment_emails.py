"""Learners hear about their place by e-mail, sent by the background worker, never the request."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

from academy.accounts.models import Role, User
from academy.catalog.models import CourseRun, Enrolment
from tests.web.catalog import factories as f
from tests.web.conftest import client_for, make_user, run_tasks

# transaction=True: the worker (run_tasks) checks connections; on PostgreSQL that needs commits
pytestmark = pytest.mark.django_db(transaction=True)


def verified(user: User) -> User:
    user.profile.verified = True
    user.profile.save()
    return user


def enrol(user: User, run: CourseRun) -> None:
    client_for(user).post(reverse("catalog:enrol", args=[run.pk]))


@pytest.fixture
def run(db: None) -> CourseRun:
    provider = f.provider(name="Harbour Academy", website="https://harbour.example.org")
    return f.run(
        f.course(provider, title="PDO foundation"),
        seats=1,
        city="Manchester",
        price=Decimal("950"),
    )


def test_an_enrolment_confirmation_with_joining_details_is_queued_not_sent_in_the_request(
    lena: User, run: CourseRun
) -> None:
    enrol(verified(lena), run)
    assert mail.outbox == []
    run_tasks()
    (message,) = mail.outbox
    assert message.to == ["lena@example.org"]
    assert message.subject.startswith("You are enrolled: PDO foundation")
    for detail in (
        "Dr Lena Learner",
        "Your seat is confirmed",
        f"{run.starts_on:%A %-d %B %Y}",
        "Venue:     Manchester, GB",
        "Harbour Academy",
        "https://harbour.example.org",
        "GBP 950.00",
        f"http://testserver/courses/runs/{run.pk}/",
    ):
        assert detail in message.body, detail


def test_a_learner_put_on_the_waitlist_is_told_so(lena: User, nora: User, run: CourseRun) -> None:
    enrol(verified(lena), run)
    wim = verified(make_user("wim@example.org", "Dr Wim", Role.LEARNER))
    enrol(wim, run)
    run_tasks()
    message = next(m for m in mail.outbox if m.to == ["wim@example.org"])
    assert message.subject.startswith("You are on the waitlist")
    assert "enrolled automatically" in message.body


def test_the_first_on_the_waitlist_is_told_when_a_cancellation_gives_them_the_seat(
    lena: User, run: CourseRun
) -> None:
    enrol(verified(lena), run)
    wim = verified(make_user("wim@example.org", "Dr Wim", Role.LEARNER))
    enrol(wim, run)
    run_tasks()
    mail.outbox.clear()
    enrolment = Enrolment.objects.get(learner=lena)
    client_for(lena).post(reverse("catalog:cancel", args=[enrolment.pk]))
    assert mail.outbox == []
    run_tasks()
    (message,) = mail.outbox
    assert message.to == ["wim@example.org"]
    assert message.subject.startswith("A seat is yours")
    assert "moved from the waitlist to enrolled" in message.body


def test_adding_seats_promotes_the_waitlist_and_tells_them(ada: User, lena: User) -> None:
    run = f.run(f.course(f.provider(admins=[ada])), seats=1)
    enrol(verified(lena), run)
    wim = verified(make_user("wim@example.org", "Dr Wim", Role.LEARNER))
    enrol(wim, run)
    run_tasks()
    mail.outbox.clear()
    from tests.web.builders import run_form

    data = run_form(starts_on=run.starts_on.isoformat(), ends_on=run.ends_on.isoformat(), seats="2")
    response = client_for(ada).post(reverse("catalog:run_edit", args=[run.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    run_tasks()
    assert [m.to for m in mail.outbox] == [["wim@example.org"]]
    assert Enrolment.objects.get(learner=wim).status == "enrolled"


def test_no_catalog_code_sends_mail_itself() -> None:
    """Every e-mail goes through academy.core.tasks.email_enqueue (the queue)."""
    root = Path(__file__).resolve().parents[3] / "src" / "academy" / "catalog"
    for path in root.rglob("*.py"):
        text = path.read_text()
        for call in ("send_mail", "send_mass_mail", "EmailMessage", ".send("):
            assert call not in text, f"{path.name} calls {call}"
