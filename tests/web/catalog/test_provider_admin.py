"""Provider admins manage their own courses and runs — never another provider's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from academy.accounts.models import Role, User
from academy.catalog.models import Course, CourseRun
from tests.web.builders import run_form
from tests.web.catalog import factories as f
from tests.web.conftest import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def bob(db: None) -> User:
    """Bob administers another academy."""
    return make_user("bob@example.org", "Bob Other-Academy", Role.ACADEMY_ADMIN)


def test_a_provider_admin_creates_a_course_with_an_accreditation(ada: User) -> None:
    provider = f.provider(admins=[ada])
    response = client_for(ada).post(
        reverse("catalog:course_create", args=[provider.pk]),
        {
            "title": "Jawline threads",
            "slug": "jawline",
            "summary": "Lower face.",
            "level": "advanced",
            "materials": ["pdo", "plla"],
            "designs": ["cog_bidirectional"],
            "topics": ["anatomy", "complications"],
            "professions": ["physician", "dentist"],
            "acc-TOTAL_FORMS": "1",
            "acc-INITIAL_FORMS": "0",
            "acc-MIN_NUM_FORMS": "0",
            "acc-MAX_NUM_FORMS": "1000",
            "acc-0-body": "CPD Certification Service",
            "acc-0-reference": "X1",
            "acc-0-credit_type": "cpd_hours",
            "acc-0-credit_amount": "6",
        },
    )
    assert response.status_code == 302
    course = Course.objects.get(slug="jawline")
    assert course.material_list == ["pdo", "plla"]
    assert course.profession_list == ["physician", "dentist"]
    assert course.accreditations.get().body == "CPD Certification Service"


def test_a_provider_admin_adds_a_run(ada: User) -> None:
    course = f.course(f.provider(admins=[ada]))
    response = client_for(ada).post(reverse("catalog:run_create", args=[course.pk]), run_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    run = CourseRun.objects.get(course=course)
    assert (run.country, run.currency, run.seats) == ("GB", "GBP", 12)


@pytest.mark.parametrize(
    ("changes", "field_message"),
    [
        ({"ends_on": "2020-01-01"}, "The run cannot end before it starts."),
        ({"hands_on_hours": "0"}, "needs more than 0 hands-on hours"),
        ({"seats": "0"}, "A run needs at least one seat."),
        ({"currency": "£1"}, "three-letter ISO 4217 code"),
        ({"city": ""}, "Give the venue city"),
        ({"enrolment_closes": "2019-01-01T00:00"}, "Enrolment must close after it opens."),
    ],
)
def test_the_run_form_rejects_bad_input_with_field_messages(
    ada: User, changes: dict[str, str], field_message: str
) -> None:
    course = f.course(f.provider(admins=[ada]))
    response = client_for(ada).post(
        reverse("catalog:run_create", args=[course.pk]), run_form(**changes)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert field_message in html
    assert 'value="Leeds"' in html or changes.get("city") == ""
    assert not CourseRun.objects.exists()


def test_seats_cannot_drop_below_the_learners_already_enrolled(ada: User, lena: User) -> None:
    run = f.run(f.course(f.provider(admins=[ada])), seats=3)
    run.seats_taken = 2
    run.save()
    response = client_for(ada).post(reverse("catalog:run_edit", args=[run.pk]), run_form(seats="1"))
    assert "2 learners are already enrolled" in response.content.decode()


def test_provider_a_cannot_touch_provider_bs_courses_or_runs(ada: User, bob: User) -> None:
    theirs = f.run(f.course(f.provider(admins=[bob])))
    client = client_for(ada)
    for name, arg in [
        ("catalog:course_edit", theirs.course.pk),
        ("catalog:run_create", theirs.course.pk),
        ("catalog:run_edit", theirs.pk),
        ("catalog:roster", theirs.pk),
    ]:
        assert client.get(reverse(name, args=[arg])).status_code == 404, name
    for name, arg in [
        ("catalog:run_cancel", theirs.pk),
        ("catalog:run_publish", theirs.pk),
        ("catalog:course_publish", theirs.course.pk),
    ]:
        assert client.post(reverse(name, args=[arg])).status_code == 404, name
    assert (
        client.post(
            reverse("catalog:course_create", args=[theirs.course.provider.pk]), {}
        ).status_code
        == 404
    )
    theirs.refresh_from_db()
    assert not theirs.cancelled


def test_a_learner_cannot_reach_provider_admin_pages(lena: User) -> None:
    run = f.run()
    client = client_for(lena)
    assert client.get(reverse("catalog:provider_home")).status_code == 403
    assert client.get(reverse("catalog:run_edit", args=[run.pk])).status_code == 403
    assert client.post(reverse("catalog:run_cancel", args=[run.pk])).status_code == 403
    assert client_for(None).get(reverse("catalog:roster", args=[run.pk])).status_code == 302


def test_publishing_cancelling_and_the_roster(ada: User, lena: User) -> None:
    run = f.run(f.course(f.provider(admins=[ada])), published=False)
    client = client_for(ada)
    client.post(reverse("catalog:run_publish", args=[run.pk]), {"published": "on"})
    run.refresh_from_db()
    assert run.published
    lena.profile.verified = True
    lena.profile.save()
    client_for(lena).post(reverse("catalog:enrol", args=[run.pk]))
    roster = client.get(reverse("catalog:roster", args=[run.pk])).content.decode()
    assert "Dr Lena Learner" in roster
    # Cancelling asks first (issue 10): a bare POST shows who will be told and changes nothing.
    asked = client.post(reverse("catalog:run_cancel", args=[run.pk])).content.decode()
    assert "Dr Lena Learner" in asked
    run.refresh_from_db()
    assert not run.cancelled
    client.post(reverse("catalog:run_cancel", args=[run.pk]), {"confirm": "yes"})
    run.refresh_from_db()
    assert run.cancelled
