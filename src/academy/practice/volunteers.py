"""Volunteer models: an application screened by the assessment engine, and the academy's
decision. A `not_suitable` verdict can never be accepted (fail safe: a verdict the code does
not know counts as not suitable)."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.db import transaction

from academy.accounts.models import User
from academy.practice import notify
from academy.practice.forms import CONSENT_TEXT
from academy.practice.models import ApplicationStatus, VolunteerApplication
from academy.practice.services import PracticeError, lock_session
from threadlift.assessment import PatientProfile, aftercare_schedule, assess
from threadlift.knowledge import KnowledgeBase
from threadlift.knowledge.vocab import IndicationId
from threadlift.practice import pre_treatment_instructions


def application_create(
    *,
    session_id: int,
    full_name: str,
    email: str,
    phone: str,
    profile: PatientProfile,
    kb: KnowledgeBase,
    now: dt.datetime,
) -> VolunteerApplication:
    """Store an application with the engine's verdict and reasons (as the engine gave them)."""
    result = assess(profile, kb)
    with transaction.atomic():
        application = VolunteerApplication(
            session_id=session_id,
            full_name=full_name.strip(),
            email=email.strip(),
            phone=phone.strip(),
            consent_text=CONSENT_TEXT,
            consented_at=now,
            answers=profile.model_dump(mode="json"),
            reasons=[r.model_dump(mode="json") for r in result.reasons],
            verdict=result.verdict,
        )
        application.full_clean()
        application.save()
        notify.application_received(application=application)
    return application


def application_accept(
    *, application_id: int, by: User, kb: KnowledgeBase, now: dt.datetime, slot: int | None = None
) -> VolunteerApplication:
    """Accept into a slot (the first free one unless given); never beyond the session's slots."""
    with transaction.atomic():
        session_id = VolunteerApplication.objects.values_list("session_id", flat=True).get(
            pk=application_id
        )
        session = lock_session(session_id)
        application = VolunteerApplication.objects.select_related("session").get(pk=application_id)
        if application.erased_at is not None:
            raise PracticeError("erased", "This application's data was erased.")
        if application.not_suitable:
            raise PracticeError(
                "not_suitable",
                "The screening found this applicant not suitable: they cannot be "
                "accepted as a model.",
            )
        if application.status == ApplicationStatus.ACCEPTED:
            return application
        taken = set(
            VolunteerApplication.objects.filter(session=session, slot__isnull=False)
            .exclude(pk=application.pk)
            .values_list("slot", flat=True)
        )
        free = [n for n in range(1, session.model_slots + 1) if n not in taken]
        if not free:
            raise PracticeError("full", f"All {session.model_slots} model slots are taken.")
        if slot is None:
            slot = free[0]
        elif slot not in free:
            raise PracticeError(
                "slot", f"Slot {slot} is not free; free slots: {', '.join(map(str, free))}."
            )
        application.status = ApplicationStatus.ACCEPTED
        application.slot = slot
        application.decided_at = now
        application.decided_by = by
        application.pre_treatment_sent_at = now
        application.save()
        notify.application_accepted(
            application=application, instructions=pre_treatment_instructions(kb, session.date)
        )
    return application


def application_decline(*, application_id: int, by: User, now: dt.datetime) -> VolunteerApplication:
    with transaction.atomic():
        application = VolunteerApplication.objects.select_for_update().get(pk=application_id)
        if application.erased_at is not None:
            raise PracticeError("erased", "This application's data was erased.")
        if application.status == ApplicationStatus.DECLINED:
            return application
        application.status = ApplicationStatus.DECLINED
        application.slot = None
        application.decided_at = now
        application.decided_by = by
        application.save()
        notify.application_declined(application=application)
    return application


def application_send_aftercare(
    *,
    application: VolunteerApplication,
    treated_on: dt.date,
    indication: str,
    kb: KnowledgeBase,
    now: dt.datetime,
) -> VolunteerApplication:
    if application.erased_at is not None or application.status != ApplicationStatus.ACCEPTED:
        raise PracticeError("not_accepted", "Aftercare goes to accepted models only.")
    provider = application.session.run.course.provider
    contact = f"{provider.name} {provider.website}"
    schedule = aftercare_schedule(
        kb, treated_on, cast(IndicationId, indication), clinic_contact=contact
    )
    with transaction.atomic():
        application.aftercare_sent_at = now
        application.save(update_fields=["aftercare_sent_at"])
        notify.aftercare_sheet(application=application, schedule=schedule, treated_on=treated_on)
    return application
