"""Fictional demo accounts. Idempotent: running it again updates, never duplicates."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from academy.accounts.models import PractitionerProfile, Role, TrainerProfile, User
from academy.accounts.second_factor import TOTP_NAME, recovery_codes_regenerate
from academy.accounts.services import profile_mark_verified_for_demo, role_assign

DEMO_PASSWORD = "threadlift-demo"
DEMO_DOMAIN = "@demo.threadlift.test"
# Demo only: the demo admin and trainer share this published authenticator key, so anyone trying
# the demo can log in (add it to an authenticator app, or run `manage.py demo_otp EMAIL`).
DEMO_TOTP_KEY_HEX = b"threadlift-demo-otp!".hex()  # base32: ORUHEZLBMRWGSZTUFVSGK3LPFVXXI4BB


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    roles: tuple[Role, ...]
    profession: str
    jurisdiction: str
    regulator: str
    registration: str
    verified: bool
    staff: bool = False


DEMO_USERS = (
    DemoUser(
        "learner@demo.threadlift.test",
        "Dr Amira Hale (demo)",
        (Role.LEARNER,),
        "physician",
        "GB-ENG",
        "GMC",
        "0000001",
        True,
    ),
    DemoUser(
        "nurse@demo.threadlift.test",
        "Nurse Ben Carter (demo)",
        (Role.LEARNER,),
        "registered_nurse",
        "GB-ENG",
        "NMC",
        "00A0001Z",
        False,
    ),
    DemoUser(
        "trainer@demo.threadlift.test",
        "Dr Chloe Marsh (demo)",
        (Role.TRAINER,),
        "plastic_surgeon",
        "GB-ENG",
        "GMC",
        "0000002",
        True,
    ),
    DemoUser(
        "admin@demo.threadlift.test",
        "Dana Okafor (demo academy admin)",
        (Role.ACADEMY_ADMIN, Role.VERIFIER),
        "physician",
        "GB-ENG",
        "GMC",
        "0000003",
        True,
        staff=True,
    ),
)


def describe() -> list[str]:
    """What `load()` creates, for `load_demo` to print before it writes anything."""
    return [
        f"demo account {demo.email} ({', '.join(r.label for r in demo.roles)}"
        f"{', staff' if demo.staff else ''})"
        for demo in DEMO_USERS
    ]


def _demo_second_factor(user: User) -> None:
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return  # never replace an authenticator someone set up
    TOTPDevice.objects.create(user=user, name=TOTP_NAME, key=DEMO_TOTP_KEY_HEX, confirmed=True)
    recovery_codes_regenerate(user=user)


def ensure_demo_second_factors() -> None:
    """Every demo trainer and admin (other demo modules add some) gets the published demo key."""
    needing = User.objects.filter(email__endswith=DEMO_DOMAIN).filter(
        groups__name__in=[Role.ACADEMY_ADMIN.value, Role.TRAINER.value]
    )
    for user in needing.distinct():
        _demo_second_factor(user)


def load() -> list[tuple[str, str]]:
    """Create or refresh the demo accounts; returns (e-mail, role list) for the log-in banner.

    The password and the staff flags are set only when an account is created: a person who
    changed them afterwards keeps their change.
    """
    logins = []
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(
            email=demo.email, defaults={"full_name": demo.name}
        )
        user.full_name = demo.name
        if created:
            user.is_staff = user.is_superuser = demo.staff
            user.set_password(DEMO_PASSWORD)
        if user.email_confirmed_at is None:
            user.email_confirmed_at = timezone.now()
        user.save()
        if any(role in (Role.ACADEMY_ADMIN, Role.TRAINER) for role in demo.roles) or demo.staff:
            _demo_second_factor(user)
        for role in demo.roles:
            role_assign(user=user, role=role)
        PractitionerProfile.objects.update_or_create(
            user=user,
            defaults={
                "profession": demo.profession,
                "jurisdiction": demo.jurisdiction,
                "regulator": demo.regulator,
                "registration_number": demo.registration,
            },
        )
        logins.append((demo.email, ", ".join(r.label for r in demo.roles)))
    for demo in DEMO_USERS:
        profile = PractitionerProfile.objects.select_related("user").get(user__email=demo.email)
        profile_mark_verified_for_demo(profile=profile, verified=demo.verified)
    trainer = User.objects.get(email="trainer@demo.threadlift.test")
    TrainerProfile.objects.update_or_create(
        user=trainer,
        defaults={
            "years_in_practice": 14,
            "thread_procedures_performed": 850,
            "credentials": "FRCS (Plast) — fictional demo credential\nLevel 7 trainer — fictional",
            "specialties": "Facial anatomy, midface and jawline threads",
            "bio": "Fictional demo trainer for trying the platform.",
        },
    )
    return logins
