"""Guards: migrations are complete and production settings pass Django's deploy checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration() -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_deploy_checks_are_clean_with_production_settings(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECURE_HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DEBUG="false",
        SECRET_KEY="x" * 20 + "a-real-production-secret-that-is-long-and-random-0123456789",
        ALLOWED_HOSTS="academy.example.org",
        THREADLIFT_VAR_DIR=str(tmp_path),
        CACHE_URL="redis://127.0.0.1:6379/0",  # production shares one cache (academy.W001)
        CREDENTIAL_BASE_URL="https://academy.example.org",  # else credentials.E001 stops start-up
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    env.update(DEBUG="false", THREADLIFT_VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_every_response_carries_a_content_security_policy(client: object) -> None:
    from django.test import Client

    assert isinstance(client, Client)
    response = client.get("/healthz")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
