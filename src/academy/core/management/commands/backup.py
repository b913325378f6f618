"""`manage.py backup [--output FILE]`: the database and the private files in one archive.

With STORAGE_URL (a bucket), the bucket's objects are copied down and archived like the disk's
files, so the archive is the same either way."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from academy.core.backup import BackupError, backup_create
from academy.core.storage import download_objects, uses_object_storage


class Command(BaseCommand):
    help = "Back up the database (SQLite backup API or pg_dump) and the private files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="archive to write (default: THREADLIFT_VAR_DIR/backups/threadlift-<time>.tar.gz)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        archive = options["output"] or Path(settings.VAR_DIR) / "backups" / (
            f"threadlift-{stamp}.tar.gz"
        )
        try:
            if uses_object_storage():
                with tempfile.TemporaryDirectory() as tmp:
                    download_objects(Path(tmp))
                    summary = backup_create(
                        connection=connections[DEFAULT_DB_ALIAS],
                        private_dir=Path(tmp),
                        archive=archive,
                    )
            else:
                summary = backup_create(
                    connection=connections[DEFAULT_DB_ALIAS],
                    private_dir=Path(settings.MEDIA_ROOT),
                    archive=archive,
                )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Backup written to {summary.archive}")
            + f"\n  {summary.engine}: {summary.tables} tables, {summary.rows} rows;"
            f" {summary.files} private files; {summary.archive.stat().st_size} bytes"
        )
