from __future__ import annotations

import pytest

from academy.accounts.models import Role, User
from tests.web.conftest import make_user


@pytest.fixture
def otto(db: None) -> User:
    """A trainer at another academy (teaches none of the runs of the tests)."""
    return make_user("otto@example.org", "Dr Otto Other", Role.TRAINER)


@pytest.fixture
def tara(db: None) -> User:
    """A second trainer of the same run."""
    return make_user("tara@example.org", "Dr Tara Second", Role.TRAINER)
