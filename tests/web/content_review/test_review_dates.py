"""Review dates: the learner's lesson page marks content past review, the academy's content page
flags it (curriculum modules and its own lessons), and an authored lesson's dates are checked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from academy.authoring.models import AuthoredLesson
from academy.catalog.models import Enrolment
from academy.learning import content
from tests.web.builders import page_text
from tests.web.catalog import factories
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

LATER = dt.date(2028, 1, 15)  # after every module's review_by (2027-12-01)


def lesson_data(**changes: str) -> dict[str, object]:
    data: dict[str, object] = {
        "slug": "our_aftercare",
        "module": "complications",
        "title": "Our aftercare call",
        "outcomes": ["comp_common"],
        "sources": "R1",
        "minutes": "5",
        "reviewed": "2026-01-01",
        "review_by": "2026-06-01",
        "body": "## Day 3\n\nSwelling settles. [R1]\n",
        "action": "publish",
    }
    data.update(changes)
    return data


def test_a_lesson_past_review_is_marked_to_the_learner(
    lena: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = factories.run(factories.course())
    Enrolment.objects.create(run=run, learner=lena, status="enrolled")
    lesson = next(iter(content.lessons_by_module(run.course).values()))[0]
    url = reverse("learning:lesson", args=[run.pk, lesson.id])
    fresh = page_text(client_for(lena).get(url).content)
    assert "Due for review" not in fresh
    assert "next review by 1 December 2027" in fresh
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: LATER)
    late = page_text(client_for(lena).get(url).content)
    assert "Due for review since 1 December 2027" in late


def test_the_academy_sees_its_lessons_and_the_modules_past_review(
    ada: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    provider = factories.provider(admins=[ada])
    client = client_for(ada)
    response = client.post(reverse("authoring:new", args=[provider.pk, "lesson"]), lesson_data())
    assert response.status_code == 302
    lesson = AuthoredLesson.objects.get()
    assert (lesson.reviewed, lesson.review_by) == (dt.date(2026, 1, 1), dt.date(2026, 6, 1))
    page = page_text(client.get(reverse("authoring:provider", args=[provider.pk])).content)
    assert "Due for review since 1 Jun 2026" in page
    assert "Curriculum modules due for review" not in page
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: LATER)
    page = page_text(client.get(reverse("authoring:provider", args=[provider.pk])).content)
    assert "Curriculum modules due for review" in page


def test_an_authored_lesson_due_before_it_was_reviewed_is_refused(ada: User) -> None:
    provider = factories.provider(admins=[ada])
    response = client_for(ada).post(
        reverse("authoring:new", args=[provider.pk, "lesson"]),
        lesson_data(review_by="2025-01-01"),
    )
    assert response.status_code == 200
    assert "is before the date it was reviewed" in page_text(response.content)
    assert "2025-01-01" in response.content.decode()
    assert not AuthoredLesson.objects.filter(status="published").exists()
