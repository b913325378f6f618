"""`manage.py backup` and `manage.py restore` round-trip a populated database and the private
files: every row of every table comes back. Runs on the configured database (SQLite by default;
PostgreSQL when DATABASE_URL says so and pg_dump is installed)."""

from __future__ import annotations

import shutil
import tarfile
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from pytest_django.fixtures import Settings

from academy.accounts.models import User
from academy.catalog.models import Enrolment
from academy.evaluations.models import EvaluationSubmission
from academy.logbook.models import Amendment, Case, CompetencySignoff, Dops
from academy.logbook.wba_models import WbaAssessment
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db(transaction=True)

needs_tools = pytest.mark.skipif(
    connection.vendor == "postgresql" and shutil.which("pg_dump") is None,
    reason="PostgreSQL backups need pg_dump and pg_restore (postgresql-client)",
)


def every_row() -> dict[str, list[str]]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        snapshot = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {quote(table)}")
            snapshot[table] = sorted(repr(row) for row in cursor.fetchall())
    return snapshot


def files_under(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def private(tmp_path: Path, settings: Settings) -> Path:
    root = tmp_path / "private"
    (root / "photos").mkdir(parents=True)
    (root / "photos" / "case-1.jpg").write_bytes(b"\xff\xd8 fictional photo bytes")
    (root / "consent.pdf").write_bytes(b"%PDF-1.4 fictional")
    settings.MEDIA_ROOT = root
    return root


def populate(lena: User, ada: User) -> None:
    call_command("load_demo", force=True, stdout=StringIO())
    client_for(ada).get("/academy/")  # sessions and OTP rows too
    client_for(lena).get("/dashboard/")


@needs_tools
def test_a_backup_restores_every_row_and_every_private_file(
    tmp_path: Path, private: Path, lena: User, ada: User
) -> None:
    populate(lena, ada)
    before, files_before = every_row(), files_under(private)
    assert sum(len(rows) for rows in before.values()) > 100
    archive = tmp_path / "backups" / "site.tar.gz"
    out = StringIO()
    call_command("backup", output=archive, stdout=out)
    assert f"Backup written to {archive}" in out.getvalue()
    assert "2 private files" in out.getvalue()
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    # damage everything: rows deleted and added, files removed and added
    # evaluations and clinical records protect their enrolments and people: they go first, as an
    # operator would have to; the CPD ledger is append-only and keeps its learners
    EvaluationSubmission.objects.all().delete()
    Enrolment.objects.all().delete()
    for model in (Amendment, Dops, CompetencySignoff, WbaAssessment, Case):
        model.objects.all().delete()
    User.objects.filter(email__endswith="@demo.threadlift.test", cpd_credits__isnull=True).delete()
    User.objects.create_user("intruder@example.org", "x-long-password", full_name="Not in backup")
    (private / "consent.pdf").unlink()
    (private / "stray.txt").write_text("not in the backup")
    assert every_row() != before

    out = StringIO()
    call_command("restore", archive, interactive=False, stdout=out)
    assert "Restored" in out.getvalue()
    after = every_row()
    assert after.keys() == before.keys()
    for table in before:
        assert after[table] == before[table], table
    assert files_under(private) == files_before
    kept = list(private.parent.glob("private.before-restore-*"))
    assert kept
    assert (kept[0] / "stray.txt").exists()


@needs_tools
def test_the_archive_holds_a_manifest_the_database_and_the_private_files(
    tmp_path: Path, private: Path
) -> None:
    archive = tmp_path / "b.tar.gz"
    call_command("backup", output=archive, stdout=StringIO())
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert {"manifest.json", "private/photos/case-1.jpg", "private/consent.pdf"} <= names
    assert names & {"database.sqlite3", "database.pgdump"}


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path, private: Path) -> None:
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tar")
    with pytest.raises(CommandError, match="is not a Threadlift backup archive"):
        call_command("restore", junk, interactive=False, stdout=StringIO())
    assert (private / "consent.pdf").exists()


@needs_tools
def test_restore_refuses_a_backup_of_another_database_engine(
    tmp_path: Path, private: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "b.tar.gz"
    call_command("backup", output=archive, stdout=StringIO())
    from academy.core import backup

    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    monkeypatch.setattr(backup, "engine_of", lambda conn: other)
    with pytest.raises(CommandError, match="configured database is"):
        call_command("restore", archive, interactive=False, stdout=StringIO())


def test_restore_asks_before_replacing_anything(
    tmp_path: Path, private: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: list[Any] = []
    monkeypatch.setattr("builtins.input", lambda prompt: answers.append(prompt) or "no")
    with pytest.raises(CommandError, match="Restore cancelled"):
        call_command("restore", tmp_path / "whatever.tar.gz", stdout=StringIO())
    assert "Type 'yes' to continue" in answers[0]
