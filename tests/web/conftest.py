"""Named personas for web tests (healthchecks style): each private page is tried with someone who
must be refused.

- Lena: a learner (physician, England), verified.
- Nora: a learner (registered nurse, England), not verified.
- Theo: a trainer.
- Ada: an academy admin.
- Vera: a registration verifier (platform staff), also a physician with her own profile.
"""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from academy.accounts.models import Role, User
from academy.accounts.services import role_assign, user_signup

PASSWORD = "correct horse battery"


def make_user(email: str, name: str, role: Role, profession: str = "physician") -> User:
    user = user_signup(
        email=email,
        full_name=name,
        password=PASSWORD,
        profession=profession,
        jurisdiction="GB-ENG",
        regulator="GMC",
        registration_number="1234567",
    )
    if role is not Role.LEARNER:
        user.groups.clear()
        role_assign(user=user, role=role)
    return user


@pytest.fixture
def lena(db: None) -> User:
    return make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)


@pytest.fixture
def nora(db: None) -> User:
    return make_user("nora@example.org", "Nora Nurse", Role.LEARNER, "registered_nurse")


@pytest.fixture
def theo(db: None) -> User:
    return make_user("theo@example.org", "Dr Theo Trainer", Role.TRAINER, "plastic_surgeon")


@pytest.fixture
def ada(db: None) -> User:
    return make_user("ada@example.org", "Ada Admin", Role.ACADEMY_ADMIN)


@pytest.fixture
def vera(db: None) -> User:
    user = make_user("vera@example.org", "Vera Verifier", Role.VERIFIER)
    user.profile.registration_number = "7654321"
    user.profile.save()
    return user


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Settings) -> None:
    """MD5 keeps the suite fast; Argon2 stays the production hasher (tested in test_accounts)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty page cache: the database is rolled back between tests, the
    process's memory cache is not."""
    from django.core.cache import caches

    for store in caches.all():
        store.clear()


def run_tasks() -> None:
    """Run every queued background task, as the `db_worker` process would, then return."""
    from django.core.management import call_command

    call_command(
        "db_worker", queue_name="*", batch=True, startup_delay=False, reload=False, verbosity=0
    )
