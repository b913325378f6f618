"""Academies write their own questions, lessons and cases: access, editors, preview, pool."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from academy.accounts.models import Role, User
from academy.authoring.models import (
    AuthoredCase,
    AuthoredLesson,
    AuthoredQuestion,
    StatedReference,
    Status,
)
from academy.authoring.pool import cases_for, lessons_for, questions_for, references_for
from academy.authoring.services import save_item
from academy.catalog.models import Provider
from tests.web.catalog import factories as f
from tests.web.conftest import client_for, make_user
from threadlift.content import DATA_DIR
from threadlift.content.authored import to_yaml

pytestmark = pytest.mark.django_db


@pytest.fixture
def academy(ada: User, theo: User) -> Provider:
    """Ada administers it; Theo teaches one of its runs."""
    provider = f.provider(admins=[ada], name="Harbour Academy")
    f.run(f.course(provider)).trainers.set([theo])
    return provider


@pytest.fixture
def other_admin(db: None) -> User:
    user = make_user("olga@example.org", "Olga Other", Role.ACADEMY_ADMIN)
    f.provider(admins=[user], name="Other Academy")
    return user


@pytest.fixture
def other_trainer(db: None) -> User:
    user = make_user("otto@example.org", "Otto Other", Role.TRAINER)
    f.run().trainers.set([user])
    return user


def question_post(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "slug": "day3_swelling",
        "module": "complications",
        "outcome": "comp_common",
        "kind": "single",
        "difficulty": "1",
        "stem": "On day 3 there is swelling and bruising only. How urgent is it?",
        "option_0_text": "Routine",
        "option_0_correct": "on",
        "option_0_why": "Expected and settles. [R1]",
        "option_1_text": "Emergency",
        "option_1_why": "No red flag. [R58]",
        "option_2_text": "Same day",
        "option_2_why": "No sign of infection. [R58]",
        "option_3_text": "Remove the threads",
        "option_3_why": "Not for expected swelling. [R1]",
        "explanation": "Swelling and bruising are the commonest effects and settle. [R1]",
        "sources": "R1, R58",
        "action": "preview",
    }
    data.update(changes)
    return data


def new_url(provider: Provider, kind: str = "question") -> str:
    return reverse("authoring:new", args=[provider.pk, kind])


def a_question(provider: Provider, slug: str = "q1", status: str = Status.PUBLISHED) -> Any:
    data = {
        "module": "complications",
        "outcome": "comp_common",
        "kind": "single",
        "difficulty": 1,
        "stem": f"Item {slug}?",
        "options": [
            {"id": x, "text": x, "correct": x == "a", "why": f"Because. [R1] {x}"} for x in "abcd"
        ],
        "explanation": "Explained. [R1]",
        "sources": ["R1"],
    }
    item = AuthoredQuestion(provider=provider, slug=slug, module_id="complications")
    item.source = to_yaml(data)
    save_item(item, author=provider.admins.first(), status=status, references=[])
    return item


# ------------------------------------------------------------------ access


def test_an_anonymous_visitor_is_sent_to_log_in(academy: Provider) -> None:
    for url in (
        reverse("authoring:index"),
        reverse("authoring:provider", args=[academy.pk]),
        new_url(academy),
        reverse("authoring:references", args=[academy.pk]),
    ):
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_a_learner_and_a_verifier_are_refused(academy: Provider, lena: User, vera: User) -> None:
    for user in (lena, vera):
        client = client_for(user)
        assert client.get(reverse("authoring:index")).status_code == 403
        assert client.get(new_url(academy)).status_code == 403
        assert client.post(new_url(academy), question_post(action="draft")).status_code == 403
    assert not AuthoredQuestion.objects.exists()


def test_the_dashboard_leads_admins_and_trainers_to_their_content(
    academy: Provider, ada: User, theo: User, lena: User
) -> None:
    link = reverse("authoring:index")
    for user in (ada, theo):
        assert link in client_for(user).get(reverse("core:dashboard")).content.decode()
    assert link not in client_for(lena).get(reverse("core:dashboard")).content.decode()


def test_the_academys_admin_and_its_trainer_may_write(
    academy: Provider, ada: User, theo: User
) -> None:
    for user in (ada, theo):
        client = client_for(user)
        assert client.get(reverse("authoring:provider", args=[academy.pk])).status_code == 200
        for kind in ("question", "lesson", "case"):
            assert client.get(new_url(academy, kind)).status_code == 200


def test_another_academys_admin_and_trainer_get_404(
    academy: Provider, other_admin: User, other_trainer: User
) -> None:
    item = a_question(academy)
    for user in (other_admin, other_trainer):
        client = client_for(user)
        assert client.get(reverse("authoring:provider", args=[academy.pk])).status_code == 404
        assert client.get(new_url(academy)).status_code == 404
        edit = reverse("authoring:edit", args=[academy.pk, "question", item.pk])
        assert client.get(edit).status_code == 404
        assert client.post(edit, question_post(action="retire")).status_code == 404
        refs = reverse("authoring:references", args=[academy.pk])
        assert client.post(refs, {"citation": "x"}).status_code == 404
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    assert not StatedReference.objects.exists()


def test_an_item_is_reached_only_through_its_own_academy(
    academy: Provider, ada: User, other_admin: User
) -> None:
    theirs = a_question(Provider.objects.get(admins=other_admin))
    url = reverse("authoring:edit", args=[academy.pk, "question", theirs.pk])
    assert client_for(ada).get(url).status_code == 404


def test_an_unknown_kind_is_404(academy: Provider, ada: User) -> None:
    assert client_for(ada).get(new_url(academy, "poem")).status_code == 404


# ------------------------------------------------------------------ editing


def test_a_wrong_option_without_why_shows_the_message_at_that_field_and_keeps_the_text(
    academy: Provider, ada: User
) -> None:
    response = client_for(ada).post(
        new_url(academy), question_post(option_2_why="", action="publish")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["option_2_why"] == ["Field required"]
    assert "No sign of infection" not in response.content.decode()
    assert form["stem"].value().startswith("On day 3")
    assert not AuthoredQuestion.objects.exists()


def test_an_empty_option_row_between_filled_ones_keeps_the_message_at_its_own_row(
    academy: Provider, ada: User
) -> None:
    data = question_post(option_1_text="", option_1_why="")
    data.update(option_4_text="Late", option_4_why="")
    response = client_for(ada).post(new_url(academy), data)
    assert response.context["form"].errors["option_4_why"] == ["Field required"]


def test_an_unknown_source_is_shown_at_sources(academy: Provider, ada: User) -> None:
    response = client_for(ada).post(new_url(academy), question_post(sources="R1, R58, NOPE-1"))
    assert response.context["form"].errors["sources"] == ["sources.2: unknown source 'NOPE-1'"]


def test_a_draft_is_saved_with_its_problems_and_listed(academy: Provider, ada: User) -> None:
    client = client_for(ada)
    response = client.post(new_url(academy), question_post(option_2_why="", action="draft"))
    item = AuthoredQuestion.objects.get()
    assert response.status_code == 302
    assert item.status == Status.DRAFT
    assert item.problems == [["options.2.why", "Field required"]]
    assert item.author == ada
    page = client.get(reverse("authoring:provider", args=[academy.pk])).content.decode()
    assert "1 problem" in page
    edit = client.get(response["Location"])
    assert edit.context["form"]["option_3_text"].value() == "Remove the threads"


def test_publishing_a_valid_question_keeps_its_history(academy: Provider, ada: User) -> None:
    client = client_for(ada)
    response = client.post(new_url(academy), question_post(action="draft"))
    item = AuthoredQuestion.objects.get()
    client.post(response["Location"], question_post(action="publish"))
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    assert item.problems == []
    assert [h.status for h in item.history.order_by("history_date")] == ["draft", "published"]
    assert [q.id for q in questions_for(academy.pk)] == [f"acad{academy.pk}_day3_swelling"]


def test_a_short_name_is_unique_in_the_academy(academy: Provider, ada: User) -> None:
    a_question(academy, slug="day3_swelling")
    response = client_for(ada).post(new_url(academy), question_post(action="draft"))
    assert "slug" in response.context["form"].errors


def test_the_preview_shows_the_item_with_explanations_and_labels_a_stated_reference(
    academy: Provider, ada: User
) -> None:
    StatedReference.objects.create(provider=academy, number=1, citation="Our handbook, 2025")
    data = question_post(sources="R1, R58, ACAD-1", option_0_why="Our protocol. [ACAD-1]")
    response = client_for(ada).post(new_url(academy), data)
    page = response.content.decode()
    assert response.context["result"].ok
    assert "No problems: ready to publish" in page
    assert "Our protocol." in page
    assert "Swelling and bruising are the commonest" in page
    assert 'href="#ref-ACAD-1"' in page
    assert "Reference given by the academy, not checked by Threadlift" in page


def test_a_hotspot_is_written_by_picking_the_view_and_regions(academy: Provider, ada: User) -> None:
    data = question_post(
        kind="hotspot",
        module="safe_technique",
        outcome="tech_entry_path",
        view="lateral-left",
        answer_inside=["preauricular"],
        outside_all_zones="on",
        sources="R1",
        explanation="Enter at the fixing point. [R1]",
    )
    for i in range(4):
        data.pop(f"option_{i}_text"), data.pop(f"option_{i}_why")
    response = client_for(ada).post(new_url(academy), data)
    assert response.context["result"].ok, response.context["result"].problems
    page = response.content.decode()
    assert "<svg" in page
    assert 'class="hotspot-answer"' in page  # the correct region is outlined


def test_a_hotspot_answer_region_that_is_a_danger_zone_is_refused_at_the_regions(
    academy: Provider, ada: User
) -> None:
    data = question_post(
        kind="hotspot",
        view="frontal",
        answer_inside=["facial_artery"],
        outside_all_zones="on",
        sources="R1",
    )
    for i in range(4):
        data.pop(f"option_{i}_text"), data.pop(f"option_{i}_why")
    response = client_for(ada).post(new_url(academy), data)
    assert response.context["form"].errors["answer_inside"] == [
        "answer.inside.0: 'facial_artery' is a danger zone, but the answer is outside all zones"
    ]


def test_a_lesson_is_written_as_markdown_and_previewed_through_the_lesson_renderer(
    academy: Provider, theo: User
) -> None:
    data = {
        "slug": "our_aftercare",
        "module": "complications",
        "title": "Our aftercare call",
        "outcomes": ["comp_common"],
        "sources": "R1",
        "minutes": "5",
        "body": "## Day 3\n\nSwelling settles. [R1]\n\nA point not confirmed. {{unconfirmed}}\n",
        "action": "publish",
    }
    client = client_for(theo)
    response = client.post(new_url(academy, "lesson"), data)
    assert response.status_code == 302
    lesson = AuthoredLesson.objects.get()
    assert lesson.author == theo
    [core] = lessons_for(academy.pk, "complications")
    assert core.title == "Our aftercare call"
    page = client.post(response["Location"], {**data, "action": "preview"}).content.decode()
    assert "<h2>Day 3</h2>" in page
    assert "Unconfirmed" in page


def test_a_lesson_body_problem_is_shown_at_the_body(academy: Provider, ada: User) -> None:
    data = {
        "slug": "x",
        "module": "complications",
        "title": "T",
        "outcomes": ["comp_common"],
        "sources": "R1",
        "minutes": "5",
        "body": "Text. [R1]\n\n{{record complications/nope}}\n",
    }
    response = client_for(ada).post(new_url(academy, "lesson"), data)
    assert response.context["form"].errors["body"] == [
        "body.line 3: no knowledge record complications/nope"
    ]


def _case_text(**changes: Any) -> str:
    text = (DATA_DIR / "cases" / "case_active_infection.yaml").read_text(encoding="utf-8")
    return text.replace("id: case_active_infection\n", "")


def test_a_case_is_written_as_yaml_and_published(academy: Provider, ada: User) -> None:
    data = {"slug": "infection", "module": "patient_selection", "source_text": _case_text()}
    response = client_for(ada).post(new_url(academy, "case"), {**data, "action": "publish"})
    assert response.status_code == 302
    assert [c.id for c in cases_for(academy.pk)] == [f"acad{academy.pk}_infection"]


def test_a_case_preview_shows_its_endings(academy: Provider, ada: User) -> None:
    data = {"slug": "infection", "module": "patient_selection", "source_text": _case_text()}
    response = client_for(ada).post(new_url(academy, "case"), {**data, "action": "preview"})
    page = response.content.decode()
    assert "Ending <code>abscess</code> · poor" in page
    assert "Defensible" not in page  # this case has none; the best choices are marked
    assert ">Best<" in page


def test_a_case_whose_suitability_answer_disagrees_with_the_engine_is_refused(
    academy: Provider, ada: User
) -> None:
    text = (
        _case_text()
        .replace(
            "verdict: caution\n        correct: false", "verdict: caution\n        correct: true"
        )
        .replace(
            "verdict: not_suitable\n        correct: true",
            "verdict: not_suitable\n        correct: false",
        )
    )
    data = {"slug": "infection", "module": "patient_selection", "source_text": text}
    response = client_for(ada).post(new_url(academy, "case"), {**data, "action": "publish"})
    assert response.status_code == 200
    errors = response.context["form"].errors["source_text"]
    assert any("the assessment engine says" in e for e in errors)
    assert not AuthoredCase.objects.exists()
    assert "Step" in response.content.decode()  # the preview still shows the case


def test_an_academy_states_a_reference_and_gets_the_next_id(academy: Provider, ada: User) -> None:
    url = reverse("authoring:references", args=[academy.pk])
    client = client_for(ada)
    client.post(url, {"citation": "Our handbook, 2025"})
    client.post(url, {"citation": "Our protocol sheet"})
    assert references_for(academy.pk) == {
        "ACAD-1": "Our handbook, 2025",
        "ACAD-2": "Our protocol sheet",
    }
    assert "citation" in client.post(url, {"citation": ""}).context["form"].errors


# ------------------------------------------------------------------ pool and lists


def test_the_pool_gives_only_this_academys_published_items(
    academy: Provider, other_admin: User
) -> None:
    other = Provider.objects.get(admins=other_admin)
    a_question(academy, "mine")
    a_question(academy, "draft", status=Status.DRAFT)
    a_question(other, "theirs")
    assert [q.id for q in questions_for(academy.pk)] == [f"acad{academy.pk}_mine"]
    assert [q.id for q in questions_for(other.pk, "complications")] == [f"acad{other.pk}_theirs"]
    assert questions_for(academy.pk, "aftercare") == []


def test_the_pool_runs_a_bounded_number_of_queries(
    academy: Provider, django_assert_max_num_queries: Any
) -> None:
    for i in range(12):
        a_question(academy, f"q{i}")
    with django_assert_max_num_queries(2):
        assert len(questions_for(academy.pk)) == 12


def test_the_content_list_runs_a_bounded_number_of_queries(
    academy: Provider, ada: User, django_assert_max_num_queries: Any
) -> None:
    for i in range(15):
        a_question(academy, f"q{i}", status=Status.DRAFT if i % 2 else Status.PUBLISHED)
    client = client_for(ada)
    url = reverse("authoring:provider", args=[academy.pk])
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.content.decode().count("Item q") == 15


def test_the_demo_academy_has_two_published_questions_and_a_draft_with_a_problem() -> None:
    call_command("load_demo", force=True)
    provider = Provider.objects.get(slug="harbour-aesthetics")
    published = questions_for(provider.pk)
    assert len(published) == 2
    assert any("ACAD-1" in q.sources for q in published)
    draft = AuthoredQuestion.objects.get(provider=provider, status=Status.DRAFT)
    assert draft.problems


def test_the_advanced_view_edits_the_text_and_checks_the_module_matches(
    academy: Provider, ada: User
) -> None:
    client = client_for(ada)
    url = new_url(academy) + "?view=text"
    example = client.get(url).context["form"]["source_text"].value()
    data = {"slug": "x", "module": "aftercare", "source_text": example, "editor": "text"}
    response = client.post(url, {**data, "action": "publish"})
    assert response.context["form"].errors["module"] == [
        "The text places the question in complications."
    ]
    data["module"] = "complications"
    response = client.post(url, {**data, "action": "publish"})
    assert response.status_code == 302
    edit = client.get(response["Location"])
    assert edit.context["form"]["stem"].value().startswith("On day 3")  # back in the fields


def test_a_published_item_can_be_retired_and_leaves_the_pool(academy: Provider, ada: User) -> None:
    item = a_question(academy)
    url = reverse("authoring:edit", args=[academy.pk, "question", item.pk])
    client = client_for(ada)
    data = client.get(url).context["form"].initial
    post = {k: v for k, v in data.items() if v not in (None, False)}
    post["option_0_correct"] = "on"
    response = client.post(url, {**post, "action": "retire"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.RETIRED
    assert questions_for(academy.pk) == []


def test_unparseable_text_is_a_message_not_a_crash(academy: Provider, ada: User) -> None:
    for text in ("options: [unclosed", "!!python/object:os.system ls", "- a\n- b", "x" * 5000):
        data = {"slug": "x", "module": "complications", "source_text": text, "editor": "text"}
        response = client_for(ada).post(new_url(academy, "case"), {**data, "action": "publish"})
        assert response.status_code == 200
        assert response.context["form"].errors["source_text"]


def test_the_index_and_the_references_run_a_bounded_number_of_queries(
    academy: Provider, ada: User, theo: User, django_assert_max_num_queries: Any
) -> None:
    for _ in range(6):
        f.run(f.course(f.provider(admins=[ada]))).trainers.set([theo])
    for n in range(1, 13):
        StatedReference.objects.create(provider=academy, number=n, citation=f"Ref {n}")
    client = client_for(ada)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("authoring:index")).content.decode().count("Academy ") >= 6
    with django_assert_max_num_queries(12):
        page = client.get(reverse("authoring:references", args=[academy.pk])).content.decode()
    assert "ACAD-12" in page


def test_a_saved_item_opens_with_its_preview_and_its_history(academy: Provider, ada: User) -> None:
    client = client_for(ada)
    response = client.post(new_url(academy), question_post(option_2_why="", action="draft"))
    client.post(response["Location"], question_post(action="publish"))
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.context["preview"] is not None
    assert "Swelling and bruising are the commonest effects" in html
    assert [h.status for h in page.context["history"]] == ["published", "draft"]
    assert "Ada Admin" in html
