"""Volunteer models' personal data: export on request, erasure on request, and the purge at the
end of each academy's retention period. Each is recorded in `ModelDataEvent` with who did it
(`academy.accounts.audit.current_actor`; "system" for the background task)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F

from academy.accounts.audit import actor_label
from academy.accounts.models import User
from academy.practice.models import (
    DEFAULT_RETENTION_DAYS,
    DataAction,
    ModelDataEvent,
    PracticeSettings,
    VolunteerApplication,
)

ERASED_NAME = "(erased)"


def retention_days(provider_id: int) -> int:
    found = PracticeSettings.objects.filter(provider_id=provider_id).first()
    return found.model_retention_days if found else DEFAULT_RETENTION_DAYS


def _record(application: VolunteerApplication, action: str, by: User | None) -> None:
    ModelDataEvent.objects.create(
        application=application, action=action, by=by, by_label=actor_label(by)
    )


def application_export(*, application: VolunteerApplication, by: User | None) -> dict[str, Any]:
    """Everything held about one model, as JSON-ready data (and the export is recorded)."""
    session = application.session
    _record(application, DataAction.EXPORTED, by)
    return {
        "application": application.pk,
        "academy": session.run.course.provider.name,
        "session": {
            "course": session.run.course.title,
            "date": session.date.isoformat(),
            "starts_at": session.starts_at.isoformat(),
            "venue": session.venue,
        },
        "full_name": application.full_name,
        "email": application.email,
        "phone": application.phone,
        "consent": {
            "text": application.consent_text,
            "given_at": application.consented_at.isoformat() if application.consented_at else None,
        },
        "answers": application.answers,
        "screening": {"verdict": application.verdict, "reasons": application.reasons},
        "status": application.status,
        "slot": application.slot,
        "applied_at": application.created_at.isoformat(),
        "pre_treatment_sent_at": _iso(application.pre_treatment_sent_at),
        "aftercare_sent_at": _iso(application.aftercare_sent_at),
        "erased_at": _iso(application.erased_at),
        "data_events": [
            {"action": e.action, "by": e.by_label, "at": e.at.isoformat()}
            for e in application.data_events.all()
        ],
    }


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _wipe(application: VolunteerApplication, now: dt.datetime) -> None:
    application.full_name = ERASED_NAME
    application.email = ""
    application.phone = ""
    application.consent_text = ""
    application.answers = {}
    application.reasons = []
    application.erased_at = now
    application.save(
        update_fields=[
            "full_name",
            "email",
            "phone",
            "consent_text",
            "answers",
            "reasons",
            "erased_at",
        ]
    )


def application_erase(
    *, application: VolunteerApplication, by: User | None, now: dt.datetime
) -> VolunteerApplication:
    """Wipe the personal fields; the row stays (status, slot, verdict) for the academy's counts."""
    with transaction.atomic():
        if application.erased_at is None:
            _wipe(application, now)
            _record(application, DataAction.ERASED, by)
    return application


def expired_applications(*, today: dt.date) -> list[VolunteerApplication]:
    """Applications whose session ended more than their academy's retention period ago."""
    rows = (
        VolunteerApplication.objects.filter(erased_at__isnull=True, session__date__lt=today)
        .annotate(days=F("session__run__course__provider__practice_settings__model_retention_days"))
        .select_related("session")
    )
    expired: list[VolunteerApplication] = []
    for application in rows:
        days = application.days or DEFAULT_RETENTION_DAYS
        if application.session.date + dt.timedelta(days=days) < today:
            expired.append(application)
    return expired


def purge_expired(*, today: dt.date, now: dt.datetime) -> int:
    """Erase every application past its retention period; returns how many were erased."""
    count = 0
    for application in expired_applications(today=today):
        with transaction.atomic():
            _wipe(application, now)
            _record(application, DataAction.PURGED, None)
        count += 1
    return count


__all__ = [
    "application_erase",
    "application_export",
    "expired_applications",
    "purge_expired",
    "retention_days",
]
