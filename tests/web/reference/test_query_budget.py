"""The reference pages read the knowledge base from files: they never query the database."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from academy.accounts.models import User
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

REQUESTS = [
    ("knowledge:index", {}),
    ("knowledge:threads", {}),
    ("knowledge:zones", {}),
    ("knowledge:complications", {}),
    ("knowledge:complications", {"q": "swelling", "severity": "minor"}),
    ("knowledge:complications", {"severity": "nonsense"}),
    ("knowledge:regulation", {}),
    ("knowledge:regulation", {"jurisdiction": "US", "status": "bogus"}),
    ("knowledge:bibliography", {}),
]


@pytest.mark.parametrize(("name", "params"), REQUESTS)
def test_an_anonymous_visit_runs_no_query(client: Client, name: str, params: dict) -> None:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(name), params).status_code == 200
    assert len(queries) == 0, [q["sql"] for q in queries]


def test_the_zone_drawing_runs_no_query(client: Client) -> None:
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("knowledge:zones_drawing", args=["frontal"]))
    assert len(queries) == 0


def test_a_signed_in_visit_costs_the_same_few_queries_on_every_page(lena: User) -> None:
    client = client_for(lena)
    counts = {}
    for name, params in REQUESTS:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name), params).status_code == 200
        counts[(name, tuple(params))] = len(queries)
    assert len(set(counts.values())) == 1, counts
    assert max(counts.values()) <= 4, counts
