"""Search and filters of the complications handbook and the regulation table: server-side,
bookmarkable, and bad input is reported instead of failing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from threadlift.knowledge import load_knowledge

pytestmark = pytest.mark.django_db


def get(client: Client, name: str, **params: str) -> str:
    response = client.get(reverse(f"knowledge:{name}"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_search_finds_complications_by_a_symptom_in_their_red_flags(client: Client) -> None:
    html = get(client, "complications", q="pulsatile")
    assert 'id="complication-sta_pseudoaneurysm"' in html
    assert 'id="complication-swelling"' not in html
    assert "1 of " in html


def test_a_search_matches_management_text_and_every_word(client: Client) -> None:
    html = get(client, "complications", q="subcision")
    assert 'id="complication-dimpling"' in html
    assert "No complication matches" in get(client, "complications", q="subcision pulsatile")


def test_the_severity_filter_keeps_only_that_severity(client: Client) -> None:
    html = get(client, "complications", severity="serious")
    serious = [c for c in load_knowledge().complications if c.severity == "serious"]
    assert f"{len(serious)} of" in html
    assert "Severity: minor" not in html


def test_an_unknown_severity_is_ignored_and_said_so(client: Client) -> None:
    html = get(client, "complications", severity="catastrophic")
    assert f"{len(load_knowledge().complications)} of" in html
    assert "This filter was ignored." in html
    assert "catastrophic" in html


def test_an_overlong_search_is_ignored_not_an_error(client: Client) -> None:
    html = get(client, "complications", q="x" * 500)
    assert "This filter was ignored." in html


def test_markup_in_a_search_is_escaped(client: Client) -> None:
    html = get(client, "complications", q="<script>alert(1)</script>")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_the_search_fields_have_labels(client: Client) -> None:
    html = get(client, "complications")
    assert '<label for="id_q">' in html
    assert '<label for="id_severity">' in html


def test_regulation_filters_combine(client: Client) -> None:
    html = get(client, "regulation", jurisdiction="GB-ENG", profession="registered_nurse")
    assert "1 of " in html
    assert 'id="regulation-gb-eng-registered_nurse"' in html or "England" in html


def test_regulation_status_filter(client: Client) -> None:
    unknown = [r for r in load_knowledge().regulations if r.status == "unknown"]
    html = get(client, "regulation", status="unknown")
    assert f"{len(unknown)} of" in html
    assert ">May perform</span>" not in html


def test_unknown_regulation_filter_values_are_ignored_and_reported(client: Client) -> None:
    html = get(client, "regulation", jurisdiction="XX", profession="wizard", status="maybe")
    total = len(load_knowledge().regulations)
    assert f"{total} of {total} rows" in html
    assert html.count("This filter was ignored.") == 3


def test_the_regulation_filter_fields_have_labels(client: Client) -> None:
    html = get(client, "regulation")
    for field in ("jurisdiction", "profession", "status"):
        assert f'<label for="id_{field}">' in html
