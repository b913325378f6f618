"""The bibliography: one anchor per source, and links back to the records citing it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from academy.reference.selectors import record_url
from threadlift.knowledge import load_knowledge

pytestmark = pytest.mark.django_db


def test_the_bibliography_url_has_the_name_the_cite_tag_uses() -> None:
    assert reverse("knowledge:bibliography") == "/knowledge/bibliography/"


def test_every_source_has_an_anchor_named_by_its_id(client: Client) -> None:
    html = client.get(reverse("knowledge:bibliography")).content.decode()
    for source in load_knowledge().sources:
        assert f'id="{source.id}"' in html


def test_a_source_lists_the_records_that_cite_it_with_links(client: Client) -> None:
    kb = load_knowledge()
    html = client.get(reverse("knowledge:bibliography")).content.decode()
    cited = kb.cited_by("R7")
    assert ("complications", "dimpling") in cited
    assert f"Cited by {len(cited)} record" in html
    assert 'href="/knowledge/complications/#complication-dimpling"' in html
    assert 'href="/knowledge/threads/#longevity-bertossi_2018_pdo"' in html


def test_every_cited_by_link_points_at_an_anchor_that_exists(client: Client) -> None:
    kb = load_knowledge()
    pages: dict[str, str] = {}
    for source in kb.sources:
        for collection, record_id in kb.cited_by(source.id):
            url = record_url(collection, record_id)
            if url is None:
                continue
            path, anchor = url.split("#")
            if path not in pages:
                pages[path] = client.get(path).content.decode()
            assert f'id="{anchor}"' in pages[path], url


def test_records_without_a_page_are_named_without_a_dead_link(client: Client) -> None:
    html = client.get(reverse("knowledge:bibliography")).content.decode()
    assert "(no reference page yet)" in html


def test_a_citation_tooltip_never_says_none(client: Client) -> None:
    html = client.get(reverse("knowledge:complications")).content.decode()
    assert "None (None)" not in html
    assert 'title="Niu Z, Zhang K, Yao W, et al. (2021). A meta-analysis' in html
