"""The writes of the outcomes app: scheduling a case's follow-ups and recording one.

Follow-ups come from the policy's schedule (threadlift.outcomes.policy, our policy, U). A case
whose date changes moves its unrecorded follow-ups; recorded ones keep their dates. Each due
follow-up gets one reminder, queued for its due day (the task checks it is still due then).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from academy.accounts.models import User
from academy.catalog.models import Provider
from academy.catalog.policy import administers_academy
from academy.logbook.models import Case
from academy.outcomes.models import (
    FollowUp,
    FollowUpComplication,
    FollowUpPhoto,
    FollowUpStatus,
    RegistryOptIn,
)
from academy.outcomes.report import triage_for
from academy.outcomes.tasks import follow_up_reminder
from threadlift.outcomes.policy import due_dates, outcomes_policy


def _reminder_time(day: dt.date) -> dt.datetime:
    hour = outcomes_policy().follow_ups.reminder_hour
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@transaction.atomic
def schedule_follow_ups(*, case: Case, now: dt.datetime | None = None) -> list[FollowUp]:
    """Create (or move, for an unrecorded one) the case's scheduled follow-ups and queue a
    reminder for each one still to come."""
    now = now or timezone.now()
    existing = {f.day: f for f in FollowUp.objects.select_for_update().filter(case=case)}
    out = []
    for visit, due in due_dates(case.date):
        item = existing.get(visit.day)
        if item is None:
            item = FollowUp(case=case, day=visit.day, label=visit.label, due_on=due)
        elif item.is_recorded or item.due_on == due:
            out.append(item)
            continue
        item.due_on = due
        item.full_clean(validate_unique=False)
        item.save()
        when = _reminder_time(due)
        # a backend that runs tasks at once (TASKS_BACKEND=immediate, a local try-out) cannot
        # hold a reminder until its day: none is queued there rather than one sent too early
        if when > now and follow_up_reminder.get_backend().supports_defer:
            follow_up_reminder.using(run_after=when).enqueue(
                follow_up_id=item.pk, due_on=due.isoformat()
            )
        out.append(item)
    return out


@dataclass(frozen=True)
class ComplicationEntry:
    complication: str
    severity: str
    onset_day: int
    management: str = ""
    resolved_on: dt.date | None = None


def _check(
    item: FollowUp, entries: list[ComplicationEntry], *, seen_on: dt.date | None, today: dt.date
) -> None:
    case = item.case
    errors: dict[str, list[str]] = {}
    if case.date > today:
        raise ValidationError(
            {
                "__all__": [
                    "The procedure date has not come yet: an untreated case has no follow-up."
                ]
            }
        )
    if seen_on is not None:
        if seen_on < case.date:
            errors.setdefault("seen_on", []).append("A follow-up comes after the procedure date.")
        if seen_on > today:
            errors.setdefault("seen_on", []).append(
                "Record a visit once it has happened: not in the future."
            )
    for k, entry in enumerate(entries):
        onset = case.date + dt.timedelta(days=entry.onset_day)
        if seen_on is not None and onset > seen_on:
            errors.setdefault(f"complications-{k}-onset_day", []).append(
                f"The onset is after the visit (day {(seen_on - case.date).days}): a complication "
                "is recorded once it has begun."
            )
        if entry.resolved_on is None:
            continue
        if entry.resolved_on < onset:
            errors.setdefault(f"complications-{k}-resolved_on", []).append(
                "The resolved date is before the onset (procedure date plus onset day)."
            )
        if entry.resolved_on > today:
            errors.setdefault(f"complications-{k}-resolved_on", []).append(
                "A complication is resolved on a day that has come."
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def follow_up_record(
    *,
    follow_up: FollowUp,
    recorded_by: User,
    seen: bool,
    seen_on: dt.date | None,
    not_seen_reason: str,
    symptoms: list[str],
    satisfaction: int | None,
    notes: str,
    complications: list[ComplicationEntry],
    photos: Sequence[tuple[ContentFile[bytes], int, int]] = (),
    now: dt.datetime | None = None,
) -> FollowUp:
    """Record a follow-up (or record it again, replacing its complications); the symptoms are
    triaged on the day seen and the urgency kept. Raises ValidationError naming the field;
    nothing is saved unless everything is valid."""
    now = now or timezone.now()
    item = FollowUp.objects.select_for_update().select_related("case").get(pk=follow_up.pk)
    if not seen and not not_seen_reason:
        raise ValidationError({"not_seen_reason": ["Say why the patient was not seen."]})
    if seen and seen_on is None:
        raise ValidationError({"seen_on": ["Give the date the patient was seen."]})
    today = timezone.localdate(now)
    _check(item, complications if seen else [], seen_on=seen_on if seen else None, today=today)
    item.status = FollowUpStatus.SEEN if seen else FollowUpStatus.NOT_SEEN
    item.seen_on = seen_on if seen else None
    item.not_seen_reason = "" if seen else not_seen_reason
    item.had_complication = bool(complications) if seen else None
    item.symptoms = list(symptoms) if seen else []
    triaged = triage_for(item, symptoms=list(symptoms), seen_on=seen_on) if seen else None
    item.urgency = triaged.urgency if triaged else ""
    item.satisfaction = satisfaction if seen else None
    item.notes = notes
    item.recorded_at = now
    item.recorded_by = recorded_by
    item.full_clean()
    item.save()
    item.complications.all().delete()
    for entry in complications if seen else []:
        row = FollowUpComplication(follow_up=item, **entry.__dict__)
        row.full_clean()
        row.save()
    for content, width, height in photos:  # already checked and re-encoded (clean_photo)
        photo = FollowUpPhoto(follow_up=item, width=width, height=height, uploaded_by=recorded_by)
        photo.file.save(content.name or "photo.jpg", content, save=False)
        photo.save()
    return item


@transaction.atomic
def registry_share(
    *, provider: Provider, user: User, share: bool, now: dt.datetime | None = None
) -> None:
    """An academy's admin shares (or stops sharing) its anonymised follow-ups."""
    if not administers_academy(user, provider.pk):
        raise PermissionDenied("Only an admin of this academy may change its sharing.")
    if share:
        RegistryOptIn.objects.get_or_create(
            provider=provider, defaults={"opted_in_at": now or timezone.now(), "opted_in_by": user}
        )
    else:
        RegistryOptIn.objects.filter(provider=provider).delete()
