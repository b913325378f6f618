"""Standard setting (modified Angoff), hotspot items without the answer drawn, and what a
learner, trainer and admin tripped over: raw ids and internal references on the statistics page,
academy lessons missing from the progress count, progress per run, the progress grid."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from academy.accounts.models import Role, User
from academy.authoring.models import AuthoredLesson, Status
from academy.authoring.services import save_item
from academy.learning import content
from academy.learning.models import AngoffJudgement, Attempt, CourseModule, PassStandard
from academy.learning.statistics import item_text
from tests.web.catalog import factories
from tests.web.conftest import client_for, make_user
from tests.web.learning import helpers as h
from threadlift.anatomy.svg import ZONE_LABELS
from threadlift.content.authored import lesson_text
from threadlift.content.forms import policy

pytestmark = pytest.mark.django_db


def _items(n: int) -> list[Any]:
    return list(h.pool().values())[:n]


def _judge(client: Any, w: h.World, values: dict[str, str]) -> Any:
    url = reverse("learning:standard", args=[w.run.pk, h.MODULE])
    return client.post(url, {f"item__{k}": v for k, v in values.items()})


def test_trainers_enter_angoff_judgements_and_the_page_shows_the_cut_score_judges_and_spread(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    first, second = _items(2)
    assert _judge(client_for(theo), w, {first.id: "60", second.id: "40"}).status_code == 302
    assert _judge(client_for(ada), w, {first.id: "80", second.id: "60"}).status_code == 302
    page = client_for(theo).get(reverse("learning:standard", args=[w.run.pk, h.MODULE]))
    text = page.content.decode()
    assert "<strong>60.0%</strong> from <strong>2 judges</strong> on 2 items" in text
    assert "SD 10.0, range 50.0–70.0%" in text
    assert 'value="60"' in text  # the trainer's own value comes back
    stats = client_for(theo).get(reverse("learning:trainer", args=[w.run.pk])).content.decode()
    assert "panel cut score <strong>60%</strong> from 2 judges" in stats


def test_angoff_values_outside_0_to_100_give_field_messages_and_nothing_is_stored(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    first, second, third = _items(3)
    response = _judge(client_for(theo), w, {first.id: "101", second.id: "-5", third.id: "abc"})
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("Give a percentage from 0 to 100.") == 3
    assert f'id="item__{first.id}-error"' in page
    assert 'value="101"' in page
    assert not AngoffJudgement.objects.exists()
    half = _judge(client_for(theo), w, {first.id: "55.5"})
    assert "Give a whole percentage from 0 to 100." in half.content.decode()


def test_an_angoff_module_sets_each_form_s_pass_mark_from_its_items_judgements(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    CourseModule.objects.filter(course=w.run.course).update(standard=PassStandard.ANGOFF)
    _judge(client_for(theo), w, {q.id: "40" for q in h.pool().values()})
    client = client_for(lena)
    attempt = h.answer_all(client, h.start(client, w), lambda i, q: h.wrong_answer(q))
    assert attempt.pass_mark == 40
    assert attempt.pass_basis.startswith("modified Angoff: 1 judge, cut score of this form 40%")
    result = client.get(reverse("learning:result", args=[attempt.pk])).content.decode()
    assert "Pass mark: modified Angoff: 1 judge" in result


def test_an_angoff_module_without_judgements_keeps_the_fixed_mark_and_says_so(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada, pass_mark=65)
    CourseModule.objects.filter(course=w.run.course).update(standard=PassStandard.ANGOFF)
    attempt = h.start(client_for(lena), w)
    assert attempt.pass_mark == 65
    assert attempt.pass_basis == "fixed mark, our policy: no Angoff judgements yet"


def test_only_the_run_s_trainers_and_admins_set_the_standard(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    url = reverse("learning:standard", args=[w.run.pk, h.MODULE])
    stranger = make_user("other.trainer@example.org", "Other Trainer", Role.TRAINER)
    assert client_for(stranger).get(url).status_code == 404
    assert client_for(lena).get(url).status_code == 403
    assert _judge(client_for(stranger), w, {_items(1)[0].id: "50"}).status_code == 404
    assert not AngoffJudgement.objects.exists()


def test_the_standard_page_and_the_statistics_run_a_bounded_number_of_queries(
    lena: User, theo: User, ada: User, django_assert_max_num_queries: Any
) -> None:
    w = h.world(lena, theo, ada)
    _judge(client_for(theo), w, {q.id: "50" for q in _items(5)})
    client = client_for(theo)
    with django_assert_max_num_queries(14):
        assert (
            client.get(reverse("learning:standard", args=[w.run.pk, h.MODULE])).status_code == 200
        )
    with django_assert_max_num_queries(25):
        assert client.get(reverse("learning:trainer", args=[w.run.pk])).status_code == 200


def _hotspot_attempt(w: h.World) -> tuple[Attempt, Any]:
    client = client_for(w.learner)
    attempt = h.start(client, w)
    hotspot = next(q for q in h.pool().values() if q.kind == "hotspot")
    attempt.items = [{"id": hotspot.id, "options": []}, *attempt.items[1:]]
    attempt.save()
    return attempt, hotspot


def test_a_hotspot_item_shows_the_face_without_any_zone_fill_outline_or_label(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    attempt, _ = _hotspot_attempt(w)
    page = client_for(lena).get(reverse("learning:attempt", args=[attempt.pk])).content.decode()
    start = page.index('<svg class="hotspot-face"')
    svg = page[start : page.index("</svg>", start)]
    assert "data-hotspot" in svg
    for marker in ("data-zone", "zone-piece", "zone-group", "zone-labels", "danger zone"):
        assert marker not in svg
    for label in ZONE_LABELS.values():
        assert label not in svg
    for zone in content.kb().danger_zones:
        assert zone.name not in svg


def test_hotspot_feedback_shows_the_target_the_click_and_the_tolerance_policy(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    attempt, item = _hotspot_attempt(w)
    client = client_for(lena)
    h.answer(client, attempt, 0, {"x": "-900", "y": "-900"})
    for position, entry in enumerate(attempt.items[1:], start=1):
        h.answer(client, attempt, position, h.wrong_answer(h.pool()[entry["id"]]))
    page = client.get(reverse("learning:result", args=[attempt.pk])).content.decode()
    assert 'class="target"' in page
    assert "Your click: (-900.0, -900.0) mm" in page
    assert "off the drawing" in page
    if item.answer.inside:
        tolerance = f"{policy().hotspot_tolerance_mm:g}"
        assert f"A click within {tolerance} mm of the target's edge counts too (our policy" in page
        assert 'class="tolerance"' in page


def test_the_item_statistics_show_stems_and_the_angoff_values_not_raw_ids(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    attempt = h.answer_all(client, h.start(client, w), lambda i, q: h.wrong_answer(q))
    first = h.pool()[attempt.items[0]["id"]]
    _judge(client_for(theo), w, {first.id: "70"})
    page = client_for(theo).get(reverse("learning:trainer", args=[w.run.pk])).content.decode()
    for entry in attempt.items:
        assert f">{entry['id']}<" not in page
    assert escape(item_text(first))[:40] in page  # the stem in words, as the template escapes it
    assert "Angoff" in page
    assert "70% <span" in page


def test_no_page_or_shown_data_mentions_an_internal_work_reference() -> None:
    pattern = re.compile(r"\bissues? #?\d+", re.IGNORECASE)
    templates = Path(settings.BASE_DIR) / "src" / "academy" / "templates"
    if not templates.exists():
        templates = Path(__file__).resolve().parents[3] / "src" / "academy" / "templates"
    offenders = [
        str(path)
        for path in templates.rglob("*.html")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    from threadlift.content.stats import thresholds

    assert not pattern.search(thresholds().source)


def test_the_trainer_page_mentions_no_internal_work_reference(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    page = client_for(theo).get(reverse("learning:trainer", args=[w.run.pk])).content.decode()
    assert not re.search(r"\bissues? #?\d+", page, re.IGNORECASE)


def _publish_lesson(w: h.World) -> None:
    provider = w.run.course.provider
    front = {
        "module": h.MODULE,
        "title": "Our own danger-zone drill",
        "outcomes": [content.curriculum().module(h.MODULE).outcomes[0].id],
        "sources": ["R1"],
        "minutes": 5,
    }
    lesson = AuthoredLesson(provider=provider, slug="our_drill", module_id=h.MODULE)
    lesson.source = lesson_text(front, "## Drill\n\nPractise the layers. [R1]\n")
    save_item(lesson, author=provider.admins.first(), status=Status.PUBLISHED, references=[])


def test_an_academy_lesson_counts_in_the_progress_as_it_is_listed(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    _publish_lesson(w)
    lessons = content.lessons_for(w.run.course, h.MODULE)
    assert any(lesson.title == "Our own danger-zone drill" for lesson in lessons)
    page = client_for(lena).get(reverse("learning:run", args=[w.run.pk])).content.decode()
    assert f"0 / {len(lessons)}" in page
    own = next(lesson for lesson in lessons if lesson.title == "Our own danger-zone drill")
    client_for(lena).post(reverse("learning:lesson", args=[w.run.pk, own.id]))
    grid = client_for(theo).get(reverse("learning:trainer", args=[w.run.pk])).content.decode()
    assert f"1/{len(lessons)} read" in grid


def test_progress_is_per_run_and_both_pages_say_so(lena: User, theo: User, ada: User) -> None:
    w = h.world(lena, theo, ada)
    client = client_for(lena)
    h.answer_all(client, h.start(client, w), lambda i, q: h.right_answer(q))
    other = factories.run(w.run.course)
    other.trainers.add(theo)
    h.enrol(other, lena)
    grid = client_for(theo).get(reverse("learning:trainer", args=[other.pk])).content.decode()
    assert "Progress is counted per run" in grid
    assert 'no exam<span class="sr-only"> in this run</span>' in grid
    own = client.get(reverse("learning:run", args=[other.pk])).content.decode()
    assert "Progress is counted for this run" in own


def test_the_progress_grid_keeps_names_on_one_line_and_scrolls_instead_of_clipping(
    lena: User, theo: User, ada: User
) -> None:
    w = h.world(lena, theo, ada)
    page = client_for(theo).get(reverse("learning:trainer", args=[w.run.pk])).content.decode()
    assert 'class="table-wrap progress-wrap" tabindex="0" role="region"' in page
    assert '<th scope="row" class="learner-col"><span class="learner-name">' in page
    css = (Path(__file__).resolve().parents[3] / "src/academy/static/css/site.css").read_text()
    assert ".progress-table .learner-col { position: sticky;" in css
