"""The result page shows the plan across varied anatomy: a figure a learner can read, as a model."""

from __future__ import annotations

import re

import pytest
from pytest_django import DjangoAssertNumQueries

from academy.accounts.models import User
from academy.simulator.models import Attempt
from academy.simulator.variation import RESULT_FACES
from tests.web.conftest import client_for
from tests.web.simulator.conftest import good_plan, risky_plan, submit

pytestmark = pytest.mark.django_db


def _result_html(client, plan, face: str = "female") -> str:
    response = submit(client, plan, face=face)
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def test_the_result_page_says_on_what_share_of_varied_faces_the_plan_passes(lena: User) -> None:
    html = _result_html(client_for(lena), good_plan())
    match = re.search(r"Passed on (\d+) % of (\d+) varied faces", html)
    assert match
    assert 0 <= int(match.group(1)) <= 100
    assert int(match.group(2)) == RESULT_FACES
    assert "data-sim-variation" in html
    assert "This is a model" in html
    assert "Unconfirmed" in html
    assert 'class="cite"' in html  # the sources of the spreads, linked


def test_a_plan_crossing_a_zone_shows_that_zone_as_a_bar_with_its_shares(lena: User) -> None:
    html = _result_html(client_for(lena), risky_plan())
    section = html[html.index("data-sim-variation") :]
    assert 'data-variation-zone="Parotid (Stensen' in section
    assert re.search(r"entered on \d+ % · critical on \d+ %", section)
    assert "<svg" in section


def test_the_figure_is_the_same_on_every_visit(lena: User) -> None:
    client = client_for(lena)
    submit(client, risky_plan())
    url = f"/simulator/attempts/{Attempt.objects.get().pk}/"
    first = client.get(url).content.decode()
    second = client.get(url).content.decode()
    part = lambda html: html[html.index("data-sim-variation") :]  # noqa: E731
    assert part(first) == part(second)


def test_another_learner_cannot_see_the_figure(lena: User, nora: User) -> None:
    submit(client_for(lena), risky_plan())
    response = client_for(nora).get(f"/simulator/attempts/{Attempt.objects.get().pk}/")
    assert response.status_code == 404
    assert b"data-sim-variation" not in response.content


def test_the_result_page_with_the_figure_runs_a_bounded_number_of_queries(
    lena: User, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_for(lena)
    submit(client, good_plan())
    url = f"/simulator/attempts/{Attempt.objects.get().pk}/"
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
