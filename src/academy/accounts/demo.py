"""Fictional demo accounts. Idempotent: running it again updates, never duplicates."""

from __future__ import annotations

from dataclasses import dataclass

from academy.accounts.models import PractitionerProfile, Role, TrainerProfile, User
from academy.accounts.services import profile_mark_verified_for_demo, role_assign

DEMO_PASSWORD = "threadlift-demo"


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


def load() -> list[tuple[str, str]]:
    """Create or refresh the demo accounts; returns (e-mail, role list) for the log-in banner."""
    logins = []
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(
            email=demo.email, defaults={"full_name": demo.name}
        )
        user.full_name = demo.name
        user.is_staff = user.is_superuser = demo.staff
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.save()
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
