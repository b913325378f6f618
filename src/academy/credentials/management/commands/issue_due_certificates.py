"""Start the certificates that became due when a run's last day passed.

Issuing follows the learner's work (the services that record it ask for the check,
academy.core.completion), but a learner who met every
requirement before the run's last day has nothing left to do: run this once a day (cron, or a
scheduler) to start their certificates. Safe to repeat: who holds one is skipped."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from academy.catalog.models import Enrolment, EnrolmentStatus
from academy.credentials.services import issue_if_complete


class Command(BaseCommand):
    help = "Start the certificates of learners whose run is now over and who met every rule."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=60, help="Runs that ended within this many days (60)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        since = today - dt.timedelta(days=max(1, options["days"]))
        enrolments = (
            Enrolment.objects.filter(
                status=EnrolmentStatus.ENROLLED,
                run__cancelled=False,
                run__ends_on__lt=today,
                run__ends_on__gte=since,
                run__course__completion_rules__isnull=False,
            )
            .exclude(credentials__revoked=False, credentials__renewals__isnull=True)
            .select_related("run__course", "learner")
            .distinct()
        )
        started = sum(1 for e in enrolments if issue_if_complete(e, by=None) is not None)
        self.stdout.write(f"{started} certificate(s) started.")
