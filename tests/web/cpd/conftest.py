"""Private files in the test's own folder; certificate settings for the issuing test."""

from __future__ import annotations

import pytest
from pytest_django.fixtures import Settings


@pytest.fixture(autouse=True)
def _cpd_settings(settings: Settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    settings.CREDENTIAL_BASE_URL = "http://testserver"
    settings.CREDENTIAL_KEY_SECRET = "test-credential-key-secret-0123456789"
    storages = dict(settings.STORAGES)
    storages["default"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tmp_path / "private"},
    }
    settings.STORAGES = storages
