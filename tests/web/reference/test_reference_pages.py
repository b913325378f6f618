"""The public reference pages: every visitor can read them, and each shows its key facts with
evidence grades, sources and marks."""

from __future__ import annotations

import itertools
import re
from html import escape

import pytest
from django.test import Client
from django.urls import reverse

from academy.reference.selectors import record_anchor
from threadlift.knowledge import load_knowledge

pytestmark = pytest.mark.django_db

PAGES = ["index", "threads", "zones", "complications", "regulation", "bibliography"]


def html_of(client: Client, name: str, **params: str) -> str:
    response = client.get(reverse(f"knowledge:{name}"), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_each_page_renders_for_an_anonymous_visitor(client: Client, name: str) -> None:
    response = client.get(reverse(f"knowledge:{name}"))
    assert response.status_code == 200
    assert response.templates[0].name.startswith("reference/")


@pytest.mark.parametrize("name", PAGES)
def test_each_page_says_the_evidence_is_mostly_low_grade(client: Client, name: str) -> None:
    html = html_of(client, name)
    assert "Low-grade evidence." in html
    assert "vendor-funded" in html


@pytest.mark.parametrize("name", PAGES)
def test_headings_go_down_one_level_at_a_time(client: Client, name: str) -> None:
    html = html_of(client, name)
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]
    assert levels[0] == 1
    assert levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"h{before} followed by h{after}"


@pytest.mark.parametrize("name", PAGES)
def test_every_table_header_cell_has_a_scope(client: Client, name: str) -> None:
    html = html_of(client, name)
    assert not re.search(r"<th[\s>](?![^>]*scope=)", html)


def test_the_knowledge_base_is_in_the_main_navigation(client: Client) -> None:
    html = client.get("/").content.decode()
    assert f'href="{reverse("knowledge:index")}"' in html


def test_the_index_links_every_reference_page_and_counts_grades(client: Client) -> None:
    html = html_of(client, "index")
    for name in PAGES[1:]:
        assert f'href="{reverse(f"knowledge:{name}")}"' in html
    assert "case series" in html
    assert "vendor-linked or sponsor-funded" in html


def test_the_threads_page_shows_every_material_design_and_product(client: Client) -> None:
    kb = load_knowledge()
    html = html_of(client, "threads")
    for collection in ("materials", "designs", "products", "longevity"):
        for record in getattr(kb, collection):
            assert f'id="{record_anchor(collection, record.id)}"' in html


def test_the_threads_page_gives_absorption_as_ranges_per_source(client: Client) -> None:
    html = html_of(client, "threads")
    assert "6–7 months" in html  # a vendor's PDO range, beside the other sources' ranges
    assert "up to 6 months" in html
    assert "Manufacturer claim" in html


def test_the_threads_page_shows_clearances(client: Client) -> None:
    html = html_of(client, "threads")
    assert "K142061" in html
    assert "Mid-face suspension" in html


def test_the_threads_page_is_honest_about_pdo_longevity(client: Client) -> None:
    html = html_of(client, "threads")
    assert "absent at 1 year" in html  # independent PDO series (R7)
    assert "Independent" in html
    assert "Vendor-linked" in html


def test_the_danger_zones_page_shows_every_zone_and_no_go_region(client: Client) -> None:
    kb = load_knowledge()
    html = html_of(client, "zones")
    assert len(kb.danger_zones) == 15  # 11 danger zones + 4 no-go regions (issue 19)
    for zone in kb.danger_zones:
        assert f'id="zone-{zone.id}"' in html
        assert escape(zone.name) in html
    assert "McKinney" in html  # a construction in words
    assert "6.5 cm" in html  # and in numbers
    assert "sub-SMAS" in html


def test_the_danger_zones_page_marks_our_own_assumptions_as_unconfirmed(client: Client) -> None:
    html = html_of(client, "zones")
    assert "Zone drawn as a circle of 3 cm diameter." in html
    assert "Unconfirmed" in html


def test_the_danger_zones_page_embeds_the_drawings_as_images(client: Client) -> None:
    html = html_of(client, "zones")
    for view in ("frontal", "lateral-left"):
        url = reverse("knowledge:zones_drawing", args=[view])
        assert f'src="{url}"' in html
    assert "<style" not in html  # the site policy forbids inline styles


def test_the_zone_drawing_is_an_svg_with_its_own_narrow_policy(client: Client) -> None:
    response = client.get(reverse("knowledge:zones_drawing", args=["lateral-left"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'"
    body = response.content.decode()
    assert body.startswith("<svg")
    assert "<script" not in body
    assert 'data-zone="parotid_duct"' in body


def test_an_unknown_drawing_view_is_not_found(client: Client) -> None:
    assert client.get(reverse("knowledge:zones_drawing", args=["upside-down"])).status_code == 404


def test_the_complications_handbook_shows_incidence_per_source_and_red_flags(
    client: Client,
) -> None:
    kb = load_knowledge()
    html = html_of(client, "complications")
    assert len(kb.complications) >= 14
    for complication in kb.complications:
        assert f'id="complication-{complication.id}"' in html
    assert "35%" in html
    assert "16.8%" in html
    assert "referral cohort" in html
    assert "Red flags" in html
    assert "Refer urgently:" in html
    assert "Severity: serious" in html


def test_every_record_shows_its_grade_and_sources(client: Client) -> None:
    html = html_of(client, "complications")
    assert html.count('class="record-meta"') == len(load_knowledge().complications)
    assert html.count("Evidence:</span>") == len(load_knowledge().complications)
    assert 'href="/knowledge/bibliography/#R1"' in html


def test_the_regulation_table_lists_every_row_with_confidence_and_date(client: Client) -> None:
    kb = load_knowledge()
    html = html_of(client, "regulation")
    assert f"{len(kb.regulations)} of {len(kb.regulations)} rows" in html
    assert "2025-08-07" in html
    assert "Medium" in html
    assert "Low" in html


def test_the_regulation_table_shows_india_and_northern_ireland_as_unknown(
    client: Client,
) -> None:
    for code in ("IN", "GB-NIR"):
        html = html_of(client, "regulation", jurisdiction=code)
        rows = [r for r in load_knowledge().regulations if r.jurisdiction == code]
        assert rows
        assert all(r.status == "unknown" for r in rows)
        assert f"{len(rows)} of" in html
        assert html.count(">Unknown</span>") == len(rows)


def test_the_us_state_level_caveat_is_visible(client: Client) -> None:
    html = html_of(client, "regulation")
    assert "set by each state" in html
