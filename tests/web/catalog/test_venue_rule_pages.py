"""The run page and the comparison say which rule decided, including the venue's regulation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from academy.accounts.models import User
from tests.web.catalog import factories as f
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_run_page_tells_a_nurse_the_venues_rule_refuses_hands_on_in_south_korea(
    nora: User,
) -> None:
    nurses = f.course(f.provider(allows_unverified=True), professions=["registered_nurse"])
    run = f.run(nurses, country="KR", city="Seoul")
    html = client_for(nora).get(reverse("catalog:run", args=[run.pk])).content.decode()
    assert "You may not enrol" in html
    assert "Decided by the regulation where the hands-on happens (South Korea)." in html
    assert "where the hands-on happens, South Korea: May not perform" in html
    assert "Enrol on this run" not in html


def test_the_comparison_says_which_rule_decided_for_each_run(nora: User) -> None:
    nurses = f.course(f.provider(allows_unverified=True), professions=["registered_nurse"])
    seoul = f.run(nurses, country="KR", city="Seoul")
    online = f.run(nurses, country="KR", city="", mode="online", hands_on=False)
    html = (
        client_for(nora)
        .get(reverse("catalog:compare") + f"?run={seoul.pk}&run={online.pk}")
        .content.decode()
    )
    assert "Decided by the regulation where the hands-on happens (South Korea)." in html
    assert "Decided by the regulation where you practise (England)" in html


def test_the_course_page_says_each_run_applies_its_venues_rule(nora: User) -> None:
    nurses = f.course(f.provider(allows_unverified=True), professions=["registered_nurse"])
    html = (
        client_for(nora)
        .get(reverse("catalog:course", args=[nurses.provider.slug, nurses.slug]))
        .content.decode()
    )
    assert "each run&#x27;s page gives its own answer" in html or "each run's page" in html
