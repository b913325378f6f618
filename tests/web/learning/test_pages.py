"""The learner's course page, lessons, the case player, the module mapping and the trainer view
(including bounded queries)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from academy.learning import content
from academy.learning.models import CasePlay, CourseModule, LessonRead
from tests.web.conftest import client_for
from tests.web.learning import helpers as h
from threadlift.content.cases import choice_order

pytestmark = pytest.mark.django_db


def test_a_course_without_a_mapping_uses_all_seven_modules(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    CourseModule.objects.filter(course=w.run.course).delete()
    page = client_for(lena).get(reverse("learning:run", args=[w.run.pk])).content.decode()
    for module in content.curriculum().modules:
        assert module.title in page


def test_the_course_page_shows_progress_lessons_read_and_the_best_score(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    lesson = content.lessons_for(w.run.course, h.MODULE)[0]
    total = len(content.lessons_for(w.run.course, h.MODULE))
    client.post(reverse("learning:lesson", args=[w.run.pk, lesson.id]))
    h.answer_all(client, h.start(client, w), lambda i, q: h.right_answer(q))
    page = client.get(reverse("learning:run", args=[w.run.pk])).content.decode()
    assert f"1 / {total}" in page
    assert "best 100%" in page
    assert "Passed" in page


def test_a_lesson_reads_with_figures_records_and_a_sources_list(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    page = client.get(reverse("learning:lesson", args=[w.run.pk, "danger_zones"])).content.decode()
    assert "<svg" in page
    assert "kb-record" in page
    assert 'class="lesson-sources"' in page
    assert "Unconfirmed" in page
    assert "Mark as read" in page


def test_mark_as_read_and_go_on_opens_the_next_lesson(lena: User, theo: User, ada: User) -> None:
    w = h.world(lena, theo, ada)
    first, second = content.lessons_for(w.run.course, h.MODULE)[:2]
    response = client_for(lena).post(
        reverse("learning:lesson", args=[w.run.pk, first.id]), {"next": "1"}
    )
    assert response["Location"] == reverse("learning:lesson", args=[w.run.pk, second.id])
    assert LessonRead.objects.filter(learner=lena, lesson_id=first.id).count() == 1


def test_a_lesson_of_a_module_the_course_does_not_use_is_not_found(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    other = content.curriculum().lessons_of("aftercare")[0]
    assert (
        client_for(lena).get(reverse("learning:lesson", args=[w.run.pk, other.id])).status_code
        == 404
    )


def _case_world(lena: User, theo: User, ada: User) -> tuple[h.World, Any]:
    w = h.world(lena, theo, ada)
    CourseModule.objects.create(course=w.run.course, module_id="patient_selection", position=2)
    case = next(c for c in content.cases_for(w.run.course))
    return w, case


def test_a_case_is_played_step_by_step_and_the_path_is_stored(
    lena: User, theo: User, ada: User
) -> None:
    w, case = _case_world(lena, theo, ada)
    client = client_for(lena)
    url = reverse("learning:case", args=[w.run.pk, case.id])
    assert "Start the case" in client.get(url).content.decode()
    client.post(url)
    step_id, steps = case.start, 0
    while step_id in case.steps and steps < 20:
        page = client.get(url).content.decode()
        assert "<legend>" in page
        choice = next(c for c in case.steps[step_id].choices if c.correct)
        response = client.post(url, {"choice": choice.id})
        assert response.status_code == 302
        step_id, steps = choice.next, steps + 1
    play = CasePlay.objects.get(learner=lena)
    assert play.completed
    assert play.correct_count == steps == len(play.path)
    page = client.get(url).content.decode()
    assert "Case completed" in page
    assert 'aria-live="polite"' in page
    assert play.passed
    assert "Passed" in page
    assert case.endings[step_id].title in page  # the ending says what happened


def _shown_choices(page: str) -> list[str]:
    return re.findall(r'name="choice" value="([a-z0-9_]+)"', page)


def test_a_cases_options_are_shuffled_per_play_and_stable_on_reload(
    lena: User, theo: User, ada: User
) -> None:
    w, case = _case_world(lena, theo, ada)
    client = client_for(lena)
    url = reverse("learning:case", args=[w.run.pk, case.id])
    orders = set()
    for _ in range(8):
        client.post(url, {"restart": "1"})
        play = CasePlay.objects.filter(learner=lena).latest("id")
        first = _shown_choices(client.get(url).content.decode())
        assert first == _shown_choices(client.get(url).content.decode())  # a reload: same order
        assert first == list(choice_order(case, case.start, play.seed))
        orders.add(tuple(first))
    assert len(orders) > 1


def test_a_wrong_path_leads_to_its_consequence_and_a_lower_result(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    CourseModule.objects.create(course=w.run.course, module_id="patient_selection", position=2)
    case = content.case_for(w.run.course, "case_anticoagulant")
    client = client_for(lena)
    url = reverse("learning:case", args=[w.run.pk, case.id])
    client.post(url)
    for choice in ("b", "b"):  # right verdict, then tells him to stop his anticoagulant
        assert client.post(url, {"choice": choice}).status_code == 302
    page = client.get(url).content.decode()
    assert "breathless" in page  # the consequence step, not the best path's next step
    client.post(url, {"choice": "a"})
    play = CasePlay.objects.get(learner=lena)
    assert play.completed
    assert not play.passed
    page = client.get(url).content.decode()
    assert "A medical emergency caused by cosmetic advice" in page
    assert "Not passed" in page
    assert "2 of the 3 decisions" in page
    run_page = client.get(reverse("learning:run", args=[w.run.pk])).content.decode()
    assert "Finished, not passed" in run_page  # the course page does not call it done
    assert ">Passed<" not in run_page


def test_a_case_choice_that_does_not_exist_is_refused_with_a_message(
    lena: User, theo: User, ada: User
) -> None:
    w, case = _case_world(lena, theo, ada)
    client = client_for(lena)
    url = reverse("learning:case", args=[w.run.pk, case.id])
    client.post(url)
    response = client.post(url, {"choice": "nope"})
    assert response.status_code == 400
    assert "Choose one of the options." in response.content.decode()


def _mapping_data(rows: list[dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {"form-TOTAL_FORMS": len(rows), "form-INITIAL_FORMS": len(rows)}
    for i, row in enumerate(rows):
        for key, value in row.items():
            if value is not None and value is not False:
                data[f"form-{i}-{key}"] = value
    return data


def _rows(**change: Any) -> list[dict[str, Any]]:
    rows = []
    for m in content.curriculum().modules:
        row = {
            "module_id": m.id,
            "used": m.id in ("anatomy_ageing", "complications"),
            "position": m.order,
            "standard": "fixed",
            "pass_mark": 75,
            "time_limit_minutes": "",
            "attempt_limit": 2,
            "cooldown_hours": 12,
        }
        row.update(change)
        rows.append(row)
    return rows


def test_an_admin_maps_the_course_to_some_modules_in_order(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    url = reverse("learning:course_modules", args=[w.run.course.pk])
    response = client_for(ada).post(url, _mapping_data(_rows()))
    assert response.status_code == 302
    saved = list(
        CourseModule.objects.filter(course=w.run.course).values_list(
            "module_id", "pass_mark", "cooldown_hours", "blueprint"
        )
    )
    kept = h.small_blueprint(5)  # the academy's blueprint of the anatomy module is kept
    assert saved == [("anatomy_ageing", 75, 12, kept), ("complications", 75, 12, None)]


def test_a_first_mapping_of_the_course_shows_on_the_learners_run_page_at_once(
    lena: User, theo: User, ada: User
) -> None:
    """The first mapping is stored with bulk_create (no signal) and deletes no row: the view
    bumps the learners' fragments itself."""
    w = h.world(lena, theo, ada)
    CourseModule.objects.filter(course=w.run.course).delete()  # on the curriculum's defaults
    unused = next(
        m for m in content.curriculum().modules if m.id not in ("anatomy_ageing", "complications")
    )
    run_page = reverse("learning:run", args=[w.run.pk])
    assert unused.title in client_for(lena).get(run_page).content.decode()
    url = reverse("learning:course_modules", args=[w.run.course.pk])
    assert client_for(ada).post(url, _mapping_data(_rows())).status_code == 302
    assert unused.title not in client_for(lena).get(run_page).content.decode()


def test_a_bad_mapping_re_renders_with_messages_and_keeps_what_was_typed(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    url = reverse("learning:course_modules", args=[w.run.course.pk])
    response = client_for(ada).post(
        url, _mapping_data(_rows(pass_mark="1e400", cooldown_hours="99999"))
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="error"' in page
    assert 'value="99999"' in page
    assert CourseModule.objects.filter(course=w.run.course).count() == 1  # unchanged
    none_used = client_for(ada).post(url, _mapping_data(_rows(used=False)))
    assert none_used.status_code == 400
    assert "Choose at least one module." in none_used.content.decode()


def _crowd(w: h.World, n: int) -> None:
    """`n` enrolled learners with two scored attempts each (stored directly: the quiz pages are
    tested elsewhere; this test is about the trainer view's queries)."""
    from academy.learning.demo import simulated_attempt

    for k in range(n):
        user = h.learner(k)
        h.enrol(w.run, user)
        simulated_attempt(user, w.run, 0.3 + 0.02 * k, 1000 + k, timezone.now())
        simulated_attempt(user, w.run, 0.8, 2000 + k, timezone.now())


@pytest.mark.parametrize("learners", [3, 30])
def test_the_trainer_view_runs_a_bounded_number_of_queries(
    lena: User, theo: User, ada: User, learners: int, django_assert_max_num_queries: Any
) -> None:
    w = h.world(lena, theo, ada)
    _crowd(w, learners)
    client = client_for(theo)
    with django_assert_max_num_queries(24):
        response = client.get(reverse("learning:trainer", args=[w.run.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('class="learner-col"><span class="learner-name">Learner') == learners
    assert "<svg" in page
    assert "Score distribution as a table" in page


@pytest.mark.parametrize("runs", [1, 8])
def test_the_learner_pages_run_a_bounded_number_of_queries(
    lena: User, theo: User, ada: User, runs: int, django_assert_max_num_queries: Any
) -> None:
    from tests.web.catalog import factories

    w = h.world(lena, theo, ada)
    for _ in range(runs - 1):
        h.enrol(factories.run(w.run.course), lena)
    client = client_for(lena)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("learning:index")).status_code == 200
    with django_assert_max_num_queries(17):  # the academy's own lessons are read once more
        assert client.get(reverse("learning:run", args=[w.run.pk])).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("learning:quiz", args=[w.run.pk, h.MODULE])).status_code == 200


def test_the_trainer_view_shows_statistics_reliability_and_items_to_review(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada, quiz_size=100)  # every attempt draws the whole pool
    _crowd(w, 12)
    page = client_for(ada).get(reverse("learning:trainer", args=[w.run.pk])).content.decode()
    assert "24 finished attempts" in page
    assert "KR-20" in page or "Cronbach" in page
    assert "shown from 10 responses" not in page  # 24 responses per item
    assert "Items to review" in page


def test_the_case_page_runs_a_bounded_number_of_queries_however_long_the_path(
    lena: User, theo: User, ada: User, django_assert_max_num_queries: Any
) -> None:
    w = h.world(lena, theo, ada)
    CourseModule.objects.create(course=w.run.course, module_id="patient_selection", position=2)
    case = content.case_for(w.run.course, "case_good_candidate_jowl")
    client = client_for(lena)
    url = reverse("learning:case", args=[w.run.pk, case.id])
    client.post(url)
    with django_assert_max_num_queries(12):
        client.get(url)
    step_id = case.start
    while step_id in case.steps:  # a long path: every consequence step the case has
        step = case.steps[step_id]
        choice = next((c for c in step.choices if c.next.endswith("b")), step.best)
        client.post(url, {"choice": choice.id})
        step_id = choice.next
    with django_assert_max_num_queries(12):
        page = client.get(url).content.decode()
    assert "Case completed" in page
