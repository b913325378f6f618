"""Catalog, comparison and detail pages: filters, explanations and bounded queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from academy.accounts.models import User
from academy.catalog.models import CourseRun
from tests.web.catalog import factories as f
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def titles(html: str, *candidates: str) -> list[str]:
    return [c for c in candidates if c in html]


def test_filters_narrow_the_catalog(lena: User) -> None:
    pdo = f.run(f.course(title="PDO basics", materials=["pdo"]), price=Decimal(500))
    plla = f.run(
        f.course(title="PLLA advanced", materials=["plla"]),
        price=Decimal(2500),
        live_models_guaranteed=True,
        country="DE",
        city="Berlin",
    )
    f.accreditation(plla.course, "Ärztekammer")
    client = client_for(lena)
    get = lambda **q: client.get(reverse("catalog:list"), q).content.decode()  # noqa: E731
    assert titles(get(material="plla"), "PDO basics", "PLLA advanced") == ["PLLA advanced"]
    assert titles(get(price_max="1000"), "PDO basics", "PLLA advanced") == ["PDO basics"]
    assert titles(get(live_models="on"), "PDO basics", "PLLA advanced") == ["PLLA advanced"]
    assert titles(get(country="DE"), "PDO basics", "PLLA advanced") == ["PLLA advanced"]
    assert titles(get(accreditation="Ärztekammer"), "PDO basics", "PLLA advanced") == [
        "PLLA advanced"
    ]
    later = (pdo.starts_on + dt.timedelta(days=1)).isoformat()
    assert titles(get(date_from=later), "PDO basics", "PLLA advanced") == []


def test_i_am_eligible_hides_runs_a_nurse_may_not_take(nora: User) -> None:
    f.run(f.course(title="Doctors only"))
    f.run(
        f.course(
            f.provider(allows_unverified=True),
            title="Open to nurses",
            professions=["registered_nurse", "physician"],
        )
    )
    html = client_for(nora).get(reverse("catalog:list"), {"eligible": "on"}).content.decode()
    assert titles(html, "Doctors only", "Open to nurses") == ["Open to nurses"]


def test_bad_filter_values_are_reported_not_a_server_error(lena: User) -> None:
    response = client_for(lena).get(
        reverse("catalog:list"), {"price_min": "abc", "date_from": "31/31/2026", "price_max": "-5"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a number." in html
    assert "Enter a valid date." in html


def test_sorting_by_price(lena: User) -> None:
    f.run(f.course(title="Cheap course"), price=Decimal(100))
    f.run(f.course(title="Dear course"), price=Decimal(9000))
    html = client_for(lena).get(reverse("catalog:list"), {"sort": "-price"}).content.decode()
    assert html.index("Dear course") < html.index("Cheap course")


def test_compare_shows_rows_explained_and_differences_highlighted(lena: User) -> None:
    a = f.run(f.course(title="Course A"), hands_on_hours=Decimal(8), live_models_guaranteed=True)
    b = f.run(f.course(title="Course B"), hands_on_hours=Decimal(3))
    c = f.run(f.course(title="Course C", professions=["registered_nurse"]))
    html = (
        client_for(lena)
        .get(reverse("catalog:compare"), {"run": [a.pk, b.pk, c.pk]})
        .content.decode()
    )
    for row in (
        "Eligibility for you",
        "Accreditation and credits",
        "Trainer experience",
        "Hands-on hours",
        "Trainer : delegate ratio",
        "Live models",
        "Thread materials taught",
        "Price",
        "Dates",
        "Place and mode",
    ):
        assert row in html
    assert 'data-row="hands_on"' in html
    assert "Marked best: most hands-on hours." in html
    assert "You may not enrol" in html  # course C is for nurses only
    assert "There is no overall score" in html


def test_compare_needs_two_to_four_runs() -> None:
    one = f.run()
    html = client_for(None).get(reverse("catalog:compare"), {"run": [one.pk]}).content.decode()
    assert "Choose two to four runs" in html
    html = client_for(None).get(reverse("catalog:compare"), {"run": ["x"]}).content.decode()
    assert "Choose two to four runs" in html


def test_run_and_course_pages_show_eligibility_with_sources(lena: User) -> None:
    run = f.run()
    html = client_for(lena).get(reverse("catalog:run", args=[run.pk])).content.decode()
    assert "Can I enrol?" in html
    assert "regulation for England" in html
    assert 'class="cite"' in html
    course_html = (
        client_for(lena)
        .get(reverse("catalog:course", args=[run.course.provider.slug, run.course.slug]))
        .content.decode()
    )
    assert run.course.title in course_html


def _count_queries(client: object, url: str, params: dict[str, str]) -> int:
    from django.test import Client

    assert isinstance(client, Client)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


def _seed_runs(n: int) -> list[CourseRun]:
    prov = f.provider()
    courses = [f.course(prov) for _ in range(5)]
    for crs in courses:
        f.accreditation(crs)
    template = f.run(courses[0])
    runs = [
        CourseRun(
            course=courses[i % 5],
            starts_on=template.starts_on + dt.timedelta(days=i % 90),
            ends_on=template.starts_on + dt.timedelta(days=i % 90),
            mode="in_person",
            city="London",
            country="GB",
            seats=10,
            price=Decimal(500 + i),
            currency="GBP",
            hands_on_hours=Decimal(4),
            enrolment_opens=template.enrolment_opens,
            enrolment_closes=template.enrolment_closes,
            published=True,
        )
        for i in range(n - 1)
    ]
    CourseRun.objects.bulk_create(runs)
    return runs


def test_the_catalog_and_compare_run_the_same_number_of_queries_for_10_or_500_runs(
    lena: User, theo: User
) -> None:
    client = client_for(lena)
    url = reverse("catalog:list")
    params = {"material": "pdo", "eligible": "on", "sort": "price"}
    _seed_runs(10)
    for run in CourseRun.objects.all()[:3]:
        run.trainers.add(theo)
    small = _count_queries(client, url, params)
    ids = [str(r.pk) for r in CourseRun.objects.all()[:4]]
    compare_small = _count_queries(client, reverse("catalog:compare"), {"run": ids})  # type: ignore[dict-item]
    _seed_runs(490)
    for run in CourseRun.objects.all()[:50]:
        run.trainers.add(theo)
    assert CourseRun.objects.count() == 500
    assert _count_queries(client, url, params) == small
    ids = [str(r.pk) for r in CourseRun.objects.filter(trainers=theo).order_by("-id")[:4]]
    assert _count_queries(client, reverse("catalog:compare"), {"run": ids}) == compare_small  # type: ignore[dict-item]
