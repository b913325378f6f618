"""Production safety: demo data only on purpose, a long secret key, opt-in HSTS extras, shorter
staff sessions."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from academy.accounts.models import User
from tests.web.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
LONG_KEY = "k" * 60


def run_manage(tmp_path: Path, *args: str, **env_vars: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "SECURE_HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        THREADLIFT_VAR_DIR=str(tmp_path),
        ALLOWED_HOSTS="academy.example.org",
        CREDENTIAL_BASE_URL="https://academy.example.org",  # production must set it (E001)
    )
    env.update(env_vars)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.django_db
def test_load_demo_refuses_when_debug_is_off_and_creates_nothing() -> None:
    assert settings.DEBUG is False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", stdout=StringIO())
    assert not User.objects.exists()


@pytest.mark.django_db
def test_load_demo_with_force_says_what_it_will_create_before_creating_it() -> None:
    out = StringIO()
    call_command("load_demo", force=True, stdout=out)
    text = out.getvalue()
    plan, _, rest = text.partition("Demo data loaded")
    assert "It creates or refreshes:" in plan
    assert (
        "demo account admin@demo.threadlift.test (Academy admin, Registration verifier, staff)"
        in plan
    )
    assert "demo providers" in plan.lower()
    assert "admin@demo.threadlift.test" in rest


@pytest.mark.django_db
def test_load_demo_never_resets_a_password_or_staff_flag_a_person_changed() -> None:
    call_command("load_demo", force=True, stdout=StringIO())
    admin = User.objects.get(email="admin@demo.threadlift.test")
    admin.set_password("my-own-new-passphrase")
    admin.is_staff = admin.is_superuser = False
    admin.save()
    learner = User.objects.get(email="learner@demo.threadlift.test")
    learner.is_staff = True
    learner.save()
    call_command("load_demo", force=True, stdout=StringIO())
    admin.refresh_from_db()
    learner.refresh_from_db()
    assert admin.check_password("my-own-new-passphrase")
    assert (admin.is_staff, admin.is_superuser, learner.is_staff) == (False, False, True)


def test_a_production_secret_key_shorter_than_50_characters_is_refused(tmp_path: Path) -> None:
    short = run_manage(tmp_path, "check", DEBUG="false", SECRET_KEY="s" * 49)
    assert short.returncode != 0
    assert "SECRET_KEY must be at least 50 characters" in short.stderr
    assert run_manage(tmp_path, "check", DEBUG="false", SECRET_KEY="s" * 50).returncode == 0


@pytest.mark.parametrize(
    ("opt_in", "expected"),
    [
        ({}, "False False"),
        ({"SECURE_HSTS_PRELOAD": "true", "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true"}, "True True"),
    ],
)
def test_hsts_preload_and_sub_domains_are_opt_in(
    tmp_path: Path, opt_in: dict[str, str], expected: str
) -> None:
    probe = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_PRELOAD, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_SECONDS)"
    )
    done = run_manage(
        tmp_path, "shell", "--no-imports", "-c", probe, DEBUG="false", SECRET_KEY=LONG_KEY, **opt_in
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[:2] == expected.split()
    assert int(done.stdout.split()[2]) > 0  # HSTS itself stays on in production


def test_session_ages_come_from_the_environment(tmp_path: Path) -> None:
    probe = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_AGE, s.STAFF_SESSION_COOKIE_AGE)"
    )
    done = run_manage(
        tmp_path,
        "shell",
        "--no-imports",
        "-c",
        probe,
        DEBUG="true",
        SESSION_AGE_HOURS="12",
        STAFF_SESSION_AGE_HOURS="2",
    )
    assert done.stdout.split() == ["43200", "7200"]


@pytest.mark.django_db
def test_a_staff_session_is_shorter_than_a_learners(lena: User, ada: User) -> None:
    User.objects.filter(pk=ada.pk).update(is_staff=True)
    ages = {}
    for email in ("lena@example.org", "ada@example.org"):
        client = Client()
        client.post(reverse("accounts:login"), {"username": email, "password": PASSWORD})
        ages[email] = client.session.get_expiry_age()
    assert ages["lena@example.org"] == settings.SESSION_COOKIE_AGE
    assert ages["ada@example.org"] == settings.STAFF_SESSION_COOKIE_AGE
    assert settings.STAFF_SESSION_COOKIE_AGE < settings.SESSION_COOKIE_AGE


DB_PROBE = (
    "from django.conf import settings as s; "
    "d = s.DATABASES['default']; print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
)


def test_production_keeps_postgresql_connections_and_checks_them_before_reuse(
    tmp_path: Path,
) -> None:
    url = "postgres://someone:secret@db.example.org:5432/threadlift"
    done = run_manage(
        tmp_path, "shell", "--no-imports", "-c", DB_PROBE, DEBUG="true", DATABASE_URL=url
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["60", "True"]


def test_database_connection_settings_come_from_the_environment(tmp_path: Path) -> None:
    url = "postgres://someone:secret@db.example.org:5432/threadlift"
    done = run_manage(
        tmp_path,
        "shell",
        "--no-imports",
        "-c",
        DB_PROBE,
        DEBUG="true",
        DATABASE_URL=url,
        DB_CONN_MAX_AGE="0",
        DB_CONN_HEALTH_CHECKS="false",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "False"]


def test_sqlite_opens_its_file_per_request(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    done = run_manage(
        tmp_path, "shell", "--no-imports", "-c", DB_PROBE, DEBUG="true", DATABASE_URL=url
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "False"]
