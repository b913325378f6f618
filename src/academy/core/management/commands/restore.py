"""`manage.py restore ARCHIVE [--noinput]`: put back a backup made by `manage.py backup`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from academy.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Replace the database and the private files with those of a backup archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[DEFAULT_DB_ALIAS]
        name = connection.settings_dict["NAME"]
        if options["interactive"]:
            answer = input(
                f"This replaces everything in the database {name} and in {settings.MEDIA_ROOT} "
                "with the backup. Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            summary = backup_restore(
                connection=connection,
                private_dir=Path(settings.MEDIA_ROOT),
                archive=options["archive"],
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Restored {summary.archive}")
            + f"\n  {summary.engine}: {summary.tables} tables, {summary.rows} rows;"
            f" {summary.files} private files"
        )
