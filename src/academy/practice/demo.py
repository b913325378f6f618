"""Demo practical sessions on the demo hands-on runs, bookings, and two volunteer applications
(one accepted, one not suitable). Idempotent; every person is fictional."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from academy.accounts.models import User
from academy.catalog.models import CourseRun, Enrolment, EnrolmentStatus
from academy.practice.forms import CONSENT_TEXT
from academy.practice.models import (
    ApplicationStatus,
    BookingStatus,
    PracticalSession,
    SessionBooking,
    VolunteerApplication,
)
from threadlift.assessment import assess, parse_profile
from threadlift.knowledge import load_knowledge

BASE_PROFILE: dict[str, Any] = {
    "age": 52,
    "sex": "female",
    "fitzpatrick": 2,
    "glogau": 2,
    "bmi": 23.0,
    "smoker": False,
    "areas": {"jowl": {"laxity": 2, "concern": "sagging"}},
    "skin": {"thickness": "normal", "photodamage": "mild"},
    "conditions": [],
    "history": [],
    "screening": {"bddq_as": {"q1": False, "q2": False}, "dcq": [0, 0, 1, 0, 0, 0, 0]},
    "medical": {
        "allergies": {"local_anaesthetic": False, "polymer": False, "other": ""},
        "isotretinoin_last_6_months": False,
        "recent_dental_treatment_or_infection": False,
        "cold_sores_in_area": False,
        "permanent_filler_in_area": False,
    },
    "expectations": {"expects": "A softer jawline", "expected_months": 12, "realistic": True},
}
# (e-mail local part, name, extra conditions, accepted?)
VOLUNTEERS = [
    ("model.one", "Morgan Ames (demo model)", [], True),
    ("model.two", "Robin Vale (demo model)", ["pregnancy"], False),
]


def describe() -> list[str]:
    return [
        "practical sessions on the demo hands-on runs, with the demo learner booked on one",
        "two demo volunteer models: one accepted, one screened not suitable",
    ]


def _session(run: CourseRun, day: dt.date, start: int, places: int) -> PracticalSession:
    session, _ = PracticalSession.objects.get_or_create(
        run=run,
        date=day,
        starts_at=dt.time(start, 0),
        defaults={
            "ends_at": dt.time(start + 3, 30),
            "venue": f"{run.course.provider.name}, clinical skills room",
            "places": places,
            "model_slots_per_delegate": 1,
            "notes": "Demo session: fictional.",
        },
    )
    session.trainers.set(list(run.trainers.all()[:2]))
    return session


def load() -> list[tuple[str, str]]:
    kb = load_knowledge()
    runs = list(
        CourseRun.objects.filter(
            course__slug__in=["pdo-foundation", "advanced-midface"], hands_on=True, archived=False
        ).order_by("starts_on", "id")
    )
    if not runs:
        return []
    sessions = [_session(run, run.starts_on, 13, 4) for run in runs]
    sessions.append(_session(runs[0], runs[0].starts_on, 9, 6))
    learner = User.objects.filter(email="learner@demo.threadlift.test").first()
    first = runs[0]
    if learner is not None:
        Enrolment.objects.get_or_create(
            run=first, learner=learner, defaults={"status": EnrolmentStatus.ENROLLED}
        )
        first.seats_taken = first.enrolments.filter(status=EnrolmentStatus.ENROLLED).count()
        first.save(update_fields=["seats_taken"])
        for session in (sessions[0], sessions[-1]):  # both sessions of the first run
            if not SessionBooking.objects.filter(session=session, learner=learner).exists():
                SessionBooking.objects.create(
                    session=session, learner=learner, status=BookingStatus.BOOKED
                )
    now = timezone.now()
    for slot, (local, name, conditions, accepted) in enumerate(VOLUNTEERS, start=1):
        email = f"{local}@demo.threadlift.test"
        if VolunteerApplication.objects.filter(session=sessions[0], email=email).exists():
            continue
        profile = parse_profile({**BASE_PROFILE, "conditions": conditions}, kb)
        result = assess(profile, kb)
        VolunteerApplication.objects.create(
            session=sessions[0],
            full_name=name,
            email=email,
            phone="",
            consent_text=CONSENT_TEXT,
            consented_at=now,
            answers=profile.model_dump(mode="json"),
            reasons=[r.model_dump(mode="json") for r in result.reasons],
            verdict=result.verdict,
            status=ApplicationStatus.ACCEPTED if accepted else ApplicationStatus.PENDING,
            slot=slot if accepted else None,
            decided_at=now if accepted else None,
            pre_treatment_sent_at=now if accepted else None,
        )
    return []
