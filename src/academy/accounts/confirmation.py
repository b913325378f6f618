"""Sign-up with a confirmed e-mail address, without revealing who has an account.

A sign-up for a new address creates the account and sends a signed confirmation link; a sign-up
for an address that already has an account creates nothing and tells that address's owner. The
visitor sees the same page either way. Until the link is followed, the account may look around
but not enrol or use the clinical toolkit (ConfirmedEmailMiddleware).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from academy.accounts.services import user_signup
from academy.core.tasks import email_enqueue

SALT = "academy.accounts.confirm-email"
UrlBuilder = Callable[[str], str]  # path -> absolute URL (request.build_absolute_uri)


def confirmation_token(user: User) -> str:
    """Signed and dated; it names the address, so it stops working if the address changes."""
    return signing.dumps({"user": user.pk, "email": user.email}, salt=SALT)


def user_for_confirmation_token(token: str) -> User | None:
    max_age = timedelta(days=settings.EMAIL_CONFIRMATION_MAX_AGE_DAYS)
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:  # also raised for an expired link
        return None
    if not isinstance(data, dict) or not isinstance(data.get("user"), int):
        return None
    return User.objects.filter(pk=data["user"], email=data.get("email")).first()


def email_confirmation_send(*, user: User, absolute_url: UrlBuilder) -> None:
    link = absolute_url(reverse("accounts:confirm_email", args=[confirmation_token(user)]))
    email_enqueue(
        to=[user.email],
        subject="Confirm your e-mail address for Threadlift Academy",
        template="accounts/email/confirm_email.txt",
        context={"user": user, "link": link, "days": settings.EMAIL_CONFIRMATION_MAX_AGE_DAYS},
    )


def user_email_confirm(*, user: User) -> User:
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
    return user


def signup_register(
    *,
    email: str,
    full_name: str,
    password: str,
    profession: str,
    jurisdiction: str,
    regulator: str,
    registration_number: str,
    absolute_url: UrlBuilder,
) -> None:
    """Create the account and send the confirmation link, or tell an existing account's owner.

    Returns nothing on purpose: the caller must answer both cases the same way.
    """
    if not User.objects.filter(email__iexact=email).exists():
        try:
            with transaction.atomic():
                user = user_signup(
                    email=email,
                    full_name=full_name,
                    password=password,
                    profession=profession,
                    jurisdiction=jurisdiction,
                    regulator=regulator,
                    registration_number=registration_number,
                )
        except IntegrityError:  # the same address signed up a moment ago
            pass
        else:
            email_confirmation_send(user=user, absolute_url=absolute_url)
            return
    make_password(password)  # the same hashing work as a new account: no timing difference
    email_enqueue(
        to=[email],
        subject="Someone tried to sign up to Threadlift Academy with your address",
        template="accounts/email/signup_existing.txt",
        context={
            "login": absolute_url(reverse("accounts:login")),
            "reset": absolute_url(reverse("accounts:password_reset")),
        },
    )
