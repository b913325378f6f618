"""How many statements are queued, sent and given up, and the last error: `manage.py xapi_status`
(for the operator; it prints no statement and no learner)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db.models import Count

from academy.xapi import config
from academy.xapi.models import Statement, StatementState


class Command(BaseCommand):
    help = "Counts of xAPI statements by state, and whether sending is on."

    def handle(self, *args: Any, **options: Any) -> None:
        lrs = config.lrs()
        self.stdout.write(f"sending: {'on, to ' + lrs.statements_url if lrs else 'off'}")
        counts = dict(
            Statement.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n")
        )
        for state in StatementState:
            self.stdout.write(f"{state.label.lower()}: {counts.get(state.value, 0)}")
        last = (
            Statement.objects.exclude(last_error="")
            .exclude(state=StatementState.SENT)
            .order_by("-created_at")
            .values_list("last_error", flat=True)
            .first()
        )
        if last:
            self.stdout.write(f"last error: {last}")
