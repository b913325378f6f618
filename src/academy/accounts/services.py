"""Writes for accounts: every change to users, profiles and roles goes through here."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import Group
from django.core import signing
from django.db import transaction
from django.utils import timezone

from academy.accounts.audit import actor_label
from academy.accounts.models import (
    PractitionerProfile,
    Role,
    TrainerProfile,
    User,
    VerificationAction,
    VerificationEvent,
    VerificationEvidence,
)
from academy.accounts.selectors import other_profiles_with_registration
from academy.accounts.verification import request_declined_email, requests_close
from academy.core.tasks import email_enqueue
from threadlift.catalog import check_registration
from threadlift.knowledge import load_knowledge


class VerificationError(Exception):
    """A verification the rules refuse; `field` names the form field to blame, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def role_assign(*, user: User, role: Role) -> None:
    """Grant a role (a RoleEvent is written by the group-membership signal)."""
    group, _ = Group.objects.get_or_create(name=role.value)
    user.groups.add(group)
    if hasattr(user, "_role_cache"):
        del user._role_cache


def role_remove(*, user: User, role: Role) -> None:
    group = Group.objects.filter(name=role.value).first()
    if group is not None:
        user.groups.remove(group)
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
    """Update a practitioner's own profile; changing registration details drops verification
    (recorded as a revocation by the practitioner, so the trail shows why it ended)."""
    registration_fields = ["profession", "jurisdiction", "regulator", "registration_number"]
    # Compare with the stored row: a bound ModelForm has already copied the input onto `profile`.
    stored = (
        PractitionerProfile.objects.filter(pk=profile.pk).values(*registration_fields).first()
        if profile.pk
        else None
    )
    was_verified = bool(
        profile.pk and PractitionerProfile.objects.filter(pk=profile.pk, verified=True).exists()
    )
    changed_registration = stored is None or any(
        stored[f] != changed.get(f, stored[f]) for f in registration_fields
    )
    if changed_registration:
        profile.verified = False
        profile.verified_at = None
        profile.verified_by = None
    for field, value in changed.items():
        setattr(profile, field, value)
    profile.full_clean()
    with transaction.atomic():
        profile.save()
        if was_verified and changed_registration:
            _event(
                profile=profile,
                action=VerificationAction.REVOKED,
                by=profile.user,
                note="The practitioner changed their registration details; verification ends "
                "until a verifier checks the new details.",
            )
    return profile


def _event(
    *,
    profile: PractitionerProfile,
    action: VerificationAction,
    by: User | None,
    evidence: str = "",
    evidence_reference: str = "",
    note: str = "",
) -> VerificationEvent:
    return VerificationEvent.objects.create(
        profile=profile,
        subject_email=profile.user.email,
        action=action,
        by=by,
        by_label=actor_label(by),
        evidence=evidence,
        evidence_reference=evidence_reference,
        note=note,
        profession=profile.profession,
        jurisdiction=profile.jurisdiction,
        regulator=profile.regulator,
        registration_number=profile.registration_number,
    )


def verification_refusal(profile: PractitionerProfile, by: User) -> str | None:
    """Why `by` may not verify this profile at all (None when they may)."""
    if not by.has_role(Role.VERIFIER):
        return "Only registration verifiers verify registrations."
    if profile.user_id == by.pk:
        return "Nobody verifies their own registration; another verifier must do it."
    return None


def verification_record(
    *,
    profile_id: int,
    by: User,
    action: VerificationAction | str,
    evidence: str = "",
    evidence_reference: str = "",
    note: str = "",
) -> VerificationEvent:
    """Verify or revoke one registration; the event stays, and the learner is told by e-mail.

    Refused (VerificationError): self-verification, a verify without regulator or number, with a
    number that does not fit its register's format, without evidence, or of a number another
    account also gives unless a note says why; a revoke without a note; a decline (the
    registration stays unverified and the practitioner is told what is missing) without a note
    or of a verified registration. Any decision closes the practitioner's open request.
    """
    action = VerificationAction(action)
    note = note.strip()
    with transaction.atomic():
        profile = (
            PractitionerProfile.objects.select_for_update()
            .select_related("user")
            .get(pk=profile_id)
        )
        refusal = verification_refusal(profile, by)
        if refusal:
            raise VerificationError(refusal)
        if action == VerificationAction.VERIFIED:
            check = check_registration(
                load_knowledge(),
                regulator=profile.regulator,
                number=profile.registration_number,
                jurisdiction=profile.jurisdiction,
                profession=profile.profession,
            )
            if check.problem:
                raise VerificationError(f"This registration cannot be verified: {check.problem}")
            if evidence not in VerificationEvidence.values:
                raise VerificationError("Say what evidence you checked.", "evidence")
            if evidence == VerificationEvidence.OTHER and not note:
                raise VerificationError("Describe the evidence in the note.", "note")
            if other_profiles_with_registration(profile) and not note:
                raise VerificationError(
                    "Another account gives this registration number: say in the note why "
                    "this one is the practitioner's.",
                    "note",
                )
            profile.verified = True
            profile.verified_at = timezone.now()
            profile.verified_by = by
        elif action == VerificationAction.DECLINED:
            if profile.verified:
                raise VerificationError(
                    "This registration is verified: revoke it instead.", "action"
                )
            if not note:
                raise VerificationError(
                    "Say in the note what is missing or wrong; the practitioner reads it.",
                    "note",
                )
        else:
            if not note:
                raise VerificationError("Give the reason for revoking in the note.", "note")
            profile.verified = False
            profile.verified_at = None
            profile.verified_by = None
        if action != VerificationAction.DECLINED:
            profile.save(update_fields=["verified", "verified_at", "verified_by", "updated_at"])
        event = _event(
            profile=profile,
            action=action,
            by=by,
            evidence=evidence if action == VerificationAction.VERIFIED else "",
            evidence_reference=evidence_reference.strip(),
            note=note,
        )
        requests_close(profile=profile, event=event)
        if action == VerificationAction.DECLINED:
            request_declined_email(profile=profile, event=event)
            return event
        email_enqueue(
            to=[profile.user.email],
            subject=(
                "Your registration is verified"
                if action == VerificationAction.VERIFIED
                else "Your registration is no longer verified"
            ),
            template="accounts/email/verification_result.txt",
            context={"profile": profile, "event": event},
        )
    return event


def profile_mark_verified_for_demo(*, profile: PractitionerProfile, verified: bool) -> None:
    """Demo data only (load_demo): set the state and record it as done by the system."""
    if profile.verified == verified:
        return
    profile.verified = verified
    profile.verified_at = timezone.now() if verified else None
    profile.verified_by = None
    profile.save(update_fields=["verified", "verified_at", "verified_by", "updated_at"])
    _event(
        profile=profile,
        action=VerificationAction.VERIFIED if verified else VerificationAction.REVOKED,
        by=None,
        evidence=VerificationEvidence.OTHER if verified else "",
        note="Fictional demo data, set by load_demo.",
    )


def trainer_profile_update(*, user: User, changed: dict[str, object]) -> TrainerProfile:
    trainer, _ = TrainerProfile.objects.get_or_create(user=user)
    for field, value in changed.items():
        setattr(trainer, field, value)
    trainer.full_clean()
    trainer.save()
    return trainer


# Name and e-mail ------------------------------------------------------------------------------

EMAIL_CHANGE_SALT = "academy.accounts.email-change"
EMAIL_CHANGE_MAX_AGE = 3 * 24 * 3600  # seconds a confirmation link stays valid


class EmailChangeError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def user_rename(*, user: User, full_name: str) -> User:
    user.full_name = full_name.strip()
    user.full_clean(validate_unique=False)
    user.save(update_fields=["full_name"])
    return user


def email_change_request(*, user: User, new_email: str, confirm_url: Callable[[str], str]) -> str:
    """Keep `new_email` as pending and send a signed link to it; returns the token.

    The address in use does not change until the link is opened (email_change_confirm); the
    old address is told a change was asked for, so a taken-over account is noticed.
    """
    new_email = new_email.strip().lower()
    if User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
        raise EmailChangeError("Another account uses this e-mail address.")
    token = signing.dumps({"user": user.pk, "email": new_email}, salt=EMAIL_CHANGE_SALT)
    with transaction.atomic():
        user.pending_email = new_email
        user.save(update_fields=["pending_email"])
        email_enqueue(
            to=[new_email],
            subject="Confirm your new e-mail address for Threadlift Academy",
            template="accounts/email/email_change_confirm.txt",
            context={
                "user": user,
                "link": confirm_url(token),
                "days": EMAIL_CHANGE_MAX_AGE // 86400,
            },
        )
        email_enqueue(
            to=[user.email],
            subject="A change of your Threadlift Academy e-mail address was requested",
            template="accounts/email/email_change_notice.txt",
            context={"user": user, "new_email": new_email},
        )
    return token


def email_change_pending_user(token: str) -> tuple[User, str]:
    """The account and new address a link stands for; EmailChangeError when it is no good."""
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
    except signing.SignatureExpired:
        raise EmailChangeError(
            "This link has expired. Ask for a new one on your profile."
        ) from None
    except signing.BadSignature:
        raise EmailChangeError("This link is not valid.") from None
    user = User.objects.filter(pk=data.get("user")).first()
    email = str(data.get("email", ""))
    if user is None or not email or user.pending_email != email:
        raise EmailChangeError(
            "This link is no longer valid: the change was confirmed, cancelled or replaced."
        )
    return user, email


def email_change_confirm(*, token: str) -> User:
    """Open the link: the pending address becomes the account's e-mail address."""
    with transaction.atomic():
        user, email = email_change_pending_user(token)
        user = User.objects.select_for_update().get(pk=user.pk)
        if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
            raise EmailChangeError("Another account now uses this e-mail address.")
        user.email = email
        user.pending_email = ""
        user.save(update_fields=["email", "pending_email"])
    return user


def email_change_cancel(*, user: User) -> None:
    user.pending_email = ""
    user.save(update_fields=["pending_email"])
