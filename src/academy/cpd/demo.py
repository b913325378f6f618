"""Demo portfolio: the demo learner's CPD credits (from their certificate), one external
activity, a reflection, a piece of feedback and a development goal (all fictional)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from academy.accounts.models import User
from academy.cpd import services
from academy.cpd.models import (
    CreditEntry,
    CreditType,
    DevelopmentGoal,
    EntryKind,
    ExternalActivity,
    FeedbackNote,
    Reflection,
)

LEARNER = "learner@demo.threadlift.test"
NURSE = "nurse@demo.threadlift.test"
LABEL = "(demo, fictional)"


def describe() -> list[str]:
    return [
        f"A CPD portfolio for {LEARNER}: the credits of their certificate, one external "
        "activity, a reflection, a piece of feedback and a development goal (/portfolio/)",
    ]


def load() -> list[tuple[str, str]]:
    learner = User.objects.filter(email=LEARNER).first()
    if learner is None:
        return []
    now = timezone.now()
    today = timezone.localdate()
    external, _ = ExternalActivity.objects.get_or_create(
        learner=learner,
        title=f"Facial vascular anatomy webinar {LABEL}",
        defaults={
            "provider_name": "Northern Aesthetic Society (fictional)",
            "date": today - dt.timedelta(days=60),
            "hours": Decimal("2.0"),
            "credit_type": CreditType.PARTICIPATORY,
            "notes": "Live webinar with questions to the panel.",
            "created_at": now,
        },
    )
    FeedbackNote.objects.get_or_create(
        learner=learner,
        summary=f"The patient found the aftercare sheet clear and easy to follow {LABEL}.",
        defaults={
            "source": "patient",
            "received_on": today - dt.timedelta(days=20),
            "created_at": now,
        },
    )
    credit = (
        CreditEntry.objects.filter(learner=learner, kind=EntryKind.AWARD)
        .order_by("awarded_on")
        .first()
    )
    if not Reflection.objects.filter(learner=learner).exists():
        Reflection.objects.create(
            learner=learner,
            written_on=today - dt.timedelta(days=5),
            nature=f"A hands-on PDO thread-lift course with supervised practice {LABEL}.",
            learned="Marking the danger zones and the entry points before the case kept the "
            "cannula in the right plane.",
            changed="I now mark and photograph the plan before every procedure and check it "
            "with my supervisor.",
            code_themes=["safety", "effective"],
            code_relation="Preserve safety and practise effectively: I work within my "
            "competence and keep my skills up to date.",
            credit=credit,
            external=None if credit else external,
            created_at=now,
        )
    DevelopmentGoal.objects.get_or_create(
        learner=learner,
        title=f"Recognise and manage early complications {LABEL}",
        defaults={
            "development_outcomes": ["C", "D"],
            "target_date": today + dt.timedelta(days=120),
            "status": "in_progress",
            "created_at": now,
        },
    )
    # The demo nurse's certificate is revoked (credentials demo): its credit is reversed.
    for entry in CreditEntry.objects.filter(
        learner__email=NURSE, kind=EntryKind.AWARD, reversed_by__isnull=True
    ):
        services.credit_reverse(entry=entry, reason="Demo: the certificate was revoked", now=now)
    return []
