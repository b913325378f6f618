"""Every write of the CPD app. The ledger is only inserted into: `credit_award` when a
certificate is issued, `credit_reverse` to correct one. Keyword-only, `now` passed in,
`full_clean()` before save."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from academy.accounts.models import User
from academy.catalog.models import CourseRun
from academy.cpd.models import (
    CreditEntry,
    DevelopmentGoal,
    EntryKind,
    ExternalActivity,
    FeedbackNote,
    Reflection,
)
from threadlift.cpd.policy import cpd_policy

EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
EVIDENCE_TYPES = {"pdf", "png", "jpg", "jpeg"}


def keep_until(day: dt.date) -> dt.date:
    years = settings.CPD_RETENTION_YEARS
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def run_label(run: CourseRun) -> str:
    place = f", {run.city}" if run.city else ""
    return f"{run.starts_on:%d %b %Y}–{run.ends_on:%d %b %Y} ({run.get_mode_display()}{place})"


def credit_award(
    *,
    learner: User,
    run: CourseRun,
    hours: Decimal | None,
    awarded_on: dt.date,
    evidence_url: str,
    source_ref: str,
    replaces_ref: str | None = None,
    now: dt.datetime,
) -> CreditEntry | None:
    """Credit the run's hours to the learner, split by the data's policy (hands-on and live
    hours participatory). Once per certificate; none for a renewal of a credited certificate,
    nor for a run without hours."""
    if not hours or hours <= 0:
        return None
    if CreditEntry.objects.filter(source_ref__in=[source_ref, replaces_ref or source_ref]).exists():
        return None
    split = cpd_policy().credit_split.split(
        mode=run.mode, theory=run.theory_hours, hands_on=run.hands_on_hours
    )
    if split["participatory"] + split["self_directed"] != hours:
        # The certificate says how many hours; a run without the theory/hands-on split counts
        # them as its mode's taught hours.
        split = cpd_policy().credit_split.split(mode=run.mode, theory=hours, hands_on=Decimal(0))
    course = run.course
    entry = CreditEntry(
        learner=learner,
        learner_name=learner.full_name or learner.email,
        provider=course.provider,
        provider_name=course.provider.name,
        course_id_snapshot=course.pk,
        course_title=course.title,
        run_id_snapshot=run.pk,
        run_label=run_label(run),
        participatory_hours=split["participatory"],
        self_directed_hours=split["self_directed"],
        awarded_on=awarded_on,
        evidence_url=evidence_url,
        source_ref=source_ref,
        kind=EntryKind.AWARD,
        keep_until=keep_until(awarded_on),
        recorded_at=now,
    )
    entry.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:  # awarded meanwhile
        return None
    return entry


def credits_withdraw(*, source_refs: list[str], reason: str, now: dt.datetime) -> list[CreditEntry]:
    """Reverse the awards made for these certificates (a certificate and the ones it renewed)
    that are not reversed yet: a revoked certificate no longer counts as CPD."""
    awards = CreditEntry.objects.filter(
        source_ref__in=source_refs, kind=EntryKind.AWARD, reversed_by__isnull=True
    )
    return [credit_reverse(entry=entry, reason=reason, now=now) for entry in awards]


def credit_reverse(*, entry: CreditEntry, reason: str, now: dt.datetime) -> CreditEntry:
    """Correct an award with a new row of the opposite hours; the award stays as it was."""
    if entry.kind != EntryKind.AWARD:
        raise ValidationError({"reason": "Only an award can be reversed."})
    if CreditEntry.objects.filter(reverses=entry).exists():
        raise ValidationError({"reason": "This credit has already been reversed."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the credit is reversed."})
    fields = {
        f.name: getattr(entry, f.name)
        for f in CreditEntry._meta.concrete_fields
        if f.name not in {"id", "kind", "reverses", "reason", "recorded_at"}
    }
    reversal = CreditEntry(
        **{
            **fields,
            "participatory_hours": -entry.participatory_hours,
            "self_directed_hours": -entry.self_directed_hours,
            "source_ref": f"reversal:{entry.source_ref}"[:64],
        },
        kind=EntryKind.REVERSAL,
        reverses=entry,
        reason=reason.strip(),
        recorded_at=now,
    )
    reversal.full_clean(validate_constraints=False)
    with transaction.atomic():
        reversal.save()
    return reversal


def _check_evidence(upload: UploadedFile | None) -> None:
    if upload is None:
        return
    suffix = (upload.name or "").rsplit(".", 1)[-1].lower()
    if suffix not in EVIDENCE_TYPES:
        raise ValidationError({"evidence": "Upload a PDF, PNG or JPEG file."})
    if (upload.size or 0) > EVIDENCE_MAX_BYTES:
        raise ValidationError({"evidence": "The file is larger than 5 MB."})


def external_create(
    *, learner: User, data: dict[str, Any], evidence: UploadedFile | None, now: dt.datetime
) -> ExternalActivity:
    _check_evidence(evidence)
    item = ExternalActivity(learner=learner, created_at=now, **data)
    if evidence is not None:
        item.evidence_name = (evidence.name or "evidence")[:200]
    item.full_clean(exclude=["evidence"])
    with transaction.atomic():
        if evidence is not None:
            item.evidence.save(evidence.name or "evidence", evidence, save=False)
        item.save()
    return item


def feedback_create(*, learner: User, data: dict[str, Any], now: dt.datetime) -> FeedbackNote:
    item = FeedbackNote(learner=learner, created_at=now, **data)
    item.full_clean()
    item.save()
    return item


ATTACHMENTS = ("credit", "external", "case", "feedback", "assessment")


def reflection_create(*, learner: User, data: dict[str, Any], now: dt.datetime) -> Reflection:
    """`data` holds the answers and at most one attachment, each already the learner's own
    (the form offers only theirs; checked again here)."""
    links = [k for k in ATTACHMENTS if data.get(k) is not None]
    if len(links) > 1:
        raise ValidationError({"__all__": "Attach the reflection to one thing at most."})
    for key in links:
        owner = data[key].learner_id
        if owner != learner.pk:
            raise ValidationError({key: "Choose one of your own records."})
    themes = {t.id for t in cpd_policy().code_themes.themes}
    if not set(data.get("code_themes", [])) <= themes:
        raise ValidationError({"code_themes": "Choose among the Code's themes."})
    item = Reflection(learner=learner, written_on=now.date(), created_at=now, **data)
    item.full_clean()
    item.save()
    return item


def goal_create(*, learner: User, data: dict[str, Any], now: dt.datetime) -> DevelopmentGoal:
    outcomes = {o.id for o in cpd_policy().development_outcomes.outcomes}
    if not set(data.get("development_outcomes", [])) <= outcomes:
        raise ValidationError({"development_outcomes": "Choose among outcomes A to D."})
    item = DevelopmentGoal(learner=learner, created_at=now, **data)
    item.full_clean()
    item.save()
    return item


def goal_set_status(*, goal: DevelopmentGoal, status: str) -> DevelopmentGoal:
    goal.status = status
    goal.full_clean()
    goal.save(update_fields=["status"])
    return goal
