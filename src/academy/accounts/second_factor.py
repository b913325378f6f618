"""Second factor (django-otp): who needs it, and the writes that set it up and take it away.

Academy admins, trainers and staff must use one; learners may opt in, and once they have, they
are asked for it too. A second factor is a TOTP authenticator app plus ten single-use recovery
codes (for a lost phone).
"""

from __future__ import annotations

import base64
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from academy.accounts.models import Role, User

ROLES_NEEDING_A_SECOND_FACTOR = (Role.ACADEMY_ADMIN, Role.TRAINER, Role.VERIFIER)
RECOVERY_CODE_COUNT = 10
ENROLLED_SESSION_KEY = "second_factor_enrolled"  # set at log-in so requests need no query
TOTP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


def second_factor_required_by_role(user: User) -> bool:
    return user.is_staff or any(user.has_role(role) for role in ROLES_NEEDING_A_SECOND_FACTOR)


def second_factor_needed(request: HttpRequest) -> bool:
    """Must this signed-in, not yet verified session give a second factor before going on?"""
    user = request.user
    assert isinstance(user, User)
    return bool(request.session.get(ENROLLED_SESSION_KEY)) or second_factor_required_by_role(user)


def session_is_verified(user: AbstractBaseUser) -> bool:
    """Has this session given its second factor? (django-otp's middleware adds `is_verified`)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def second_factor_pending(request: HttpRequest) -> bool:
    """Signed in with the password, but the second factor this session needs is not given yet."""
    return (
        request.user.is_authenticated
        and not session_is_verified(request.user)
        and second_factor_needed(request)
    )


def is_enrolled(user: AbstractBaseUser) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def remember_enrolment(request: HttpRequest, user: AbstractBaseUser) -> None:
    request.session[ENROLLED_SESSION_KEY] = user_has_device(user)


def totp_secret(device: TOTPDevice) -> str:
    """The key as authenticator apps ask for it when typed in (base32, no padding)."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed authenticator for the set-up page (the same one until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(
    *, request: HttpRequest, device: TOTPDevice, token: str
) -> list[str] | None:
    """Confirm the authenticator with a first code; returns fresh recovery codes, or None."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.confirmed or not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    codes = recovery_codes_regenerate(user=device.user)
    _verified(request, device)
    request.session[ENROLLED_SESSION_KEY] = True
    return codes


@transaction.atomic
def recovery_codes_regenerate(*, user: Any) -> list[str]:
    """Replace every recovery code; the new ones are shown once and stored only as tokens."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _verified(request: HttpRequest, device: Device) -> None:
    """Mark the session as past the second factor, under a new session key: a key learnt before
    this step (fixation, or read off a shared machine) is worth nothing after it."""
    request.session.cycle_key()
    otp_login(request, device)


def second_factor_verify(*, request: HttpRequest, token: str) -> Device | None:
    """Check a code from the app or a recovery code (used up); mark the session verified."""
    user = request.user
    token = "".join(token.split()).lower()
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if device.verify_token(token):
                _verified(request, device)
                return device
    return None


@transaction.atomic
def second_factor_remove(*, request: HttpRequest, user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.session[ENROLLED_SESSION_KEY] = False
