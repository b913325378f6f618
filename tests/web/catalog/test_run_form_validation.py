"""The run and course forms keep their data and reject junk with field messages, never a 500.

These tests run on SQLite and, with DATABASE_URL=postgres://…, on PostgreSQL, where values
outside a column's range used to reach the database and fail there.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from academy.accounts.models import User
from academy.catalog.models import CourseRun
from tests.web.builders import run_form
from tests.web.catalog import factories as f
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"country": "XX"}, "country", "two-letter ISO 3166 country code"),
        ({"country": "GBR"}, "country", "at most 2 characters"),
        ({"country": ""}, "country", "Give the venue country"),
        ({"currency": "XYZ"}, "currency", "three-letter ISO 4217 code"),
        ({"currency": "POUND"}, "currency", "at most 3 characters"),
        ({"currency": "GBX"}, "currency", "three-letter ISO 4217 code"),
        ({"mode": "online", "city": ""}, "hands_on", "An online run cannot include hands-on"),
        (
            {"mode": "online", "city": "", "hands_on": "", "hands_on_hours": "3"},
            "hands_on_hours",
            "An online run has no hands-on hours",
        ),
        (
            {
                "mode": "online",
                "city": "",
                "hands_on": "",
                "hands_on_hours": "0",
                "live_models_guaranteed": "on",
            },
            "live_models_guaranteed",
            "An online run cannot guarantee live models",
        ),
        ({"hands_on": "", "hands_on_hours": "6"}, "hands_on_hours", "set hands-on hours to 0"),
        ({"theory_hours": "241"}, "theory_hours", "less than or equal to 240"),
        ({"hands_on_hours": "241"}, "hands_on_hours", "less than or equal to 240"),
        ({"city": ""}, "city", "Give the venue city"),
        ({"mode": "hybrid", "city": ""}, "city", "Give the venue city"),
        ({"seats": HUGE}, "seats", "less than or equal to"),
        ({"delegates_per_trainer": HUGE}, "delegates_per_trainer", "less than or equal to"),
        ({"price": "1e999999"}, "price", ""),
        ({"price": HUGE}, "price", ""),
        ({"theory_hours": "1e999999"}, "theory_hours", ""),
        ({"trainers": HUGE}, "trainers", "Select a valid choice"),
        ({"trainers": "-1"}, "trainers", "Select a valid choice"),
    ],
)
def test_the_run_form_answers_junk_with_a_message_on_the_field(
    ada: User, changes: dict[str, str], field: str, message: str
) -> None:
    course = f.course(f.provider(admins=[ada]))
    response = client_for(ada).post(
        reverse("catalog:run_create", args=[course.pk]), run_form(**changes)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not CourseRun.objects.exists()


def test_an_online_run_needs_no_city_and_no_hands_on(ada: User) -> None:
    course = f.course(f.provider(admins=[ada]))
    data = run_form(mode="online", city="", country="", hands_on="", hands_on_hours="0")
    response = client_for(ada).post(reverse("catalog:run_create", args=[course.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    assert CourseRun.objects.get().city == ""


def test_the_venue_city_is_labelled_required(ada: User) -> None:
    course = f.course(f.provider(admins=[ada]))
    html = client_for(ada).get(reverse("catalog:run_create", args=[course.pk])).content.decode()
    label = html.split('for="id_city"', 1)[1].split("</label>", 1)[0]
    assert "Venue city" in label
    assert "optional" not in label
    assert "Required for in-person and hybrid runs" in html


def test_editing_a_run_renders_its_dates_as_iso_so_the_browser_keeps_them(ada: User) -> None:
    run = f.run(f.course(f.provider(admins=[ada])), starts_on=dt.date(2031, 3, 7))
    html = client_for(ada).get(reverse("catalog:run_edit", args=[run.pk])).content.decode()
    assert 'name="starts_on" value="2031-03-07"' in html
    assert 'name="ends_on" value="2031-03-07"' in html


def test_editing_a_course_renders_the_accreditation_expiry_as_iso(ada: User) -> None:
    course = f.course(f.provider(admins=[ada]))
    acc = f.accreditation(course)
    acc.valid_until = dt.date(2030, 11, 30)
    acc.save()
    html = client_for(ada).get(reverse("catalog:course_edit", args=[course.pk])).content.decode()
    assert 'value="2030-11-30"' in html


def test_saving_the_edit_form_unchanged_keeps_every_field(ada: User) -> None:
    run = f.run(f.course(f.provider(admins=[ada])), starts_on=dt.date(2031, 3, 7))
    client = client_for(ada)
    form = client.get(reverse("catalog:run_edit", args=[run.pk])).context["form"]
    data = {
        name: form[name].value() for name in form.fields if form[name].value() not in (None, False)
    }
    for name in ("starts_on", "ends_on"):
        data[name] = form[name].as_widget().split('value="', 1)[1].split('"', 1)[0]
    for name in ("enrolment_opens", "enrolment_closes"):
        data[name] = form[name].as_widget().split('value="', 1)[1].split('"', 1)[0]
    before = CourseRun.objects.values().get(pk=run.pk)
    response = client.post(reverse("catalog:run_edit", args=[run.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    after = CourseRun.objects.values().get(pk=run.pk)
    # datetime-local inputs carry minutes, not seconds
    for name in ("enrolment_opens", "enrolment_closes"):
        assert after[name] == before[name].replace(second=0, microsecond=0)
        before.pop(name), after.pop(name)
    assert after == before


@pytest.mark.parametrize(
    "query",
    [
        "price_min=1e999999",
        "price_max=1e999999",
        f"price_min={HUGE}",
        "price_min=NaN",
        "price_max=-Infinity",
    ],
)
def test_the_catalog_filter_answers_out_of_range_prices_with_a_field_message(query: str) -> None:
    f.run()
    from django.test import Client

    response = Client().get(reverse("catalog:list") + "?" + query)
    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.parametrize("ids", [f"run={HUGE}&run={HUGE}1", "run=0&run=-5", f"run=1&run={HUGE}"])
def test_comparing_ids_outside_the_database_range_is_a_message_not_a_500(ids: str) -> None:
    from django.test import Client

    response = Client().get(reverse("catalog:compare") + "?" + ids)
    assert response.status_code == 200
    assert "Choose two to four runs" in response.content.decode()


def test_a_huge_trainer_id_is_not_found_not_a_500() -> None:
    from django.test import Client

    assert Client().get(f"/courses/trainers/{HUGE}/").status_code == 404
    assert Client().get(f"/courses/runs/{HUGE}/").status_code == 404


def test_a_huge_enrolment_id_is_not_found_not_a_500(lena: User) -> None:
    assert client_for(lena).post(f"/courses/enrolments/{HUGE}/cancel/").status_code == 404


def test_run_prices_keep_their_cents(ada: User) -> None:
    course = f.course(f.provider(admins=[ada]))
    client_for(ada).post(reverse("catalog:run_create", args=[course.pk]), run_form(price="1234.56"))
    assert CourseRun.objects.get().price == Decimal("1234.56")


def test_seats_are_rechecked_by_the_service_when_the_form_saw_a_stale_count(
    ada: User, lena: User
) -> None:
    """The form's check reads seats_taken before the lock; the service counts again inside it."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from academy.accounts.models import Role
    from academy.catalog import services
    from tests.web.conftest import make_user

    run = f.run(f.course(f.provider(admins=[ada]), professions=["physician"]), seats=3)
    stale = CourseRun.objects.get(pk=run.pk)  # what the admin's form loaded: nobody enrolled
    for user in (lena, make_user("max@example.org", "Dr Max", Role.LEARNER)):
        user.profile.verified = True
        user.profile.save()
        services.enrolment_create(run_id=run.pk, learner=user, now=timezone.now())
    stale.seats = 1
    with pytest.raises(ValidationError, match="2 learners are already enrolled"):
        services.run_save(run=stale)
    run.refresh_from_db()
    assert (run.seats, run.seats_taken) == (3, 2)


@pytest.mark.parametrize("amount", ["1e999999", HUGE, "-1", "NaN"])
def test_the_course_form_answers_an_out_of_range_credit_amount_with_a_field_message(
    ada: User, amount: str
) -> None:
    provider = f.provider(admins=[ada])
    response = client_for(ada).post(
        reverse("catalog:course_create", args=[provider.pk]),
        {
            "title": "Jawline threads",
            "slug": "jawline",
            "summary": "Lower face.",
            "level": "advanced",
            "materials": ["pdo"],
            "designs": ["cog_bidirectional"],
            "topics": ["anatomy"],
            "professions": ["physician"],
            "acc-TOTAL_FORMS": "1",
            "acc-INITIAL_FORMS": "0",
            "acc-MIN_NUM_FORMS": "0",
            "acc-MAX_NUM_FORMS": "1000",
            "acc-0-body": "CPD Certification Service",
            "acc-0-credit_type": "cpd_hours",
            "acc-0-credit_amount": amount,
            "acc-0-valid_until": "2030-13-45",
        },
    )
    assert response.status_code == 200
    errors = response.context["formset"].forms[0].errors
    assert "credit_amount" in errors
    assert "valid_until" in errors
    assert 'value="Jawline threads"' in response.content.decode()
