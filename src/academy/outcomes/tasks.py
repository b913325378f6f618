"""Follow-up reminders, sent by the worker on the due day (django-tasks, `run_after`)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django_tasks import task

from academy.core.tasks import email_enqueue


@task()
def follow_up_reminder(*, follow_up_id: int, due_on: str) -> bool:
    """E-mail the clinician that a follow-up is due, unless it was recorded, its case moved
    (a new reminder was queued for the new date) or it no longer exists. True if sent."""
    from academy.outcomes.models import FollowUp, FollowUpStatus

    item = (
        FollowUp.objects.select_related("case", "case__learner")
        .filter(pk=follow_up_id, status=FollowUpStatus.DUE)
        .first()
    )
    if item is None or item.due_on != dt.date.fromisoformat(due_on):
        return False
    email_enqueue(
        to=[item.case.learner.email],
        subject=f"Follow-up due: case {item.case_id}, {item.label.lower()}",
        template="outcomes/email/follow_up_due.txt",
        context={"item": item, "path": reverse("outcomes:follow_up", args=[item.pk])},
    )
    return True
