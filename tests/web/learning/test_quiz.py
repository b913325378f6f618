"""Quizzes through the pages: scoring, tutor and exam feedback, time and attempt limits,
practice rounds, flags and bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from academy.learning.models import Attempt, AttemptKind, ItemFlagReport, ItemResponse, QuizMode
from tests.web.conftest import client_for
from tests.web.learning import helpers as h
from threadlift.content import score_multiple

pytestmark = pytest.mark.django_db


def _kind_first(attempt: Attempt, kind: str) -> None:
    """Put an item of `kind` first in the draw (the draw is random; the test needs one kind)."""
    items = h.pool()
    wanted = next(q for q in items.values() if q.kind == kind)
    options = [o.id for o in wanted.options]
    attempt.items = [{"id": wanted.id, "options": options}, *attempt.items[1:]]
    attempt.items = [e for i, e in enumerate(attempt.items) if i == 0 or e["id"] != wanted.id]
    attempt.save()


def test_a_single_best_answer_item_scores_one_for_the_right_option(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    attempt = h.start(client, w)
    _kind_first(attempt, "single")
    item = h.pool()[attempt.items[0]["id"]]
    h.answer(client, attempt, 0, h.right_answer(item))
    assert ItemResponse.objects.get(attempt=attempt, position=0).score == 1.0


def test_a_single_best_answer_item_scores_zero_for_a_wrong_option(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    attempt = h.start(client, w)
    _kind_first(attempt, "single")
    item = h.pool()[attempt.items[0]["id"]]
    h.answer(client, attempt, 0, h.wrong_answer(item))
    assert ItemResponse.objects.get(attempt=attempt, position=0).score == 0.0


def test_a_multiple_response_item_earns_partial_credit_right_minus_wrong(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    attempt = h.start(client, w)
    _kind_first(attempt, "multiple")
    item = h.pool()[attempt.items[0]["id"]]
    right = [o.id for o in item.options if o.correct]
    wrong = [o.id for o in item.options if not o.correct]
    chosen = [*right, wrong[0]]  # every correct option and one incorrect
    h.answer(client, attempt, 0, {"option": chosen})
    expected = max(0.0, (len(right) - 1) / len(right))
    assert ItemResponse.objects.get(attempt=attempt, position=0).score == pytest.approx(expected)
    assert expected == score_multiple(item, chosen)
    assert expected < 1


def test_a_hotspot_click_inside_the_answer_region_scores_and_outside_does_not(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada, quiz_size=3)
    client = client_for(lena)
    attempt = h.start(client, w)
    hotspots = [q for q in h.pool().values() if q.kind == "hotspot"][:2]
    attempt.items = [{"id": q.id, "options": []} for q in hotspots]
    attempt.save()
    page = client.get(reverse("learning:attempt", args=[attempt.pk])).content.decode()
    assert "<svg" in page
    assert 'name="landmark"' in page
    assert 'name="x"' in page
    h.answer(client, attempt, 0, h.right_answer(hotspots[0]))
    h.answer(client, attempt, 1, h.wrong_answer(hotspots[1]))
    scores = list(ItemResponse.objects.filter(attempt=attempt).values_list("score", flat=True))
    assert scores == [1.0, 0.0]


def test_a_landmark_chosen_from_the_list_is_the_keyboard_alternative_to_a_click(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    attempt = h.start(client, w)
    _kind_first(attempt, "hotspot")
    response = h.answer(client, attempt, 0, {"landmark": "nasion"})
    assert response.status_code == 302
    stored = ItemResponse.objects.get(attempt=attempt, position=0).answer
    assert stored["landmark"] == "nasion"


@pytest.mark.parametrize(
    "data",
    [
        {"x": "nan", "y": "1"},
        {"x": "1e308", "y": "0"},
        {"x": "abc", "y": "2"},
        {"landmark": "moon"},
        {},
    ],
)
def test_a_bad_hotspot_answer_re_renders_with_a_message_and_keeps_the_input(
    lena: User, theo: User, ada: User, data: dict[str, str]
) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    attempt = h.start(client, w)
    _kind_first(attempt, "hotspot")
    response = h.answer(client, attempt, 0, data)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    if "x" in data:
        assert f'value="{data["x"]}"' in response.content.decode()
    assert not ItemResponse.objects.filter(attempt=attempt).exists()


def test_an_option_that_is_not_in_the_item_is_refused(lena: User, theo: User, ada: User) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    attempt = h.start(client, w)
    _kind_first(attempt, "single")
    response = h.answer(client, attempt, 0, {"option": ["not_an_option"]})
    assert response.status_code == 400
    assert not ItemResponse.objects.filter(attempt=attempt).exists()


def test_tutor_mode_shows_the_explanation_after_each_item(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    attempt = h.start(client, w, "tutor")
    assert (attempt.kind, attempt.mode) == (AttemptKind.PRACTICE, QuizMode.TUTOR)
    item = h.pool()[attempt.items[0]["id"]]
    before = client.get(reverse("learning:attempt", args=[attempt.pk])).content.decode()
    assert "Explanation." not in before  # the key only after an answer
    assert client.get(reverse("learning:feedback", args=[attempt.pk, 0])).status_code == 302
    response = h.answer(client, attempt, 0, h.wrong_answer(item))
    assert response["Location"] == reverse("learning:feedback", args=[attempt.pk, 0])
    page = client.get(response["Location"]).content.decode()
    assert "Explanation." in page
    assert 'class="cite"' in page


def test_exam_mode_gives_no_feedback_before_the_end(lena: User, theo: User, ada: User) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    attempt = h.start(client, w)
    assert (attempt.kind, attempt.mode) == (AttemptKind.QUIZ, QuizMode.EXAM)
    item = h.pool()[attempt.items[0]["id"]]
    response = h.answer(client, attempt, 0, h.wrong_answer(item))
    assert response["Location"] == reverse("learning:attempt", args=[attempt.pk])
    early = client.get(reverse("learning:feedback", args=[attempt.pk, 0]))
    assert early.status_code == 302
    assert (
        "Explanation"
        not in client.get(reverse("learning:attempt", args=[attempt.pk])).content.decode()
    )
    early_result = client.get(reverse("learning:result", args=[attempt.pk]))
    assert early_result.status_code == 302  # the learner is sent back to the quiz


def test_the_result_shows_every_item_with_the_correct_answer_explanation_and_sources(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    attempt = h.answer_all(client, h.start(client, w), lambda i, q: h.wrong_answer(q))
    assert attempt.passed is False
    assert attempt.total == 0
    page = client.get(reverse("learning:result", args=[attempt.pk])).content.decode()
    assert "Not passed" in page
    assert page.count("Explanation.") == attempt.size
    assert "Correct answer" in page
    assert 'href="/knowledge/bibliography/#' in page


def test_all_right_passes(lena: User, theo: User, ada: User) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    attempt = h.answer_all(client, h.start(client, w), lambda i, q: h.right_answer(q))
    assert attempt.passed is True
    assert attempt.total == attempt.size


def test_an_answer_after_the_time_limit_is_not_counted(lena: User, theo: User, ada: User) -> None:
    w = h.world(lena, theo, ada, time_limit_minutes=5)
    client = client_for(lena)
    attempt = h.start(client, w)
    assert attempt.deadline is not None
    page = client.get(reverse("learning:attempt", args=[attempt.pk])).content.decode()
    assert "data-deadline" in page
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - dt.timedelta(seconds=1))
    item = h.pool()[attempt.items[0]["id"]]
    response = h.answer(client, attempt, 0, h.right_answer(item))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.finished_at is not None
    assert attempt.total == 0
    assert attempt.passed is False


def test_the_attempt_limit_refuses_one_more_attempt(lena: User, theo: User, ada: User) -> None:
    w = h.world(lena, theo, ada, attempt_limit=1)
    client = client_for(lena)
    h.answer_all(client, h.start(client, w), lambda i, q: h.wrong_answer(q))
    page = client.get(reverse("learning:quiz", args=[w.run.pk, h.MODULE])).content.decode()
    assert "0 of 1" in page
    response = client.post(reverse("learning:quiz", args=[w.run.pk, h.MODULE]))
    assert response.status_code == 403
    assert Attempt.objects.filter(learner=lena).count() == 1


def test_practising_the_wrong_items_draws_exactly_the_items_answered_wrong(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    first = h.answer_all(
        client, h.start(client, w), lambda i, q: h.right_answer(q) if i % 2 else h.wrong_answer(q)
    )
    wrong = {e["id"] for i, e in enumerate(first.items) if i % 2 == 0}
    response = client.post(reverse("learning:practice", args=[w.run.pk, h.MODULE]))
    practice = Attempt.objects.get(kind=AttemptKind.PRACTICE)
    assert response["Location"] == reverse("learning:attempt", args=[practice.pk])
    assert {e["id"] for e in practice.items} == wrong
    assert practice.mode == QuizMode.TUTOR
    h.answer_all(client, practice, lambda i, q: h.right_answer(q))
    # a practice round does not count: the module is still not passed
    page = client.get(reverse("learning:run", args=[w.run.pk])).content.decode()
    assert "Not passed yet" in page


def test_practice_with_nothing_wrong_says_so(lena: User, theo: User, ada: User) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    response = client.post(reverse("learning:practice", args=[w.run.pk, h.MODULE]), follow=True)
    assert "nothing to practise" in response.content.decode()
    assert not Attempt.objects.filter(kind=AttemptKind.PRACTICE).exists()


def test_a_learner_flags_an_item_with_a_comment_and_the_trainer_sees_it(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    attempt = h.answer_all(client, h.start(client, w), lambda i, q: h.wrong_answer(q))
    url = reverse("learning:flag", args=[attempt.pk, 0])
    assert client.post(url, {"comment": ""}).status_code == 302
    assert not ItemFlagReport.objects.exists()
    client.post(url, {"comment": "Option B reads ambiguously."})
    flag = ItemFlagReport.objects.get()
    assert flag.item_id == attempt.items[0]["id"]
    page = client_for(theo).get(reverse("learning:trainer", args=[w.run.pk])).content.decode()
    assert "Option B reads ambiguously." in page


def test_an_item_no_longer_in_the_course_is_not_found_not_an_error(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    attempt = h.start(client, w)
    attempt.items = [{"id": "q_gone", "options": []}, *attempt.items[1:]]
    attempt.save()
    assert client.get(reverse("learning:attempt", args=[attempt.pk])).status_code == 404


def test_an_unknown_attempt_or_position_is_not_a_server_error(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    attempt = h.start(client, w)
    assert client.get(reverse("learning:result", args=[999999])).status_code == 404
    assert client.get(reverse("learning:feedback", args=[attempt.pk, 9999])).status_code == 302
    response = h.answer(client, attempt, 0, {"position": "x"})
    assert response.status_code == 400
    flagged = client.post(reverse("learning:flag", args=[attempt.pk, 9999]), {"comment": "c"})
    assert flagged.status_code == 302
    assert not ItemFlagReport.objects.exists()
