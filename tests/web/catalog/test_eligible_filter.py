"""The catalog's "only runs I am eligible for" filter (SQL) agrees with the enrolment rules
(threadlift.catalog.enrolment_eligibility) for every kind of practitioner and course."""

from __future__ import annotations

import itertools

import pytest
from django.utils import timezone

from academy.accounts.models import PractitionerProfile, Role
from academy.catalog.eligibility import decision_for
from academy.catalog.selectors import catalog_runs
from tests.web.catalog import factories as f
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db

PRACTITIONERS = [
    # profession, jurisdiction (KR nurses: the regulation data says may not)
    ("physician", "GB-ENG"),
    ("registered_nurse", "GB-ENG"),
    ("registered_nurse", "KR"),
    ("dentist", "AE-DU"),
    ("physician", "US-CA"),
]


def test_the_eligible_filter_shows_exactly_the_runs_the_rules_allow() -> None:
    runs = []
    for professions, allows in itertools.product(
        (["physician"], ["physician", "registered_nurse"], ["dentist", "registered_nurse"]),
        (True, False),
    ):
        runs.append(f.run(f.course(f.provider(allows_unverified=allows), professions=professions)))
    now = timezone.now()
    for i, ((profession, jurisdiction), verified) in enumerate(
        itertools.product(PRACTITIONERS, (True, False))
    ):
        user = make_user(f"p{i}@example.org", f"P{i}", Role.LEARNER, profession)
        PractitionerProfile.objects.filter(user=user).update(
            jurisdiction=jurisdiction, verified=verified
        )
        profile = PractitionerProfile.objects.get(user=user)
        shown = set(catalog_runs({"eligible": True}, profile=profile, now=now))
        allowed = {run for run in runs if decision_for(profile, run.course, run).allowed}  # type: ignore[union-attr]
        assert shown == allowed, (profession, jurisdiction, verified)


def test_the_eligible_filter_applies_the_venue_rule_for_hands_on_abroad() -> None:
    """Nurses may not perform thread lifts in South Korea or Malaysia (our data): hands-on runs
    there are hidden from a nurse from England; online and theory-only runs there are not."""
    nurses = f.course(f.provider(allows_unverified=True), professions=["registered_nurse"])
    runs = [
        f.run(nurses, country="KR", city="Seoul"),
        f.run(nurses, country="KR", city="Seoul", mode="hybrid"),
        f.run(nurses, country="MY", city="Kuala Lumpur"),
        f.run(nurses, country="KR", city="", mode="online", hands_on=False),
        f.run(nurses, country="KR", city="Seoul", hands_on=False, hands_on_hours=0),
        f.run(nurses, country="GB", city="London"),
        f.run(nurses, country="FR", city="Paris"),
    ]
    now = timezone.now()
    for i, (profession, jurisdiction) in enumerate(PRACTITIONERS):
        user = make_user(f"v{i}@example.org", f"V{i}", Role.LEARNER, profession)
        PractitionerProfile.objects.filter(user=user).update(jurisdiction=jurisdiction)
        profile = PractitionerProfile.objects.get(user=user)
        shown = set(catalog_runs({"eligible": True}, profile=profile, now=now))
        allowed = {run for run in runs if decision_for(profile, run.course, run).allowed}  # type: ignore[union-attr]
        assert shown == allowed, (profession, jurisdiction)
    nurse = PractitionerProfile.objects.get(user__email="v1@example.org")
    assert {r.city for r in catalog_runs({"eligible": True}, profile=nurse, now=now)} == {
        "",
        "Seoul",
        "London",
        "Paris",
    }
