"""The WBA forms file validates, cites known sources, and scores as its sources say."""

from __future__ import annotations

import pytest

from threadlift.knowledge import load_knowledge
from threadlift.wba import NOT_OBSERVED, load_forms, score
from threadlift.wba.forms import parse_forms


def test_every_form_cites_sources_from_the_bibliography() -> None:
    known = {s.id for s in load_knowledge().sources}
    catalogue = load_forms()
    assert {f.id for f in catalogue.forms} == {"cbd", "mini_cex", "msf", "patient"}
    for record in (*catalogue.scales, *catalogue.forms):
        assert record.sources
        assert set(record.sources) <= known


def test_the_mini_cex_has_nine_points_in_three_bands() -> None:
    catalogue = load_forms()
    scale = catalogue.scale_of(catalogue.form("mini_cex"))
    assert [p.value for p in scale.points] == list(range(1, 10))
    assert [p.band for p in scale.points] == ["unsatisfactory"] * 3 + ["satisfactory"] * 3 + [
        "superior"
    ] * 3
    assert not scale.unconfirmed


def test_the_unconfirmed_wording_is_marked() -> None:
    catalogue = load_forms()
    assert catalogue.scale_of(catalogue.form("cbd")).unconfirmed
    assert catalogue.form("msf").unconfirmed


def test_an_overall_item_form_scores_its_global_rating() -> None:
    catalogue = load_forms()
    form = catalogue.form("mini_cex")
    result = score(form, catalogue.scale_of(form), {"overall": "7", "interviewing": "5"})
    assert (result.overall, result.band, result.scored) == (7, "superior", True)
    unrated = score(form, catalogue.scale_of(form), {"overall": NOT_OBSERVED})
    assert unrated.overall is None
    assert not unrated.scored


def test_a_value_off_the_scale_counts_as_not_observed() -> None:
    catalogue = load_forms()
    form = catalogue.form("cbd")
    assert score(form, catalogue.scale_of(form), {"overall": "9"}).overall is None


def test_the_care_measure_sums_ten_items_and_fills_two_gaps_with_the_mean() -> None:
    catalogue = load_forms()
    form = catalogue.form("patient")
    scale = catalogue.scale_of(form)
    ids = [d.id for d in form.domains]
    assert catalogue.overall_range(form) == (10, 50)
    assert score(form, scale, dict.fromkeys(ids, "4")).overall == 40
    two_gaps = dict.fromkeys(ids, "5") | {ids[0]: NOT_OBSERVED, ids[1]: NOT_OBSERVED}
    assert score(form, scale, two_gaps).overall == 50
    three_gaps = two_gaps | {ids[2]: NOT_OBSERVED}
    result = score(form, scale, three_gaps)
    assert not result.scored
    assert result.overall is None


def test_a_form_citing_an_unknown_source_is_refused() -> None:
    text = """
scales:
  - {id: s, name: S, points: [{value: 1, label: one, band: low}], not_observed: n,
     note: x, sources: [NOPE], evidence: cohort}
forms: []
"""
    with pytest.raises(ValueError, match="unknown or missing sources"):
        parse_forms(text, {"R1"})
