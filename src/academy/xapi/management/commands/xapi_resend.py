"""Queue again the statements still waiting (after an LRS outage, or once sending is switched on
again): `manage.py xapi_resend [--failed]`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from academy.xapi.models import Statement, StatementState
from academy.xapi.tasks import send_statement


class Command(BaseCommand):
    help = "Queue every statement not yet sent for sending now (--failed: the given-up ones too)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--failed", action="store_true", help="retry given-up statements")

    def handle(self, *args: Any, **options: Any) -> None:
        states = [StatementState.QUEUED] + ([StatementState.FAILED] if options["failed"] else [])
        count = 0
        for pk in (
            Statement.objects.filter(state__in=states).values_list("pk", flat=True).iterator()
        ):
            with transaction.atomic():
                Statement.objects.filter(pk=pk).update(
                    state=StatementState.QUEUED, next_attempt_at=None, attempts=0
                )
                send_statement.enqueue(statement_id=str(pk))
            count += 1
        self.stdout.write(f"{count} statement(s) queued")
