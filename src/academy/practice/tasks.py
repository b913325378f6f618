"""Background work of the practice app (django-tasks, like `academy.core.tasks`)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from academy.practice.privacy import purge_expired


@task()
def purge_models() -> int:
    """Erase volunteer models' data past each academy's retention period."""
    now = timezone.now()
    return purge_expired(today=timezone.localdate(now), now=now)
