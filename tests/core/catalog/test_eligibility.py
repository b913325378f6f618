"""Eligibility from the knowledge base's regulation data and the course's policy."""

from __future__ import annotations

import pytest

from threadlift.catalog import enrolment_eligibility, practitioner_eligibility
from threadlift.knowledge import load_knowledge

KB = load_knowledge()
DOCTORS = ("physician", "dermatologist", "plastic_surgeon")


@pytest.mark.parametrize(
    ("jurisdiction", "profession"),
    [(r.jurisdiction, r.profession) for r in KB.regulations],
)
def test_every_regulation_record_is_what_practitioners_are_told(
    jurisdiction: str, profession: str
) -> None:
    record = KB.regulations_for(jurisdiction, profession)[0]
    answer = practitioner_eligibility(KB, profession=profession, jurisdiction=jurisdiction)
    assert answer.status == record.status
    assert answer.sources == tuple(record.sources)
    assert answer.confidence == record.confidence
    assert answer.source_date == record.source_date


def test_a_us_state_falls_back_to_the_country_record_with_its_caveat() -> None:
    answer = practitioner_eligibility(KB, profession="physician", jurisdiction="us-ca")
    assert answer.matched_jurisdiction == "US"
    assert answer.status == KB.regulations_for("US", "physician")[0].status


def test_a_jurisdiction_we_know_nothing_about_is_unknown_never_guessed() -> None:
    answer = practitioner_eligibility(KB, profession="physician", jurisdiction="FR")
    assert answer.status == "unknown"
    assert answer.confidence == "low"
    assert answer.sources == ()


def test_northern_ireland_and_india_are_unknown() -> None:
    for code in ("GB-NIR", "IN"):
        assert practitioner_eligibility(KB, profession="physician", jurisdiction=code).status == (
            "unknown"
        )


def test_a_nurse_is_refused_by_a_course_not_open_to_nurses_with_the_reason() -> None:
    decision = enrolment_eligibility(
        KB,
        profession="registered_nurse",
        jurisdiction="GB-ENG",
        verified=True,
        professions_accepted=DOCTORS,
        allows_unverified=False,
    )
    assert not decision.allowed
    assert [r.code for r in decision.blocking] == ["profession_not_accepted"]
    assert "not open to registered nurses" in decision.blocking[0].message


def test_an_unverified_registration_enrols_only_where_the_provider_allows_it() -> None:
    kwargs = dict(
        profession="physician", jurisdiction="GB-ENG", verified=False, professions_accepted=DOCTORS
    )
    assert not enrolment_eligibility(KB, allows_unverified=False, **kwargs).allowed  # type: ignore[arg-type]
    assert enrolment_eligibility(KB, allows_unverified=True, **kwargs).allowed  # type: ignore[arg-type]


def test_where_the_regulation_says_may_not_enrolment_is_refused_with_its_sources() -> None:
    may_not = next(r for r in KB.regulations if r.status == "may_not")
    decision = enrolment_eligibility(
        KB,
        profession=may_not.profession,
        jurisdiction=may_not.jurisdiction,
        verified=True,
        professions_accepted=(may_not.profession,),
        allows_unverified=False,
    )
    assert not decision.allowed
    blocking = decision.blocking[0]
    assert blocking.code == "regulation_may_not"
    assert blocking.sources == tuple(may_not.sources)


def test_an_unknown_regulation_is_a_caution_not_a_refusal() -> None:
    decision = enrolment_eligibility(
        KB,
        profession="physician",
        jurisdiction="GB-NIR",
        verified=True,
        professions_accepted=DOCTORS,
        allows_unverified=False,
    )
    assert decision.allowed
    assert "regulation_unknown" in [r.code for r in decision.reasons]
