"""Writes for accounts: every change to users, profiles and roles goes through here."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from academy.accounts.models import PractitionerProfile, Role, TrainerProfile, User


def role_assign(*, user: User, role: Role) -> None:
    group, _ = Group.objects.get_or_create(name=role.value)
    user.groups.add(group)
    if hasattr(user, "_role_cache"):
        del user._role_cache


@transaction.atomic
def user_signup(
    *,
    email: str,
    full_name: str,
    password: str,
    profession: str,
    jurisdiction: str,
    regulator: str = "",
    registration_number: str = "",
) -> User:
    """Create a learner account with its practitioner profile (unverified)."""
    user = User.objects.create_user(email=email, password=password, full_name=full_name)
    profile = PractitionerProfile(
        user=user,
        profession=profession,
        jurisdiction=jurisdiction,
        regulator=regulator,
        registration_number=registration_number,
    )
    profile.full_clean()
    profile.save()
    role_assign(user=user, role=Role.LEARNER)
    return user


def profile_update(*, profile: PractitionerProfile, changed: dict[str, str]) -> PractitionerProfile:
    """Update a practitioner's own profile; changing registration details drops verification."""
    registration_fields = ["profession", "jurisdiction", "regulator", "registration_number"]
    # Compare with the stored row: a bound ModelForm has already copied the input onto `profile`.
    stored = (
        PractitionerProfile.objects.filter(pk=profile.pk).values(*registration_fields).first()
        if profile.pk
        else None
    )
    if stored is None or any(stored[f] != changed.get(f, stored[f]) for f in registration_fields):
        profile.verified = False
        profile.verified_at = None
        profile.verified_by = None
    for field, value in changed.items():
        setattr(profile, field, value)
    profile.full_clean()
    profile.save()
    return profile


def profile_set_verified(
    *, profile: PractitionerProfile, verified: bool, by: User
) -> PractitionerProfile:
    """Only academy admins reach this (the view checks the role through the access helper)."""
    profile.verified = verified
    profile.verified_at = timezone.now() if verified else None
    profile.verified_by = by if verified else None
    profile.full_clean()
    profile.save(update_fields=["verified", "verified_at", "verified_by", "updated_at"])
    return profile


def trainer_profile_update(*, user: User, changed: dict[str, object]) -> TrainerProfile:
    trainer, _ = TrainerProfile.objects.get_or_create(user=user)
    for field, value in changed.items():
        setattr(trainer, field, value)
    trainer.full_clean()
    trainer.save()
    return trainer
