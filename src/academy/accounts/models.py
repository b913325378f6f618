"""Users (e-mail login), practitioner profiles, trainer profiles and roles."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.files.storage import Storage
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from academy.accounts.jurisdictions import jurisdiction_name, validate_jurisdiction
from academy.core.storage import private_storage


class Role(models.TextChoices):
    LEARNER = "learner", "Learner"
    TRAINER = "trainer", "Trainer"
    ACADEMY_ADMIN = "academy_admin", "Academy admin"
    # Platform staff who check practitioners' registrations with the regulators. A verified
    # registration means the same for every academy (see README, "Registration verification").
    VERIFIER = "verifier", "Registration verifier"


class Profession(models.TextChoices):
    # ids match threadlift.knowledge.vocab.Profession
    PHYSICIAN = "physician", "Physician (medical doctor)"
    DERMATOLOGIST = "dermatologist", "Dermatologist"
    PLASTIC_SURGEON = "plastic_surgeon", "Plastic surgeon"
    OTHER_MEDICAL_SPECIALIST = "other_medical_specialist", "Other medical specialist"
    DENTIST = "dentist", "Dentist"
    REGISTERED_NURSE = "registered_nurse", "Registered nurse"
    NURSE_PRACTITIONER = "nurse_practitioner", "Nurse practitioner"
    PHYSICIAN_ASSISTANT = "physician_assistant", "Physician assistant"
    OTHER = "other", "Other"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField(max_length=150)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # An address the person asked to change to; it replaces `email` only when the signed link
    # sent to it is opened (accounts.services.email_change_confirm).
    pending_email = models.EmailField("new e-mail address awaiting confirmation", blank=True)
    # Set when the owner follows the signed link sent at sign-up (accounts/confirmation.py).
    email_confirmed_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def has_role(self, role: Role | str) -> bool:
        """Roles are Django groups named by `Role` value; results are cached per instance."""
        cache: set[str] | None = getattr(self, "_role_cache", None)
        if cache is None:
            cache = set(self.groups.values_list("name", flat=True))
            self._role_cache = cache
        return str(role) in cache

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    @property
    def roles(self) -> list[str]:
        return [role.value for role in Role if self.has_role(role)]

    @property
    def role_labels(self) -> list[str]:
        """The roles in words, for badges: `Academy admin`, never `academy_admin`."""
        return [str(role.label) for role in Role if self.has_role(role)]


class PractitionerProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    profession = models.CharField(max_length=40, choices=Profession.choices)
    jurisdiction = models.CharField(
        max_length=10,
        validators=[validate_jurisdiction],
        help_text="ISO 3166-1 country, optionally with ISO 3166-2 subdivision: GB-ENG, US-CA.",
    )
    regulator = models.CharField(
        max_length=120, blank=True, help_text="e.g. GMC, NMC, GDC, state medical board."
    )
    registration_number = models.CharField(max_length=60, blank=True)
    verified = models.BooleanField(
        default=False, help_text="Registration checked by a registration verifier."
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.user} ({self.get_profession_display()}, {self.jurisdiction})"

    @property
    def jurisdiction_label(self) -> str:
        return jurisdiction_name(self.jurisdiction)

    @property
    def country(self) -> str:
        return self.jurisdiction.partition("-")[0]


class TrainerProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="trainer_profile")
    years_in_practice = models.PositiveSmallIntegerField(default=0)
    thread_procedures_performed = models.PositiveIntegerField(
        default=0, help_text="Thread-lift procedures performed personally (self-reported)."
    )
    credentials = models.TextField(blank=True, help_text="Qualifications, one per line.")
    specialties = models.CharField(max_length=200, blank=True)
    bio = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Trainer: {self.user}"

    @property
    def credential_list(self) -> list[str]:
        return [line.strip() for line in self.credentials.splitlines() if line.strip()]


class AppendOnly(models.Model):
    """An event row: written once, never changed or deleted (the audit trail depends on it)."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError(f"{type(self).__name__} rows are never changed once written.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError(f"{type(self).__name__} rows are never deleted.")


class VerificationAction(models.TextChoices):
    VERIFIED = "verified", "Verified"
    REVOKED = "revoked", "Verification revoked"
    DECLINED = "declined", "Request declined"


class VerificationEvidence(models.TextChoices):
    PUBLIC_REGISTER = "public_register", "Found on the regulator's public register"
    REGULATOR_CONFIRMATION = "regulator_confirmation", "Confirmed by the regulator in writing"
    CERTIFICATE = "certificate", "Current registration certificate seen"
    OTHER = "other", "Other (described in the note)"


class VerificationEvent(AppendOnly):
    """One verification or revocation of a registration: who, when, on what evidence, and the
    registration details as they stood. The people are also stored as text, so the event stays
    readable if an account is ever removed."""

    profile = models.ForeignKey(
        PractitionerProfile,
        null=True,
        on_delete=models.SET_NULL,
        related_name="verification_events",
    )
    subject_email = models.EmailField()
    action = models.CharField(max_length=10, choices=VerificationAction.choices)
    by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    by_label = models.CharField(max_length=200, help_text="Who acted, as text.")
    at = models.DateTimeField(default=timezone.now)
    evidence = models.CharField(max_length=30, choices=VerificationEvidence.choices, blank=True)
    evidence_reference = models.CharField(
        max_length=300, blank=True, help_text="e.g. the register entry's address or a letter date."
    )
    note = models.TextField(blank=True)
    profession = models.CharField(max_length=40, choices=Profession.choices)
    jurisdiction = models.CharField(max_length=10)
    regulator = models.CharField(max_length=120)
    registration_number = models.CharField(max_length=60)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        what = self.get_action_display()
        return f"{what}: {self.subject_email} by {self.by_label} ({self.at:%Y-%m-%d})"


def evidence_storage() -> Storage:
    """Registration evidence is private, like case photos: its own storage under the private
    directory, no public URL, served only by an access-checked view."""
    return cast(Storage, private_storage("verification_evidence"))


class VerificationRequest(models.Model):
    """A practitioner's request to have their registration verified, with the evidence they
    uploaded. Open until a verifier records a decision on the registration (`decision`)."""

    profile = models.ForeignKey(
        PractitionerProfile, on_delete=models.CASCADE, related_name="verification_requests"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    evidence = models.FileField(storage=evidence_storage, upload_to="%Y/%m/")
    evidence_type = models.CharField(
        max_length=40, help_text="image/jpeg or application/pdf, as checked on upload."
    )
    message = models.TextField(blank=True, max_length=1000)
    decision = models.ForeignKey(
        VerificationEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile"],
                condition=models.Q(decided_at__isnull=True),
                name="one_open_verification_request_per_profile",
            )
        ]

    def __str__(self) -> str:
        return f"Verification request of {self.profile.user} ({self.requested_at:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.decided_at is None


class RoleAction(models.TextChoices):
    GRANTED = "granted", "Granted"
    REMOVED = "removed", "Removed"


class RoleEvent(AppendOnly):
    """A role granted or removed (roles are Django groups). Written by a signal on group
    membership, so changes made in the staff admin are recorded too."""

    user = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="role_events")
    user_email = models.EmailField()
    role = models.CharField(max_length=40)
    action = models.CharField(max_length=10, choices=RoleAction.choices)
    by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    by_label = models.CharField(max_length=200)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.role} {self.action} for {self.user_email} by {self.by_label}"

    @property
    def role_label(self) -> str:
        return role_label(self.role)


def role_label(value: str) -> str:
    """A role in words (`academy_admin` -> `Academy admin`); unknown groups keep their name."""
    try:
        return str(Role(value).label)
    except ValueError:
        return value
