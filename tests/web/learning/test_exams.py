"""Exams through the pages: forms from the blueprint, exposure between attempts, tutor practice
that never counts, the attempt policy (limit, cool-down, trainer release) and bad blueprints."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from academy.accounts.models import Role, User
from academy.catalog.models import Enrolment
from academy.credentials.models import CompletionRule
from academy.credentials.platform_kinds import _module_passed
from academy.learning import content
from academy.learning.exams import blueprint_for, counted_passes
from academy.learning.models import Attempt, AttemptKind, AttemptRelease, CourseModule
from academy.learning.progress import progress_for
from tests.web.catalog import factories
from tests.web.conftest import client_for, make_user
from tests.web.learning import helpers as h
from threadlift.content.forms import allowed_shared, meets, policy

pytestmark = pytest.mark.django_db


def _settings(w: h.World) -> CourseModule:
    return CourseModule.objects.get(course=w.run.course, module_id=h.MODULE)


def _form_of(attempt: Attempt) -> Any:
    from threadlift.content.forms import Form

    return Form(
        items=tuple((e["id"], tuple(e["options"])) for e in attempt.items), seed=0, shared=0
    )


def test_an_exam_is_a_form_that_meets_the_module_s_blueprint(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    attempt = h.start(client_for(lena), w)
    blueprint = blueprint_for(_settings(w))
    assert blueprint is not None
    pool = content.question_pool(w.run.course, h.MODULE)
    assert meets(_form_of(attempt), blueprint, pool)
    assert (attempt.kind, attempt.mode, attempt.pass_basis) == (
        AttemptKind.QUIZ,
        "exam",
        "fixed mark, our policy",
    )


def test_the_next_exam_shares_at_most_the_stated_share_and_its_review_keeps_the_form(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    first = h.answer_all(client, h.start(client, w), lambda i, q: h.wrong_answer(q))
    page = client.get(reverse("learning:quiz", args=[w.run.pk, h.MODULE])).content.decode()
    assert "share at most 2 items (50%, our policy)" in page
    second = h.start(client, w)
    shared = {e["id"] for e in first.items} & {e["id"] for e in second.items}
    assert len(shared) == second.shared
    assert len(shared) <= allowed_shared(len(second.items), policy().exposure_max_shared)
    assert second.items != first.items
    review = client.get(reverse("learning:result", args=[first.pk]))
    shown = [(r.item.id, [o["id"] for o in r.options]) for r in review.context["reviews"]]
    assert shown == [(e["id"], e["options"]) for e in first.items]  # the form as it was shown


def test_tutor_practice_never_counts_towards_progress_completion_or_a_certificate(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    tutor = h.answer_all(client, h.start(client, w, "tutor"), lambda i, q: h.right_answer(q))
    assert tutor.kind == AttemptKind.PRACTICE
    assert tutor.finished_at is not None
    assert not counted_passes(lena.pk, w.run.pk, h.MODULE).exists()
    assert not progress_for(w.run, [lena.pk])[lena.pk].modules[0].passed
    enrolment = Enrolment.objects.get(learner=lena, run=w.run)
    rule = CompletionRule(params={"module": h.MODULE})
    assert _module_passed(enrolment, rule)[0] is False
    page = client.get(reverse("learning:result", args=[tutor.pk])).content.decode()
    assert "never counted towards completion or a certificate" in page
    exam = h.answer_all(client, h.start(client, w), lambda i, q: h.right_answer(q))
    assert exam.passed
    assert _module_passed(enrolment, rule)[0] is True
    assert list(counted_passes(lena.pk, w.run.pk, h.MODULE)) == [exam]


def test_the_attempt_limit_refuses_another_exam_until_a_trainer_releases_one(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada, attempt_limit=1)
    client = client_for(lena)
    first = h.answer_all(client, h.start(client, w), lambda i, q: h.wrong_answer(q))
    result = client.get(reverse("learning:result", args=[first.pk])).content.decode()
    assert "You have used all 1 attempts this course allows; a trainer can release another." in (
        result
    )
    refused = client.post(reverse("learning:quiz", args=[w.run.pk, h.MODULE]), {"what": "exam"})
    assert refused.status_code == 403
    trainer_view = client_for(theo).get(reverse("learning:result", args=[first.pk]))
    assert "Release another attempt for" in trainer_view.content.decode()
    url = reverse("learning:release", args=[w.run.pk, h.MODULE, lena.pk])
    assert client_for(theo).post(url).status_code == 302
    page = client.get(reverse("learning:quiz", args=[w.run.pk, h.MODULE])).content.decode()
    assert "A trainer released another attempt" in page
    second = h.start(client, w)
    assert AttemptRelease.objects.get().attempt == second
    h.answer_all(client, second, lambda i, q: h.wrong_answer(q))
    again = client.post(reverse("learning:quiz", args=[w.run.pk, h.MODULE]), {"what": "exam"})
    assert again.status_code == 403  # the release was used once


def test_the_cool_down_refuses_a_retake_and_the_result_says_when(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada, cooldown_hours=24)
    client = client_for(lena)
    first = h.answer_all(client, h.start(client, w), lambda i, q: h.wrong_answer(q))
    result = client.get(reverse("learning:result", args=[first.pk])).content.decode()
    assert "The course asks for 24 hours between exam attempts" in result
    refused = client.post(reverse("learning:quiz", args=[w.run.pk, h.MODULE]), {"what": "exam"})
    assert refused.status_code == 403
    assert "you may start the next one from" in refused.content.decode()
    assert Attempt.objects.filter(kind=AttemptKind.QUIZ).count() == 1
    # a day later (the stored finish moved back: no wall clock in tests)
    Attempt.objects.filter(pk=first.pk).update(
        finished_at=first.finished_at - dt.timedelta(hours=25)
    )
    second = h.start(client, w)
    assert second.pk != first.pk
    assert [e["id"] for e in second.items] != [e["id"] for e in first.items]


def test_only_the_run_s_trainers_release_attempts(lena: User, theo: User, ada: User) -> None:
    w = h.world(lena, theo, ada, attempt_limit=1)
    url = reverse("learning:release", args=[w.run.pk, h.MODULE, lena.pk])
    stranger = make_user("other.trainer@example.org", "Other Trainer", Role.TRAINER)
    assert client_for(stranger).post(url).status_code == 404
    assert client_for(lena).post(url).status_code == 403
    outsider = h.learner(7)
    not_enrolled = reverse("learning:release", args=[w.run.pk, h.MODULE, outsider.pk])
    assert client_for(theo).post(not_enrolled).status_code == 404
    assert not AttemptRelease.objects.exists()


def test_an_academy_blueprint_is_saved_and_used_by_the_next_exam(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    url = reverse("learning:blueprint", args=[w.run.course.pk, h.MODULE])
    outcome = content.curriculum().module(h.MODULE).outcomes[1].id  # danger zones: 7 at d2
    response = client_for(ada).post(url, {f"cell__{outcome}__2": "3"})
    assert response.status_code == 302
    assert _settings(w).blueprint == {outcome: {"2": 3}}
    attempt = h.start(client_for(lena), w)
    assert len(attempt.items) == 3
    assert {h.pool()[e["id"]].outcome for e in attempt.items} == {outcome}


def test_a_blueprint_asking_for_more_items_than_the_pool_has_is_refused_with_a_field_message(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    before = _settings(w).blueprint
    url = reverse("learning:blueprint", args=[w.run.course.pk, h.MODULE])
    outcome = content.curriculum().module(h.MODULE).outcomes[0].id  # layers: 1 item at d1
    response = client_for(ada).post(url, {f"cell__{outcome}__1": "4", f"cell__{outcome}__2": "x"})
    assert response.status_code == 400
    assert "Give a whole number of items." in response.content.decode()
    response = client_for(ada).post(url, {f"cell__{outcome}__1": "4"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "4 asked, but the pool has 1 item of this outcome and difficulty." in page
    assert f'id="cell__{outcome}__1-error"' in page
    assert 'value="4"' in page
    empty = client_for(ada).post(url, {})
    assert empty.status_code == 400
    assert "An exam form needs at least one item." in empty.content.decode()
    assert _settings(w).blueprint == before


def test_a_course_on_the_default_modules_gets_its_mapping_when_a_blueprint_is_saved(
    ada: User,
) -> None:
    course = factories.course(factories.provider(admins=[ada]))
    url = reverse("learning:blueprint", args=[course.pk, "complications"])
    assert client_for(ada).get(url).status_code == 200
    outcome = content.curriculum().module("complications").outcomes[0].id
    assert client_for(ada).post(url, {f"cell__{outcome}__2": "2"}).status_code == 302
    assert CourseModule.objects.filter(course=course).count() == 7
    reset = client_for(ada).post(url, {"reset": "1"})
    assert reset.status_code == 302
    assert CourseModule.objects.get(course=course, module_id="complications").blueprint is None


def test_only_the_course_s_academy_admins_edit_its_blueprint(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    url = reverse("learning:blueprint", args=[w.run.course.pk, h.MODULE])
    other_admin = make_user("other.admin@example.org", "Other Admin", Role.ACADEMY_ADMIN)
    factories.provider(name="Other Academy", admins=[other_admin])
    assert client_for(other_admin).get(url).status_code == 404
    assert client_for(theo).get(url).status_code == 403
    assert client_for(lena).get(url).status_code == 403


def test_the_exam_pages_run_a_bounded_number_of_queries(
    lena: User, theo: User, ada: User, django_assert_max_num_queries: Any
) -> None:
    w = h.world(lena, theo, ada, attempt_limit=3, cooldown_hours=2)
    client = client_for(lena)
    attempt = h.answer_all(client, h.start(client, w), lambda i, q: h.wrong_answer(q))
    with django_assert_max_num_queries(14):
        assert client.get(reverse("learning:quiz", args=[w.run.pk, h.MODULE])).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("learning:result", args=[attempt.pk])).status_code == 200
    url = reverse("learning:blueprint", args=[w.run.course.pk, h.MODULE])
    admin = client_for(ada)
    admin.get(reverse("learning:course_modules", args=[w.run.course.pk]))  # the session's first
    with django_assert_max_num_queries(12):
        assert admin.get(url).status_code == 200
