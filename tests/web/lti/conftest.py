"""The LTI tests' platform and an academy that registered it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_django.fixtures import Settings

from tests.web.lti.platform import Platform


@pytest.fixture(autouse=True)
def _lti_secret(settings: Settings) -> None:
    settings.LTI_KEY_SECRET = "test-lti-key-secret-0123456789"


@pytest.fixture
def platform() -> Iterator[Platform]:
    running = Platform().start()
    yield running
    running.stop()
