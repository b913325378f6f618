"""Queue the purge of volunteer models' data past each academy's retention period.

Run it daily (cron or a systemd timer); the worker (`manage.py db_worker`) does the erasing.
`--now` erases in this process instead (e.g. when no worker runs)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from academy.practice.tasks import purge_models


class Command(BaseCommand):
    help = "Erase volunteer models' personal data kept longer than their academy's retention."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="Erase here instead of queueing.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            count = purge_models.call()
            self.stdout.write(f"Erased {count} volunteer model record(s) past retention.")
        else:
            purge_models.enqueue()
            self.stdout.write("Queued the purge of volunteer models' data past retention.")
