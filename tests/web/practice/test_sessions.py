"""Practical sessions: academy admins create them within the run; enrolled learners book a place,
join the waitlist when it is full, and the first waiting learner is promoted (and told) when
someone cancels."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from academy.accounts.models import User
from academy.practice import services
from academy.practice.models import BookingStatus, PracticalSession, SessionBooking
from tests.web.builders import session_post
from tests.web.conftest import client_for, make_user, run_tasks
from tests.web.practice.helpers import enrol, run_for, session_for, today

pytestmark = pytest.mark.django_db


def learner(name: str) -> User:
    from academy.accounts.models import Role

    return make_user(f"{name.lower()}@example.org", name, Role.LEARNER)


def test_an_academy_admin_creates_a_session_on_a_day_of_the_run(ada: User, theo: User) -> None:
    run = run_for(admins=[ada], trainers=[theo])
    url = reverse("practice:session_create", args=[run.pk])
    response = client_for(ada).post(url, session_post(theo, date=run.starts_on.isoformat()))
    assert response.status_code == 302
    session = PracticalSession.objects.get(run=run)
    assert list(session.trainers.all()) == [theo]
    assert session.model_slots == 4


def test_the_session_form_refuses_bad_input_and_keeps_what_was_typed(
    ada: User, theo: User, vera: User
) -> None:
    run = run_for(admins=[ada], trainers=[theo])
    url = reverse("practice:session_create", args=[run.pk])
    outside = (run.ends_on + dt.timedelta(days=3)).isoformat()
    data = session_post(
        theo, date=outside, starts_at="12:00", ends_at="11:00", places="0", venue="Typed venue"
    )
    data["trainers"] = [theo.pk, vera.pk]  # vera does not teach this run
    response = client_for(ada).post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose a day of the run" in html
    assert "The session must end after it starts." in html
    assert "Typed venue" in html
    errors = response.context["form"].errors
    assert {"date", "ends_at", "places", "trainers"} <= set(errors)
    assert not PracticalSession.objects.exists()


def test_huge_numbers_in_the_session_form_are_bad_input(ada: User, theo: User) -> None:
    run = run_for(admins=[ada], trainers=[theo])
    url = reverse("practice:session_create", args=[run.pk])
    data = session_post(theo, date=run.starts_on.isoformat(), places="9" * 30)
    response = client_for(ada).post(url, data)
    assert response.status_code == 200
    assert "places" in response.context["form"].errors


def test_another_academys_admin_cannot_add_a_session(ada: User, theo: User) -> None:
    run = run_for(trainers=[theo])  # ada is not an admin of this provider
    response = client_for(ada).get(reverse("practice:session_create", args=[run.pk]))
    assert response.status_code == 404


def test_a_trainer_cannot_create_or_edit_sessions(ada: User, theo: User) -> None:
    run = run_for(admins=[ada], trainers=[theo])
    session = session_for(run)
    client = client_for(theo)
    assert client.get(reverse("practice:session_create", args=[run.pk])).status_code == 403
    assert client.get(reverse("practice:session_edit", args=[session.pk])).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_a_learner_books_a_place_and_gets_an_email(lena: User, theo: User) -> None:
    run = run_for(trainers=[theo])
    enrol(run, lena)
    session = session_for(run)
    response = client_for(lena).post(reverse("practice:book", args=[session.pk]))
    assert response.status_code == 302
    booking = SessionBooking.objects.get(session=session, learner=lena)
    assert booking.status == BookingStatus.BOOKED
    run_tasks()
    assert [m.to for m in mail.outbox] == [[lena.email]]
    assert "Your place is booked" in mail.outbox[0].subject


def test_a_learner_not_on_the_run_cannot_see_or_book_its_sessions(lena: User, nora: User) -> None:
    run = run_for()
    enrol(run, nora)
    session = session_for(run)
    response = client_for(lena).post(reverse("practice:book", args=[session.pk]))
    assert response.status_code == 404
    assert (
        session.run.course.title not in client_for(lena).get("/practice/sessions/").content.decode()
    )
    assert not SessionBooking.objects.exists()


def test_one_booking_per_learner_per_session(lena: User) -> None:
    run = run_for()
    enrol(run, lena)
    session = session_for(run)
    services.booking_create(session_id=session.pk, learner=lena, today=today())
    with pytest.raises(services.PracticeError, match="already have a booking"):
        services.booking_create(session_id=session.pk, learner=lena, today=today())


@pytest.mark.django_db(transaction=True)
def test_a_full_session_puts_the_next_learner_on_the_waitlist_and_promotes_them_on_a_cancel(
    lena: User, nora: User
) -> None:
    run = run_for()
    third = learner("Omar")
    enrol(run, lena, nora, third)
    session = session_for(run, places=1)
    first = services.booking_create(session_id=session.pk, learner=lena, today=today())
    waiting = services.booking_create(session_id=session.pk, learner=nora, today=today())
    later = services.booking_create(session_id=session.pk, learner=third, today=today())
    assert (first.status, waiting.status, later.status) == ("booked", "waitlisted", "waitlisted")
    run_tasks()
    mail.outbox.clear()
    response = client_for(lena).post(reverse("practice:cancel", args=[first.pk]))
    assert response.status_code == 302
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert waiting.status == BookingStatus.BOOKED
    assert later.status == BookingStatus.WAITLISTED
    run_tasks()
    assert [m.to for m in mail.outbox] == [[nora.email]]
    assert "A place is yours" in mail.outbox[0].subject


def test_a_learner_cannot_cancel_another_learners_booking(lena: User, nora: User) -> None:
    run = run_for()
    enrol(run, lena, nora)
    booking = services.booking_create(session_id=session_for(run).pk, learner=nora, today=today())
    response = client_for(lena).post(reverse("practice:cancel", args=[booking.pk]))
    assert response.status_code == 404
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_raising_a_sessions_places_promotes_the_waitlist_and_lowering_below_bookings_is_refused(
    ada: User, theo: User, lena: User, nora: User
) -> None:
    run = run_for(admins=[ada], trainers=[theo])
    enrol(run, lena, nora)
    session = session_for(run, places=1)
    services.booking_create(session_id=session.pk, learner=lena, today=today())
    waiting = services.booking_create(session_id=session.pk, learner=nora, today=today())
    url = reverse("practice:session_edit", args=[session.pk])
    data = session_post(theo, date=session.date.isoformat(), places="2")
    assert client_for(ada).post(url, data).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.BOOKED
    response = client_for(ada).post(url, {**data, "places": "1"})
    assert response.status_code == 200
    assert "2 learners are booked" in response.content.decode()


def test_the_learners_session_list_runs_a_bounded_number_of_queries(
    lena: User, django_assert_max_num_queries: object
) -> None:
    for _ in range(6):
        run = run_for()
        enrol(run, lena)
        for _ in range(3):
            session_for(run)
    client = client_for(lena)
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        response = client.get(reverse("practice:my_sessions"))
    assert response.content.decode().count(">Book a place<") == 18
