"""Completion rules, certificate policy per course, academy signing keys, issued credentials.

The signed credential (`Credential.document`) is the record: pages show what it says. Revocation
and suspension are flags read into the academy's two status lists on every request.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from academy.catalog.models import Course, Enrolment, Provider


class CertificatePolicy(models.Model):
    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="certificate")
    approval_required = models.BooleanField(
        default=True, help_text="An academy admin approves each certificate before it is issued."
    )
    renewal_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text="The certificate expires after this many months (empty: it does not expire).",
    )

    def __str__(self) -> str:
        return f"Certificate policy of {self.course}"


def _logo_path(instance: AcademyCertificateLook, filename: str) -> str:
    return f"credentials/logos/{instance.provider_id}-{uuid.uuid4().hex}.png"


def _signature_path(instance: AcademyCertificateLook, filename: str) -> str:
    return f"credentials/signatures/{instance.provider_id}-{uuid.uuid4().hex}.png"


class AcademyCertificateLook(models.Model):
    """What an academy's certificates carry besides the facts: its logo and who signs.

    The images live in the private file storage (no public URL): they are drawn into the PDF,
    which only the holder downloads, and shown to the academy's admins on their settings page.
    A scanned signature on a public URL would be an invitation to forge it.
    """

    provider = models.OneToOneField(
        Provider, on_delete=models.CASCADE, related_name="certificate_look"
    )
    logo = models.ImageField(upload_to=_logo_path, blank=True)
    signatory_name = models.CharField(max_length=120, blank=True)
    signatory_role = models.CharField(
        max_length=120, blank=True, help_text="e.g. Medical director, Harbour Aesthetics"
    )
    signature = models.ImageField(upload_to=_signature_path, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Certificate look of {self.provider}"


class CompletionRule(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="completion_rules")
    kind = models.CharField(max_length=40)
    label = models.CharField(max_length=160)
    params = models.JSONField(default=dict, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.course}: {self.label}"


class RequirementMark(models.Model):
    """An academy marked an `academy_requirement` rule met for one enrolment."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="marks")
    rule = models.ForeignKey(CompletionRule, on_delete=models.CASCADE, related_name="marks")
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "rule"], name="one_mark_per_rule")
        ]

    def __str__(self) -> str:
        return f"{self.rule.label}: met"


class AcademyKey(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="signing_keys")
    fragment = models.CharField(max_length=20)
    public_pem = models.TextField()
    sealed_private_key = models.TextField(help_text="AES-GCM under CREDENTIAL_KEY_SECRET")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "fragment"], name="key_fragment_unique"),
            models.UniqueConstraint(
                fields=["provider"], condition=models.Q(active=True), name="one_active_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.fragment}"


class CredentialState(models.TextChoices):
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
    QUEUED = "queued", "Being issued"
    ISSUED = "issued", "Issued"


class Credential(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="credentials")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="credentials")
    # The signed document is the record: it outlives a deleted enrolment or erased account.
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.SET_NULL, null=True, blank=True, related_name="credentials"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="credentials",
    )
    subject_id = models.UUIDField(default=uuid.uuid4, editable=False)
    status_index = models.PositiveIntegerField()
    state = models.CharField(max_length=20, choices=CredentialState.choices)
    document = models.JSONField(null=True, blank=True)
    cpd_hours = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    valid_until = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)
    suspended = models.BooleanField(default=False)
    replaces = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="renewals"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "status_index"], name="status_index_unique")
        ]

    def __str__(self) -> str:
        return f"{self.course} — {self.learner}"


class CredentialAction(models.TextChoices):
    REQUESTED = "requested", "Requirements met; awaiting approval"
    APPROVED = "approved", "Approved"
    ISSUED = "issued", "Issued"
    REVOKED = "revoked", "Revoked"
    SUSPENDED = "suspended", "Suspended"
    UNSUSPENDED = "unsuspended", "Suspension lifted"
    RENEWED = "renewed", "Re-issued on renewal"
    MARKED = "marked", "Requirement marked met"


class CredentialEvent(models.Model):
    """The audit trail of a credential: who did what, when and why."""

    # Blank is valid: an event before any credential (a requirement marked, a request refused),
    # an enrolment since deleted, or the system acting (a command or task: `by_label` says so).
    credential = models.ForeignKey(
        Credential, on_delete=models.CASCADE, related_name="events", null=True, blank=True
    )
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=CredentialAction.choices)
    reason = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_label = models.CharField(max_length=300)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.by_label}"
