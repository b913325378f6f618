"""QR check-in: the trainer shows a signed, short-lived code; a learner with a confirmed booking
checks in through the attendance service; expired, forged or another session's codes change
nothing."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.core import signing
from django.urls import reverse

from academy.accounts.models import User
from academy.practice import checkin
from academy.practice.models import Attendance, BookingStatus, SessionBooking
from tests.web.builders import page_text
from tests.web.conftest import client_for
from tests.web.practice.helpers import enrol, run_for, session_for

pytestmark = pytest.mark.django_db


def booked(session: Any, learner: User, status: str = BookingStatus.BOOKED) -> SessionBooking:
    return SessionBooking.objects.create(session=session, learner=learner, status=status)


def checkin_url(session_id: int) -> str:
    return reverse("practice:checkin", args=[checkin.make_token(session_id)])


def test_the_trainer_shows_a_qr_code_that_checks_a_booked_learner_in(
    theo: User, lena: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = run_for(trainers=[theo])
    enrol(run, lena)
    session = session_for(run)
    booking = booked(session, lena)
    told: list[dict[str, Any]] = []
    monkeypatch.setattr("academy.core.completion.work_recorded", lambda **kw: told.append(kw))
    page = client_for(theo).get(reverse("practice:checkin_code", args=[session.pk]))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    link = page.context["link"]
    path = link.split("testserver", 1)[1]
    client = client_for(lena)
    assert "Check me in" in page_text(client.get(path).content)  # a GET changes nothing
    booking.refresh_from_db()
    assert booking.attendance == ""
    done = client.post(path)
    assert "Checked in" in page_text(done.content)
    booking.refresh_from_db()
    assert booking.attendance == Attendance.ATTENDED
    assert told == [{"learner_id": lena.pk, "run_id": run.pk}]


def test_an_anonymous_scan_asks_to_sign_in_and_comes_back(lena: User) -> None:
    run = run_for()
    session = session_for(run)
    url = checkin_url(session.pk)
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert "next=" in response["Location"]


@pytest.mark.parametrize("kind", ["expired", "forged", "other session", "waitlisted"])
def test_bad_codes_give_a_clear_page_and_change_nothing(
    lena: User, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    run = run_for()
    enrol(run, lena)
    mine, other = session_for(run), session_for(run)
    booking = booked(mine, lena, BookingStatus.WAITLISTED if kind == "waitlisted" else "booked")
    url = checkin_url(other.pk if kind == "other session" else mine.pk)
    if kind == "forged":
        url = reverse("practice:checkin", args=[signing.dumps({"s": mine.pk}, salt="another")])
    if kind == "expired":
        real = time.time
        monkeypatch.setattr(time, "time", lambda: real() + checkin.MAX_AGE_SECONDS + 5)
    response = client_for(lena).post(url)
    assert response.status_code in (400, 403)
    text = page_text(response.content)
    assert "Not checked in" in text
    expected = {
        "expired": "has expired",
        "forged": "not a valid check-in code",
        "other session": "no confirmed place on this session",
        "waitlisted": "no confirmed place on this session",
    }[kind]
    assert expected in text
    booking.refresh_from_db()
    assert booking.attendance == ""


def test_only_the_sessions_teachers_see_its_code(lena: User, ada: User) -> None:
    session = session_for(run_for())
    url = reverse("practice:checkin_code", args=[session.pk])
    assert client_for(lena).get(url).status_code == 403
    assert client_for(ada).get(url).status_code == 404  # not her academy's run
