"""The run page's body (one learner's progress) is kept in the shared cache (issue 25), and
whatever changes it shows on the very next view: a lesson read, an exam passed, a case
finished, the course's modules re-mapped, the course renamed, a trainer's declaration. Keys
name the learner: another learner on the same run is never shown someone else's progress, and
whether the learner may open the page at all is checked afresh on every view."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from academy.accounts.models import User
from academy.catalog.models import CourseRun, Enrolment, EnrolmentStatus
from academy.learning import content
from academy.learning.models import CasePlay, CourseModule, LessonRead
from tests.web.builders import declared
from tests.web.conftest import client_for
from tests.web.learning import helpers as h

pytestmark = pytest.mark.django_db


def _page(client: Client, w: h.World) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as counted:
        response = client.get(reverse("learning:run", args=[w.run.pk]))
    assert response.status_code == 200
    text = re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", response.content.decode())
    return text, len(counted.captured_queries)


def test_the_body_is_kept_between_views(lena: User, theo: User, ada: User) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    first, built = _page(client, w)
    again, kept = _page(client, w)
    assert again == first
    assert kept < built


def test_a_lesson_read_shows_at_once(lena: User, theo: User, ada: User) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    lessons = content.lessons_for(w.run.course, h.MODULE)
    assert f"0 / {len(lessons)}" in _page(client, w)[0]
    client.post(reverse("learning:lesson", args=[w.run.pk, lessons[0].id]))
    page = _page(client, w)[0]
    assert f"1 / {len(lessons)}" in page
    assert '<span class="badge ok">Read</span>' in page
    LessonRead.objects.filter(learner=lena).delete()  # the staff admin, say
    assert f"0 / {len(lessons)}" in _page(client, w)[0]


def test_a_passed_exam_shows_at_once(lena: User, theo: User, ada: User) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    assert "not taken" in _page(client, w)[0]
    h.answer_all(client, h.start(client, w), lambda i, q: h.right_answer(q))
    page = _page(client, w)[0]
    assert "best 100%" in page
    assert "Passed" in page


def test_a_finished_case_shows_at_once(lena: User, theo: User, ada: User) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    case = next(iter(content.cases_for(w.run.course)), None)
    if case is None:
        pytest.skip("the curriculum has no case for this course")
    assert "Finished, not passed" not in _page(client, w)[0]
    CasePlay.objects.create(
        learner=lena, run=w.run, case_id=case.id, current_step="end", completed=True, passed=False
    )
    assert "Finished, not passed" in _page(client, w)[0]


def test_content_and_catalog_changes_show_at_once(lena: User, theo: User, ada: User) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    module = content.curriculum().modules
    other = next(m for m in module if m.id != h.MODULE)
    assert other.title not in _page(client, w)[0]
    CourseModule.objects.create(course=w.run.course, module_id=other.id, position=2)
    assert other.title in _page(client, w)[0]
    w.run.course.title = "A renamed course"
    w.run.course.save()
    assert "A renamed course" in _page(client, w)[0]


def test_another_learner_never_sees_someone_elses_progress(
    lena: User, nora: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    h.enrol(w.run, nora)
    lessons = content.lessons_for(w.run.course, h.MODULE)
    lenas = client_for(lena)
    lenas.post(reverse("learning:lesson", args=[w.run.pk, lessons[0].id]))
    assert f"1 / {len(lessons)}" in _page(lenas, w)[0]
    noras = _page(client_for(nora), w)[0]
    assert f"0 / {len(lessons)}" in noras
    assert '<span class="badge ok">Read</span>' not in noras


def test_a_trainers_new_declaration_shows_at_once(lena: User, theo: User, ada: User) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    assert "No declaration" in _page(client, w)[0]
    declared(theo)
    page = _page(client, w)[0]
    assert "No declaration" not in page
    assert "no financial relationships with any healthcare company" in page


def test_a_cancelled_enrolment_is_refused_on_the_very_next_view(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    _page(client, w)  # the page is now kept
    Enrolment.objects.filter(learner=lena, run=w.run).update(status=EnrolmentStatus.CANCELLED)
    assert client.get(reverse("learning:run", args=[w.run.pk])).status_code == 404


def test_a_cancelled_run_is_refused_on_the_very_next_view(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    _page(client, w)
    CourseRun.objects.filter(pk=w.run.pk).update(cancelled=True)
    assert client.get(reverse("learning:run", args=[w.run.pk])).status_code == 404


def test_a_kept_page_is_never_shown_to_someone_not_enrolled(
    lena: User, nora: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    _page(client_for(lena), w)
    assert client_for(nora).get(reverse("learning:run", args=[w.run.pk])).status_code == 404
