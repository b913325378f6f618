"""Conflict-of-interest declarations: declaring, staffing runs, and what learners are shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from academy.catalog import services
from academy.catalog.models import Declaration, Enrolment
from tests.web.builders import declared, page_text, run_form
from tests.web.catalog import factories
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 7)


def _course(ada: User, theo: User):  # type: ignore[no-untyped-def]
    provider = factories.provider(admins=[ada])
    provider.trainers.add(theo)
    return factories.course(provider, companies="Sinclair\nHansBiomed")


def _relationship(**changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "company": "Sinclair",
        "kind": "speaker",
        "starts_on": timezone.localdate() - dt.timedelta(days=200),
        "ends_on": None,
        "mitigation": "",
    }
    row.update(changes)
    return row


def _post(**rows: str) -> dict[str, str]:
    data = {"rel-TOTAL_FORMS": "2", "rel-INITIAL_FORMS": "0", "rel-MAX_NUM_FORMS": "40"}
    data.update(rows)
    return data


def test_a_trainer_declares_relationships_and_sees_them_current(theo: User) -> None:
    client = client_for(theo)
    response = client.post(
        reverse("catalog:declaration"),
        _post(
            **{
                "rel-0-company": "Sinclair",
                "rel-0-kind": "consultant",
                "rel-0-starts_on": "2025-06-01",
                "rel-0-mitigation": "Content peer reviewed by Dr Ada.",
            }
        ),
    )
    assert response.status_code == 302
    declaration = Declaration.objects.get(person=theo)
    assert [r.company for r in declaration.relationships.all()] == ["Sinclair"]
    assert "Current" in page_text(client.get(reverse("catalog:declaration")).content)


def test_nothing_to_declare_is_a_declaration(theo: User) -> None:
    response = client_for(theo).post(reverse("catalog:declaration"), _post(nothing_to_declare="on"))
    assert response.status_code == 302
    assert Declaration.objects.get(person=theo).nothing_to_declare


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            {
                "rel-0-company": "Sinclair",
                "rel-0-kind": "speaker",
                "rel-0-starts_on": "2025-06-01",
                "rel-0-ends_on": "2025-01-01",
            },
            "cannot end before it starts",
        ),
        (
            {
                "rel-0-company": "Sinclair",
                "rel-0-kind": "speaker",
                "rel-0-starts_on": "2025-01-01",
                "rel-0-ends_on": "2025-08-01",
                "rel-1-company": "sinclair",
                "rel-1-kind": "speaker",
                "rel-1-starts_on": "2025-06-01",
            },
            "overlap",
        ),
        ({}, "confirm that you have none"),
    ],
)
def test_bad_declarations_get_field_messages_and_lose_nothing(
    theo: User, rows: dict[str, str], message: str
) -> None:
    response = client_for(theo).post(reverse("catalog:declaration"), _post(**rows))
    assert response.status_code == 200
    text = page_text(response.content)
    assert message in text
    for value in rows.values():
        assert value in response.content.decode()
    assert not Declaration.objects.exists()


def test_a_learner_has_no_declaration_page(lena: User) -> None:
    assert client_for(lena).get(reverse("catalog:declaration")).status_code == 403


def test_the_service_refuses_a_trainer_without_a_current_declaration(ada: User, theo: User) -> None:
    course = _course(ada, theo)
    run = factories.run(course)
    with pytest.raises(ValidationError, match="not declared"):
        services.run_save(run=run, trainers=[theo], today=timezone.localdate())
    declared(theo, days_ago=400)  # older than the 12 months a declaration stays current
    with pytest.raises(ValidationError, match="declare again"):
        services.run_save(run=run, trainers=[theo], today=timezone.localdate())
    declared(theo)
    services.run_save(run=run, trainers=[theo], today=timezone.localdate())
    assert list(run.trainers.all()) == [theo]


def test_a_relevant_relationship_needs_a_mitigation(ada: User, theo: User) -> None:
    course = _course(ada, theo)
    run = factories.run(course)
    declared(theo, _relationship(company="Sinclair Ltd"))
    with pytest.raises(ValidationError, match="no mitigation"):
        services.run_save(run=run, trainers=[theo], today=timezone.localdate())
    declared(theo, _relationship(mitigation="Slides reviewed by a colleague without ties."))
    services.run_save(run=run, trainers=[theo], today=timezone.localdate())


def test_a_relationship_with_a_company_not_taught_or_long_over_is_not_relevant(
    ada: User, theo: User
) -> None:
    course = _course(ada, theo)
    run = factories.run(course)
    old = timezone.localdate() - dt.timedelta(days=1000)
    declared(
        theo,
        _relationship(company="Another Pharma"),
        _relationship(starts_on=old, ends_on=old + dt.timedelta(days=30)),
    )
    services.run_save(run=run, trainers=[theo], today=timezone.localdate())


def test_the_run_form_says_why_a_trainer_cannot_be_assigned(ada: User, theo: User) -> None:
    course = _course(ada, theo)
    client = client_for(ada)
    url = reverse("catalog:run_create", args=[course.pk])
    response = client.post(url, run_form(trainers=str(theo.pk), city="Harrogate"))
    assert response.status_code == 200
    assert "has not declared" in page_text(response.content)
    assert "Harrogate" in response.content.decode()  # nothing lost
    declared(theo, _relationship(mitigation="Peer review."))
    response = client.post(url, run_form(trainers=str(theo.pk)))
    assert response.status_code == 302
    assert list(course.runs.get().trainers.all()) == [theo]


def test_learners_see_the_disclosures_on_the_run_page_and_in_the_course(
    ada: User, theo: User, lena: User
) -> None:
    course = _course(ada, theo)
    run = factories.run(course)
    declared(theo, _relationship(kind="consultant", mitigation="Peer reviewed by Ada."))
    services.run_save(run=run, trainers=[theo], today=timezone.localdate())
    public = page_text(client_for(None).get(reverse("catalog:run", args=[run.pk])).content)
    assert "Consultant, Sinclair" in public
    assert "Peer reviewed by Ada." in public
    Enrolment.objects.create(run=run, learner=lena, status="enrolled")
    course_page = client_for(lena).get(reverse("learning:run", args=[run.pk]))
    assert "Consultant, Sinclair" in page_text(course_page.content)


def test_an_unpublished_run_shows_its_disclosures_to_nobody_outside(
    ada: User, theo: User, nora: User
) -> None:
    course = _course(ada, theo)
    run = factories.run(course, published=False)
    declared(theo, _relationship(mitigation="Peer review."))
    services.run_save(run=run, trainers=[theo], today=timezone.localdate())
    assert client_for(nora).get(reverse("catalog:run", args=[run.pk])).status_code == 404
    assert client_for(nora).get(reverse("learning:run", args=[run.pk])).status_code in (403, 404)
