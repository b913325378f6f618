"""Named personas for web tests (healthchecks style): each private page is tried with someone who
must be refused.

- Lena: a learner (physician, England), verified.
- Nora: a learner (registered nurse, England), not verified.
- Theo: a trainer.
- Ada: an academy admin.
- Vera: a registration verifier (platform staff), also a physician with her own profile.

Every persona has a confirmed e-mail address. Those whose role needs a second factor (trainers,
academy admins, staff) have an authenticator with the key PERSONA_TOTP_KEY, and `client_for`
gives them a session that has already passed it, so tests of their pages need nothing more.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings

from academy.accounts.models import Role, User
from academy.accounts.second_factor import second_factor_required_by_role
from academy.accounts.services import role_assign, user_signup

PASSWORD = "correct horse battery"
PERSONA_TOTP_KEY = b"persona-totp-key-20b".hex()  # tests only


def persona_device(user: User) -> TOTPDevice:
    """The persona's authenticator (created on first use, e.g. after a test made a user staff)."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "Persona app", "key": PERSONA_TOTP_KEY}
    )
    return device


def totp_code(device: TOTPDevice, *, offset_steps: int = 0) -> str:
    """What the authenticator app would show now (or `offset_steps` periods later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset_steps * device.step
    return f"{totp.token():0{device.digits}d}"


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
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["email_confirmed_at"])
    if second_factor_required_by_role(user):
        persona_device(user)
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


def client_for(user: User | None, *, confirm_email: bool = True) -> Client:
    """A client signed in as `user`; with the second factor passed when the role needs one.

    The address is marked confirmed (users made with `user_signup` directly are not), unless a
    test of the unconfirmed state asks otherwise with `confirm_email=False`.
    """
    client = Client()
    if user is not None:
        if confirm_email and user.email_confirmed_at is None:
            user.email_confirmed_at = timezone.now()
            user.save(update_fields=["email_confirmed_at"])
        client.force_login(user)
        if second_factor_required_by_role(user):
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = persona_device(user).persistent_id
            session.save()
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
    import signal

    from django.core.management import call_command

    # The worker installs its own Ctrl-C and TERM handlers; left behind, they would turn an
    # interrupt of the test run into a SystemExit inside whichever test runs next.
    kept = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command(
            "db_worker", queue_name="*", batch=True, startup_delay=False, reload=False, verbosity=0
        )
    finally:
        for sig, handler in kept.items():
            signal.signal(sig, handler)
