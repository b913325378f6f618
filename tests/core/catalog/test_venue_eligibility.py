"""Eligibility counts where the hands-on happens: the venue regulation applies as well as home."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from threadlift.catalog import enrolment_eligibility
from threadlift.catalog.eligibility import PROFESSION_LABELS
from threadlift.knowledge import load_knowledge

KB = load_knowledge()
ALL = tuple(PROFESSION_LABELS)
PLACES = sorted({r.jurisdiction for r in KB.regulations} | {"FR", "IN", "GB", "AE"})


def decide(profession: str, home: str, venue: str | None, **kw: Any) -> Any:
    return enrolment_eligibility(
        KB,
        profession=profession,
        jurisdiction=home,
        verified=True,
        professions_accepted=ALL,
        allows_unverified=False,
        venue_jurisdiction=venue,
        **kw,
    )


def test_a_nurse_from_england_is_refused_hands_on_in_south_korea_and_told_which_rule() -> None:
    decision = decide("registered_nurse", "GB-ENG", "KR")
    assert not decision.allowed
    (block,) = decision.blocking
    assert block.code == "venue_regulation_may_not"
    assert block.rule == "venue_regulation"
    assert "South Korea, where the hands-on happens" in block.message
    assert block.sources
    assert decision.decided_by == (
        "Decided by the regulation where the hands-on happens (South Korea)."
    )
    assert decision.venue_regulation is not None
    assert decision.venue_regulation.status == "may_not"


def test_the_same_nurse_may_take_an_online_or_theory_run_from_south_korea() -> None:
    decision = decide("registered_nurse", "GB-ENG", None)
    assert decision.allowed
    assert decision.venue_regulation is None
    assert "South Korea" not in decision.decided_by


def test_a_venue_in_the_learners_own_country_adds_no_second_rule() -> None:
    decision = decide("physician", "GB-ENG", "GB")
    assert decision.venue_regulation is None
    assert [r.rule for r in decision.reasons if r.rule.endswith("regulation")] == [
        "home_regulation"
    ]
    assert decision.decided_by.startswith("Decided by the regulation where you practise")


def test_a_venue_we_know_nothing_about_is_a_caution_never_a_pass() -> None:
    decision = decide("physician", "GB-ENG", "FR")
    venue = next(r for r in decision.reasons if r.rule == "venue_regulation")
    assert venue.severity == "caution"
    assert venue.code == "venue_regulation_unknown"
    assert "where the hands-on happens" in decision.decided_by


def test_a_home_refusal_is_named_even_when_the_venue_allows() -> None:
    decision = decide("registered_nurse", "KR", "GB")
    assert not decision.allowed
    assert decision.decided_by == "Decided by the regulation where you practise (South Korea)."


@given(
    profession=st.sampled_from(ALL),
    home=st.sampled_from(PLACES),
    venue=st.sampled_from(PLACES),
)
def test_a_venue_never_makes_the_answer_more_permissive(
    profession: str, home: str, venue: str
) -> None:
    """Stricter of the two: with a venue, never allowed where home alone refuses, never fewer
    blocking or cautionary reasons, and a venue refusal always refuses."""
    alone = decide(profession, home, None)
    both = decide(profession, home, venue)
    assert both.allowed <= alone.allowed
    assert len(both.blocking) >= len(alone.blocking)
    if both.venue_regulation is not None and both.venue_regulation.status == "may_not":
        assert not both.allowed
    assert both.decided_by.startswith("Decided by ")
