"""The demo data gives the learning pages something to show."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from academy.accounts.models import User
from academy.learning.models import Attempt, CourseModule, LessonRead
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_demo_learner_has_progress_and_the_trainer_view_has_statistics() -> None:
    call_command("load_demo", force=True, stdout=io.StringIO())
    call_command("load_demo", force=True, stdout=io.StringIO())  # loading twice is fine
    learner = User.objects.get(email="learner@demo.threadlift.test")
    mine = Attempt.objects.filter(learner=learner)
    assert sorted(a.passed for a in mine) == [False, True]
    assert LessonRead.objects.filter(learner=learner).count() == 1
    assert CourseModule.objects.exists()
    run = mine.first().run  # type: ignore[union-attr]
    page = client_for(learner).get(reverse("learning:run", args=[run.pk])).content.decode()
    assert "Passed" in page
    trainer = User.objects.get(email="trainer@demo.threadlift.test")
    stats = client_for(trainer).get(reverse("learning:trainer", args=[run.pk])).content.decode()
    assert "KR-20" in stats or "Cronbach" in stats
    assert "fictional demo flag" in stats


def test_the_dashboard_links_an_enrolled_learner_to_the_course(lena: User) -> None:
    from academy.accounts.models import Role
    from tests.web.conftest import make_user
    from tests.web.learning import helpers as h

    w = h.world(
        lena,
        make_user("t@example.org", "T", Role.TRAINER),
        make_user("a@example.org", "A", Role.ACADEMY_ADMIN),
    )
    page = client_for(lena).get(reverse("core:dashboard")).content.decode()
    assert reverse("learning:run", args=[w.run.pk]) in page
