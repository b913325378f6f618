"""The catalog's page cache: changes appear at once, and nobody is shown someone else's page."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.messages import INFO
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from academy.accounts.models import User
from academy.catalog import services
from academy.catalog.models import CourseRun
from tests.web.catalog import factories as f
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db
URL = reverse("catalog:list")


def anonymous_page(params: dict[str, str] | None = None) -> str:
    response = Client().get(URL, params or {})
    assert response.status_code == 200
    return response.content.decode()


def verified(user: User) -> User:
    user.profile.verified = True
    user.profile.save()
    return user


def test_a_second_anonymous_visit_is_served_without_a_query(
    django_assert_num_queries: Any,
) -> None:
    f.run(f.course(title="Cached course"))
    first = anonymous_page()
    with django_assert_num_queries(0):
        second = anonymous_page()
    assert second == first
    assert "Cached course" in second


def test_the_anonymous_catalog_carries_no_csrf_token_and_sets_no_cookie() -> None:
    f.run()
    response = Client().get(URL)
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies
    assert "Cookie" in response["Vary"]


def test_a_published_run_appears_at_once_on_the_anonymous_catalog() -> None:
    run = f.run(f.course(title="Brand-new course"), published=False)
    assert "Brand-new course" not in anonymous_page()
    services.run_set_published(run=run, published=True)
    assert "Brand-new course" in anonymous_page()


def test_an_edited_run_price_appears_at_once() -> None:
    run = f.run(price=Decimal("1234"))
    assert "1,234.00" in anonymous_page()
    run.price = Decimal("987")
    services.run_save(run=run)
    html = anonymous_page()
    assert "987.00" in html
    assert "1,234.00" not in html


def test_an_unpublished_course_leaves_the_anonymous_catalog_at_once() -> None:
    course = f.course(title="Soon withdrawn")
    f.run(course)
    assert "Soon withdrawn" in anonymous_page()
    services.course_set_published(course=course, published=False)
    assert "Soon withdrawn" not in anonymous_page()


def test_a_cancelled_run_shows_as_cancelled_at_once() -> None:
    run = f.run()
    assert "state-cancelled" not in anonymous_page()
    services.run_cancel(run_id=run.pk, now=timezone.now())
    assert "state-cancelled" in anonymous_page()


def test_a_renamed_provider_and_a_new_accreditation_appear_at_once() -> None:
    """Writes outside the services (the staff admin saves models directly) invalidate too."""
    course = f.course()
    f.run(course)
    anonymous_page()
    course.provider.name = "Renamed Academy"
    course.provider.save()
    f.accreditation(course, body="Royal College of Threads")
    html = anonymous_page()
    assert "Renamed Academy" in html
    assert "Royal College of Threads" in html


def test_an_enrolment_that_fills_the_last_seat_shows_the_run_full_at_once(lena: User) -> None:
    run = f.run(seats=1)
    assert "state-open" in anonymous_page()
    client_for(verified(lena)).post(reverse("catalog:enrol", args=[run.pk]))
    html = anonymous_page()
    assert "state-full" in html
    assert "state-open" not in html


def test_a_signed_in_learner_is_never_given_the_anonymous_cached_page(lena: User) -> None:
    f.run()
    anonymous_page()
    html = client_for(lena).get(URL).content.decode()
    assert "Dr Lena Learner" in html
    assert "Log out" in html
    assert "Sign up" not in html


def test_an_anonymous_visitor_is_never_given_a_signed_in_page(lena: User) -> None:
    f.run()
    client_for(verified(lena)).get(URL)
    html = anonymous_page()
    assert "Dr Lena Learner" not in html
    assert "You may enrol" not in html
    assert "Sign up" in html


def test_a_signed_in_learner_never_sees_another_learners_page(lena: User, nora: User) -> None:
    """Lena (verified physician) and Nora (unverified nurse) on a doctors-only run."""
    f.run(f.course(f.provider(allows_unverified=False)))
    lena_html = client_for(verified(lena)).get(URL).content.decode()
    nora_html = client_for(nora).get(URL).content.decode()
    assert "Dr Lena Learner" in lena_html
    assert "You may enrol" in lena_html
    assert "Nora Nurse" in nora_html
    assert "Dr Lena Learner" not in nora_html
    assert "You may enrol" not in nora_html
    assert "Not open to you" in nora_html
    again = client_for(lena).get(URL).content.decode()
    assert "Nora Nurse" not in again
    assert "You may enrol" in again


def test_a_learner_whose_profile_changes_sees_new_eligibility_at_once(lena: User) -> None:
    f.run(f.course(f.provider(allows_unverified=False)))
    client = client_for(lena)
    assert "Not open to you" in client.get(URL).content.decode()
    verified(lena)
    assert "You may enrol" in client.get(URL).content.decode()


def test_a_visitor_with_a_pending_message_sees_it_and_nobody_else_does() -> None:
    f.run()
    anonymous_page()
    request = RequestFactory().get(URL)
    encoded = CookieStorage(request)._encode([Message(INFO, "Only for this visitor")])
    client = Client()
    client.cookies["messages"] = encoded
    assert "Only for this visitor" in client.get(URL).content.decode()
    assert "Only for this visitor" not in anonymous_page()


def test_a_signed_in_catalog_with_cached_fragments_runs_few_queries(
    lena: User, django_assert_max_num_queries: Any
) -> None:
    for _ in range(25):
        f.run()
    client = client_for(lena)
    client.get(URL)
    # the session (database sessions here) and the user with its roles: the profile's
    # eligibility is kept with the learner's fragments, the body in the process's memory
    with django_assert_max_num_queries(2):
        assert client.get(URL).status_code == 200


FILTER_VALUES = {
    "material": st.sampled_from(["", "pdo", "plla", "nonsense"]),
    "country": st.sampled_from(["", "GB", "DE", "XX"]),
    "sort": st.sampled_from(["", "price", "-price", "bogus"]),
    "page": st.sampled_from(["", "1", "2", "999", "x"]),
    "price_min": st.sampled_from(["", "0", "500", "-1", "abc"]),
}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=st.fixed_dictionaries({}, optional=FILTER_VALUES))
def test_a_cached_catalog_page_is_the_page_that_was_rendered(
    params: dict[str, str], lena: User
) -> None:
    """For any filters, a second visit (from the cache) equals the first (rendered)."""
    from django.core.cache import cache

    cache.clear()
    if not CourseRun.objects.exists():
        for country in ("GB", "DE", "GB"):
            f.run(country=country)
    for client in (Client(), client_for(lena)):
        first, second = (client.get(URL, params) for _ in range(2))
        assert first.status_code == second.status_code == 200
        assert without_csrf(first.content) == without_csrf(second.content)


def without_csrf(content: bytes) -> bytes:
    """Signed-in pages carry a CSRF token (the log-out form) masked afresh at every render."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)
