"""A signed-in learner's pages make no more queries when the learner has more of everything:
more runs, logbook cases and lessons read. Each page is counted with one run's worth of data,
then allowed no more queries with four runs' worth (every cache is emptied before each count,
so both are counts of a full render)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from academy.accounts.models import User
from academy.catalog.models import CourseRun
from academy.learning import content
from academy.learning.models import LessonRead
from tests.web.conftest import client_for
from tests.web.logbook.helpers import hands_on_run, log_case
from threadlift.simulator.exercises import load_exercises

pytestmark = pytest.mark.django_db

PAGES: dict[str, Callable[[CourseRun], str]] = {
    "dashboard": lambda run: "/dashboard/",
    "catalog": lambda run: "/courses/",
    "my runs": lambda run: "/learn/",
    "learning (the run's page)": lambda run: f"/learn/runs/{run.pk}/",
    "a lesson": lambda run: (
        f"/learn/runs/{run.pk}/lessons/{next(iter(content.lessons_by_module(run.course).values()))[0].id}/"
    ),
    "simulator exercise": lambda run: f"/simulator/{load_exercises()[0].id}/",
    "logbook": lambda run: "/logbook/",
    "wallet": lambda run: "/credentials/mine/",
}


def more_of_everything(client: Client, run: CourseRun, lena: User) -> None:
    """A logged case and every lesson of the run read."""
    assert log_case(client, run).status_code == 302
    for module_id, lessons in content.lessons_by_module(run.course).items():
        for lesson in lessons:
            LessonRead.objects.get_or_create(
                learner=lena, run=run, lesson_id=lesson.id, defaults={"module_id": module_id}
            )


def forget_everything_kept() -> None:
    """Empty the shared cache and this process's own (fragments kept in memory)."""
    for alias in ("default", "local"):
        caches[alias].clear()


def a_learner_with_a_bit_of_everything(lena: User, theo: User) -> tuple[Client, Any]:
    """Lena's signed-in client and a hands-on run of Theo's with her work on it."""
    client = client_for(lena)
    run = hands_on_run(theo, lena)
    more_of_everything(client, run, lena)
    return client, run


def full_render_queries(client: Client, url: str) -> int:
    forget_everything_kept()
    with CaptureQueriesContext(connection) as counted:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(counted.captured_queries)


@pytest.mark.parametrize("page", list(PAGES))
def test_a_learner_page_makes_no_more_queries_with_more_data(
    page: str, lena: User, theo: User, django_assert_max_num_queries: Any
) -> None:
    client, first = a_learner_with_a_bit_of_everything(lena, theo)
    url = PAGES[page](first)
    client.get(url)  # the first view of a process loads content files; not what is counted
    with_one_run = full_render_queries(client, url)
    for _ in range(3):
        more_of_everything(client, hands_on_run(theo, lena), lena)
    forget_everything_kept()
    with django_assert_max_num_queries(with_one_run):
        assert client.get(url).status_code == 200


# Queries of a page seen again (what is kept is kept), at most: the session (database sessions
# in the tests; the shared cache in production) and the user with its roles, plus on the run's
# page the check that the learner is still enrolled, which is never kept.
SEEN_AGAIN = {
    "dashboard": 2,
    "catalog": 2,
    "learning (the run's page)": 3,
    "simulator exercise": 2,
    "logbook": 2,
}


@pytest.mark.parametrize("page", list(SEEN_AGAIN))
def test_a_learner_page_seen_again_makes_only_the_queries_no_cache_may_spare(
    page: str, lena: User, theo: User, django_assert_max_num_queries: Any
) -> None:
    client, run = a_learner_with_a_bit_of_everything(lena, theo)
    url = PAGES[page](run)
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(SEEN_AGAIN[page]):
        assert client.get(url).status_code == 200
