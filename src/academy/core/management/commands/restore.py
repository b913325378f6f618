"""`manage.py restore ARCHIVE [--noinput]`: put back a backup made by `manage.py backup`.

With STORAGE_URL (a bucket), the archive's files are uploaded to the bucket (same keys; objects
that are not in the archive are left where they are)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from academy.core.backup import BackupError, backup_restore
from academy.core.storage import upload_objects, uses_object_storage


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
                f"This replaces everything in the database {name} and in "
                f"{settings.STORAGE_URL or settings.MEDIA_ROOT} "
                "with the backup. Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            if uses_object_storage():
                with tempfile.TemporaryDirectory() as tmp:
                    summary = backup_restore(
                        connection=connection,
                        private_dir=Path(tmp) / "private",
                        archive=options["archive"],
                    )
                    upload_objects(Path(tmp) / "private")
            else:
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
