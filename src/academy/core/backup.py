"""Backup and restore of the database and the private files, as one .tar.gz archive.

- SQLite: the SQLite online backup API (a consistent copy while the site runs).
- PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean` (the client tools must be
  installed and of the server's major version or newer).
- Private files: the whole MEDIA_ROOT tree (uploads are never served, so they are not elsewhere).

The archive holds `manifest.json`, the database file and `private/`. A restore refuses an archive
made on another database engine, and keeps the private files it replaces beside the new ones.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

FORMAT = 1
DB_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why."""


@dataclass(frozen=True)
class BackupSummary:
    archive: Path
    engine: str
    tables: int
    rows: int
    files: int


def engine_of(connection: BaseDatabaseWrapper) -> str:
    vendor = connection.vendor
    if vendor not in DB_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def table_rows(connection: BaseDatabaseWrapper) -> dict[str, int]:
    """Row count of every table (printed by both commands, and compared by the tests)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        counts = {}
        for name in sorted(names):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(name)}")
            counts[name] = int(cursor.fetchone()[0])
    return counts


def _pg_env(connection: BaseDatabaseWrapper) -> dict[str, str]:
    cfg: dict[str, Any] = connection.settings_dict
    env = {**os.environ, "PGDATABASE": str(cfg["NAME"])}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if cfg.get(key):
            env[var] = str(cfg[key])
    if cfg.get("PASSWORD"):
        env["PGPASSWORD"] = str(cfg["PASSWORD"])
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (apt-get install postgresql-client).")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def _dump_database(connection: BaseDatabaseWrapper, engine: str, target: Path) -> None:
    if engine == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}"], _pg_env(connection))


def _load_database(connection: BaseDatabaseWrapper, engine: str, source: Path) -> None:
    if engine == "sqlite":
        connection.ensure_connection()
        dump = sqlite3.connect(source)
        try:
            dump.backup(connection.connection)
        finally:
            dump.close()
    else:
        connection.close()  # pg_restore needs the tables free of our locks
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(source),
            ],
            _pg_env(connection),
        )


def backup_create(
    *, connection: BaseDatabaseWrapper, private_dir: Path, archive: Path
) -> BackupSummary:
    engine = engine_of(connection)
    counts = table_rows(connection)
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db_file = Path(tmp) / DB_FILES[engine]
        _dump_database(connection, engine, db_file)
        manifest = {
            "format": FORMAT,
            "engine": engine,
            "created_at": timezone.now().isoformat(),
            "tables": counts,
        }
        files = 0
        partial = archive.with_name(archive.name + ".partial")
        partial.touch(mode=0o600)  # it holds password hashes: owner only, from the start
        with tarfile.open(partial, "w:gz") as tar:
            info = tarfile.TarInfo("manifest.json")
            data = json.dumps(manifest, indent=2).encode()
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(db_file, arcname=db_file.name)
            if private_dir.is_dir():
                tar.add(private_dir, arcname="private")
                files = sum(1 for p in private_dir.rglob("*") if p.is_file())
        partial.replace(archive)  # never leave a half-written archive under the real name
    return BackupSummary(archive, engine, len(counts), sum(counts.values()), files)


def backup_restore(
    *, connection: BaseDatabaseWrapper, private_dir: Path, archive: Path
) -> BackupSummary:
    engine = engine_of(connection)
    if not archive.is_file():
        raise BackupError(f"No backup archive at {archive}.")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(root, filter="data")
            manifest = json.loads((root / "manifest.json").read_text())
        except (tarfile.TarError, OSError, ValueError) as exc:
            raise BackupError(f"{archive} is not a Threadlift backup archive ({exc}).") from exc
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
        if manifest.get("engine") != engine:
            raise BackupError(
                f"This backup is of a {manifest.get('engine')} database; "
                f"the configured database is {engine}."
            )
        _load_database(connection, engine, root / DB_FILES[engine])
        files = _replace_private_files(root / "private", private_dir)
    counts = table_rows(connection)
    return BackupSummary(archive, engine, len(counts), sum(counts.values()), files)


def _replace_private_files(restored: Path, private_dir: Path) -> int:
    if private_dir.exists() and any(private_dir.iterdir()):
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
        private_dir.rename(private_dir.with_name(f"{private_dir.name}.before-restore-{stamp}"))
    elif private_dir.exists():
        private_dir.rmdir()
    if restored.is_dir():
        shutil.copytree(restored, private_dir)
    else:
        private_dir.mkdir(parents=True)
    return sum(1 for p in private_dir.rglob("*") if p.is_file())
