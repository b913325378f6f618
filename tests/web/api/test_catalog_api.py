"""Catalog operations: the page's filters, sorting, pages and comparison, as JSON."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from academy.accounts.models import User
from academy.catalog.compare import comparison
from academy.catalog.selectors import PAGE_SIZE, runs_for_compare
from tests.web.api.conftest import ApiClient, assert_error, session_client
from tests.web.catalog import factories as f

pytestmark = pytest.mark.django_db


def ids(response: object) -> list[int]:
    return [item["id"] for item in response.json()["items"]]  # type: ignore[attr-defined]


def test_filters_narrow_the_runs_as_on_the_page() -> None:
    online = f.run(mode="online", city="", country="")
    london = f.run(price=Decimal("900"))
    f.run(published=False)
    client = ApiClient()
    assert sorted(ids(client.get("/catalog/runs"))) == sorted([online.pk, london.pk])
    assert ids(client.get("/catalog/runs", mode="online")) == [online.pk]
    assert ids(client.get("/catalog/runs", price_max="950")) == [london.pk]
    assert ids(client.get("/catalog/runs", q=london.course.title)) == [london.pk]


def test_sorting_matches_the_page_choices() -> None:
    cheap = f.run(price=Decimal("100"))
    dear = f.run(price=Decimal("5000"))
    assert ids(ApiClient().get("/catalog/runs", sort="price")) == [cheap.pk, dear.pk]
    assert ids(ApiClient().get("/catalog/runs", sort="-price")) == [dear.pk, cheap.pk]


def test_runs_come_in_pages_of_the_page_size() -> None:
    course = f.course()
    for i in range(PAGE_SIZE + 3):
        f.run(course, starts_on=timezone.localdate() + dt.timedelta(days=30 + i))
    first = ApiClient().get("/catalog/runs").json()
    assert (first["count"], first["pages"], len(first["items"])) == (PAGE_SIZE + 3, 2, PAGE_SIZE)
    assert len(ApiClient().get("/catalog/runs", page=2).json()["items"]) == 3
    error = assert_error(ApiClient().get("/catalog/runs", page=3), 404)
    assert error["fields"] == {"page": "no such page"}


def test_the_run_list_runs_a_bounded_number_of_queries(
    lena: User, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    for _ in range(12):
        f.accreditation(f.run().course)
    client = session_client(lena)
    with django_assert_max_num_queries(14):
        response = client.get("/catalog/runs")
    assert len(response.json()["items"]) == 12


def test_bad_filters_are_422_with_the_form_field_named() -> None:
    f.run()
    error = assert_error(ApiClient().get("/catalog/runs", price_min="50", price_max="10"), 422)
    assert error["fields"] == {"price_max": "The upper price is below the lower price."}
    error = assert_error(ApiClient().get("/catalog/runs", country="ZZ"), 422)
    assert "country" in error["fields"]


def test_the_eligible_filter_uses_the_signed_in_practitioner(nora: User) -> None:
    doctors_only = f.run()
    open_to_nurses = f.provider(allows_unverified=True)
    nurses = f.run(f.course(open_to_nurses, professions=["registered_nurse"]))
    everyone = sorted(ids(session_client(nora).get("/catalog/runs")))
    assert everyone == sorted([doctors_only.pk, nurses.pk])
    response = session_client(nora).get("/catalog/runs", eligible="true")
    assert doctors_only.pk not in ids(response)


def test_a_run_shows_eligibility_with_reasons_and_sources_to_a_practitioner(lena: User) -> None:
    run = f.run()
    anonymous = ApiClient().get(f"/catalog/runs/{run.pk}").json()
    assert anonymous["eligibility"] is None
    mine = session_client(lena).get(f"/catalog/runs/{run.pk}").json()
    assert isinstance(mine["eligibility"]["allowed"], bool)
    assert mine["eligibility"]["reasons"]
    assert mine["eligibility"]["regulation"]["sources"]


def test_an_unpublished_run_is_not_found() -> None:
    assert_error(ApiClient().get(f"/catalog/runs/{f.run(published=False).pk}"), 404)


def test_a_course_and_a_provider() -> None:
    run = f.run()
    course = run.course
    provider = course.provider
    body = ApiClient().get(f"/catalog/providers/{provider.slug}/courses/{course.slug}").json()
    assert body["id"] == course.pk
    assert [r["id"] for r in body["runs"]] == [run.pk]
    body = ApiClient().get(f"/catalog/providers/{provider.slug}").json()
    assert [c["id"] for c in body["courses"]] == [course.pk]
    unpublished = f.course(provider, published=False)
    assert_error(
        ApiClient().get(f"/catalog/providers/{provider.slug}/courses/{unpublished.slug}"), 404
    )


def test_compare_gives_the_pages_rows_and_best_marks(lena: User) -> None:
    a = f.run(hands_on_hours=Decimal(2))
    b = f.run(hands_on_hours=Decimal(8))
    body = session_client(lena).get("/catalog/compare", run=[a.pk, b.pk]).json()
    expected = comparison(runs_for_compare([a.pk, b.pk]), profile=lena.profile, now=timezone.now())
    assert [r["key"] for r in body["rows"]] == [r.key for r in expected]
    hands = next(r for r in body["rows"] if r["key"] == "hands_on")
    assert hands["best_rule"] == "most hands-on hours"
    assert [c["best"] for c in hands["cells"]] == [False, True]
    assert [c["text"] for c in hands["cells"]] == [c.text for c in expected[3].cells]


def test_compare_needs_two_to_four_published_runs() -> None:
    runs = [f.run() for _ in range(5)]
    assert_error(ApiClient().get("/catalog/compare", run=[runs[0].pk]), 422)
    assert_error(ApiClient().get("/catalog/compare", run=[r.pk for r in runs]), 422)
    hidden = f.run(published=False)
    assert_error(ApiClient().get("/catalog/compare", run=[runs[0].pk, hidden.pk]), 404)
    assert_error(ApiClient().get("/catalog/compare"), 422)


def test_an_unknown_filter_is_refused_rather_than_ignored() -> None:
    error = assert_error(ApiClient().get("/catalog/runs", contry="GB"), 422)
    assert error["fields"] == {"contry": "unknown field"}


def test_the_anonymous_run_list_is_cached_yet_shows_a_change_at_once() -> None:
    """Anonymous lists are shared from the cache; a write starts a new catalog generation."""
    run = f.run(price=Decimal("900"))
    client = ApiClient()
    assert client.get("/catalog/runs").json()["items"][0]["price"] == "900.00"
    run.price = Decimal("750")
    run.save()
    assert client.get("/catalog/runs").json()["items"][0]["price"] == "750.00"
    hidden = f.run(published=False)
    assert hidden.pk not in ids(client.get("/catalog/runs"))
    hidden.published = True
    hidden.save()
    assert hidden.pk in ids(client.get("/catalog/runs"))


def test_a_cached_anonymous_list_runs_no_query(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    f.run()
    client = ApiClient()
    client.get("/catalog/runs")
    with django_assert_num_queries(0):
        assert client.get("/catalog/runs").status_code == 200
