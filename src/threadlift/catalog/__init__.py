"""Course catalog rules: the state of a course run and who may enrol, as pure functions.

Kept apart from `threadlift.assessment` (clinical judgement) because these are rules about
training and regulation, which the web shell applies to courses and runs.
"""

from threadlift.catalog.eligibility import (
    EnrolmentDecision,
    PractitionerEligibility,
    enrolment_eligibility,
    practitioner_eligibility,
)
from threadlift.catalog.registration import RegistrationCheck, check_registration
from threadlift.catalog.state import RunFacts, RunState, run_state

__all__ = [
    "EnrolmentDecision",
    "PractitionerEligibility",
    "RegistrationCheck",
    "RunFacts",
    "RunState",
    "check_registration",
    "enrolment_eligibility",
    "practitioner_eligibility",
    "run_state",
]
