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
        allowed = {run for run in runs if decision_for(profile, run.course).allowed}  # type: ignore[union-attr]
        assert shown == allowed, (profession, jurisdiction, verified)
