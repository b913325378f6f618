"""Learner evaluations: the form, one submission per enrolment, the certificate waits for it,
results for the academy (counts, CSV), bounded queries, and who is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import Role, User
from academy.catalog.models import CourseRun, Enrolment
from academy.credentials import rules
from academy.credentials.models import CertificatePolicy, CompletionRule, Credential
from academy.evaluations.models import EvaluationQuestion, EvaluationSubmission
from academy.evaluations.services import questions_ensure
from tests.web.builders import page_text
from tests.web.catalog import factories
from tests.web.conftest import client_for, make_user

pytestmark = pytest.mark.django_db


def finished_run(ada: User) -> CourseRun:
    provider = factories.provider(admins=[ada])
    course = factories.course(provider)
    ended = timezone.localdate() - dt.timedelta(days=2)
    return factories.run(
        course,
        starts_on=ended,
        ends_on=ended,
        enrolment_opens=timezone.now() - dt.timedelta(days=30),
        enrolment_closes=timezone.now() - dt.timedelta(days=10),
    )


def answers_for(run: CourseRun, *, bias: str = "no", change: str = "Mark the artery.") -> dict:
    data = {}
    for q in questions_ensure(course=run.course):
        value = {"scale": "4", "yes_no": bias, "text": change}[q.kind]
        data[f"q{q.pk}"] = value
    return data


def enrol(run: CourseRun, learner: User) -> Enrolment:
    return Enrolment.objects.create(run=run, learner=learner, status="enrolled")


def test_a_course_gets_the_default_questions_with_sources(ada: User) -> None:
    run = finished_run(ada)
    questions = questions_ensure(course=run.course)
    texts = " ".join(q.text for q in questions)
    assert "relevant to my practice" in texts
    assert "commercial bias" in texts
    assert all(q.source_list for q in questions)


def test_the_learner_evaluates_once_and_the_certificate_follows(
    ada: User, lena: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    run = finished_run(ada)
    enrolment = enrol(run, lena)
    CompletionRule.objects.create(course=run.course, kind="run_completed", label="Run over")
    CertificatePolicy.objects.create(course=run.course, approval_required=False)
    client = client_for(lena)
    checklist = client.get(reverse("credentials:checklist", args=[enrolment.pk]))
    assert "Evaluation: to do" in page_text(checklist.content)
    assert reverse("evaluations:evaluate", args=[enrolment.pk]) in checklist.content.decode()
    url = reverse("evaluations:evaluate", args=[enrolment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, answers_for(run))
    assert response.status_code == 302
    assert all(item.met for item in rules.checklist(enrolment))
    assert Credential.objects.filter(learner=lena).count() == 1
    again = client.post(url, answers_for(run, change="A second time"))
    assert again.status_code == 200  # the page says it is done; nothing more is stored
    assert EvaluationSubmission.objects.filter(enrolment=enrolment).count() == 1
    assert "You evaluated this course" in page_text(again.content)


def test_missing_or_bad_answers_get_field_messages_and_lose_nothing(ada: User, lena: User) -> None:
    run = finished_run(ada)
    enrolment = enrol(run, lena)
    data = answers_for(run, change="Keep this text")
    scale = next(k for k, v in data.items() if v == "4")
    data[scale] = "9"
    bias = next(k for k, v in data.items() if v == "no")
    data.pop(bias)
    response = client_for(lena).post(reverse("evaluations:evaluate", args=[enrolment.pk]), data)
    assert response.status_code == 200
    text = page_text(response.content)
    assert "Select a valid choice" in text
    assert "This field is required" in text
    assert "Keep this text" in response.content.decode()
    assert not EvaluationSubmission.objects.exists()


def test_a_learner_sees_only_their_own_form(ada: User, lena: User, nora: User) -> None:
    run = finished_run(ada)
    enrolment = enrol(run, lena)
    url = reverse("evaluations:evaluate", args=[enrolment.pk])
    assert client_for(nora).get(url).status_code == 404
    assert client_for(nora).post(url, answers_for(run)).status_code == 404
    assert client_for(None).get(url).status_code == 302
    assert not EvaluationSubmission.objects.exists()


def test_the_academy_reads_counts_distributions_and_free_text(
    ada: User, lena: User, nora: User
) -> None:
    run = finished_run(ada)
    for learner, bias in ((lena, "no"), (nora, "yes")):
        enrolment = enrol(run, learner)
        client_for(learner).post(
            reverse("evaluations:evaluate", args=[enrolment.pk]),
            answers_for(run, bias=bias, change=f"{learner.full_name} will change"),
        )
    page = client_for(ada).get(reverse("evaluations:results", args=[run.pk]))
    text = page_text(page.content)
    assert "2 of 2 enrolled learners" in text
    assert "Dr Lena Learner will change" in text
    assert "mean 4.0 of 5" in text
    csv = client_for(ada).get(reverse("evaluations:results_csv", args=[run.pk]))
    assert csv["Content-Type"].startswith("text/csv")
    body = csv.content.decode()
    assert "Nora Nurse will change" in body
    assert "lena@example.org" not in body


def test_csv_cells_that_look_like_formulas_are_neutralised(ada: User, lena: User) -> None:
    run = finished_run(ada)
    enrolment = enrol(run, lena)
    client_for(lena).post(
        reverse("evaluations:evaluate", args=[enrolment.pk]),
        answers_for(run, change="=HYPERLINK(1)"),
    )
    body = client_for(ada).get(reverse("evaluations:results_csv", args=[run.pk])).content.decode()
    assert "'=HYPERLINK(1)" in body


def test_another_academys_admin_and_learners_are_refused(ada: User, lena: User) -> None:
    run = finished_run(ada)
    bob = make_user("bob@example.org", "Bob Other-Academy", Role.ACADEMY_ADMIN)
    for name, arg in (
        ("evaluations:results", run.pk),
        ("evaluations:results_csv", run.pk),
        ("evaluations:questions", run.course.pk),
    ):
        url = reverse(name, args=[arg])
        assert client_for(bob).get(url).status_code == 404, name
        assert client_for(lena).get(url).status_code == 403, name
        assert client_for(ada).get(url).status_code == 200, name


def test_the_academy_admin_edits_the_questions(ada: User) -> None:
    run = finished_run(ada)
    questions = questions_ensure(course=run.course)
    url = reverse("evaluations:questions", args=[run.course.pk])
    data = {
        "form-TOTAL_FORMS": str(len(questions) + 1),
        "form-INITIAL_FORMS": str(len(questions)),
        "form-MAX_NUM_FORMS": "30",
    }
    for i, q in enumerate(questions):
        data.update(
            {
                f"form-{i}-id": str(q.pk),
                f"form-{i}-position": str(q.position),
                f"form-{i}-kind": q.kind,
                f"form-{i}-text": q.text,
                f"form-{i}-required": "on" if q.required else "",
            }
        )
    data[f"form-{len(questions) - 1}-DELETE"] = "on"
    n = len(questions)
    data.update({f"form-{n}-position": "9", f"form-{n}-kind": "scale", f"form-{n}-text": ""})
    response = client_for(ada).post(url, data)
    assert response.status_code == 200  # a new question without text
    assert "This field is required" in page_text(response.content)
    data[f"form-{n}-text"] = "The hands-on time was enough."
    assert client_for(ada).post(url, data).status_code == 302
    texts = list(
        EvaluationQuestion.objects.filter(course=run.course).values_list("text", flat=True)
    )
    assert "The hands-on time was enough." in texts
    assert questions[-1].text not in texts


@pytest.mark.parametrize("page", ["results", "evaluate"])
def test_the_pages_make_no_more_queries_with_more_submissions(
    ada: User, lena: User, page: str
) -> None:
    run = finished_run(ada)
    mine = enrol(run, lena)

    def submit(count: int) -> None:
        for _ in range(count):
            learner = make_user(
                f"l{EvaluationSubmission.objects.count()}@example.org", "L", Role.LEARNER
            )
            enrolment = enrol(run, learner)
            client_for(learner).post(
                reverse("evaluations:evaluate", args=[enrolment.pk]), answers_for(run)
            )

    def count() -> int:
        user, url = (
            (ada, reverse("evaluations:results", args=[run.pk]))
            if page == "results"
            else (lena, reverse("evaluations:evaluate", args=[mine.pk]))
        )
        client = client_for(user)
        with CaptureQueriesContext(connection) as counted:
            assert client.get(url).status_code == 200
        return len(counted.captured_queries)

    submit(1)
    small = count()
    submit(4)
    assert count() <= small
