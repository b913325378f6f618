"""The bridge from a signed-in user and a course to the core eligibility rules (no queries)."""

from __future__ import annotations

from academy.accounts.models import PractitionerProfile
from academy.catalog.models import Course
from threadlift.catalog import EnrolmentDecision, enrolment_eligibility
from threadlift.knowledge import load_knowledge


def decision_for(profile: PractitionerProfile | None, course: Course) -> EnrolmentDecision | None:
    """None when there is no practitioner profile to judge (anonymous or incomplete)."""
    if profile is None:
        return None
    return enrolment_eligibility(
        load_knowledge(),
        profession=profile.profession,
        jurisdiction=profile.jurisdiction,
        verified=profile.verified,
        professions_accepted=course.profession_list,
        allows_unverified=course.provider.allows_unverified,
    )
