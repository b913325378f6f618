"""Bridge from a signed-in user and a course or run to the core eligibility rules (no queries)."""

from __future__ import annotations

from academy.accounts.models import PractitionerProfile
from academy.catalog.models import Course, CourseRun
from academy.catalog.vocab import Mode
from threadlift.catalog import EnrolmentDecision, enrolment_eligibility
from threadlift.knowledge import load_knowledge


def hands_on_venue(run: CourseRun | None) -> str | None:
    """The country whose rules govern the run's hands-on practice on patients or models.

    In-person and hybrid runs with hands-on practice treat people at the venue; online runs and
    theory-only runs treat no one there, so only the learner's home rules apply.
    """
    if run is None or not run.hands_on or run.mode == Mode.ONLINE or not run.country:
        return None
    return run.country


def decision_for(
    profile: PractitionerProfile | None, course: Course, run: CourseRun | None = None
) -> EnrolmentDecision | None:
    """None when there is no practitioner profile to judge (anonymous or incomplete).

    With a run, the venue of its hands-on practice counts as well as the learner's jurisdiction.
    """
    if profile is None:
        return None
    return enrolment_eligibility(
        load_knowledge(),
        profession=profile.profession,
        jurisdiction=profile.jurisdiction,
        verified=profile.verified,
        professions_accepted=course.profession_list,
        allows_unverified=course.provider.allows_unverified,
        venue_jurisdiction=hands_on_venue(run),
    )
