"""Workplace-based assessments beside DOPS (CBD, mini-CEX, MSF, patient feedback) and the
single-use links that let an assessor without an account complete one.

An assessment is requested by its learner (or created and completed by a trainer), completed
once and never changed after. Completed through a link, it is evidence of **unverified
identity** (`identity = unverified`) until an admin of the run's academy confirms the assessor.
A link stores only the SHA-256 of its token. Imported by `models.py` so Django registers them;
the foreign keys name their models by label to keep the import one way.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class WbaKind(models.TextChoices):
    CBD = "cbd", "Case-based discussion (CBD)"
    MINI_CEX = "mini_cex", "Mini-CEX"
    MSF = "msf", "Multi-source feedback (colleague)"
    PATIENT = "patient", "Patient feedback (CARE)"


# The forms that concern one logbook case (completed by a clinician who discussed or watched it).
CASE_KINDS = (WbaKind.CBD, WbaKind.MINI_CEX)


class WbaStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    COMPLETED = "completed", "Completed"


class Identity(models.TextChoices):
    PLATFORM = "platform", "Trainer on the platform"
    UNVERIFIED = "unverified", "External assessor, identity not yet confirmed"
    CONFIRMED = "confirmed", "External assessor, confirmed by the academy"


class WbaAssessment(models.Model):
    kind = models.CharField(max_length=10, choices=WbaKind.choices)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="wba_assessments"
    )
    run = models.ForeignKey(
        "catalog.CourseRun", on_delete=models.PROTECT, related_name="wba_assessments"
    )
    case = models.ForeignKey(
        "logbook.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="wba_assessments",
    )
    status = models.CharField(max_length=10, choices=WbaStatus.choices)
    identity = models.CharField(max_length=10, choices=Identity.choices)
    # A trainer on the platform, or an external assessor named by the learner.
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="wba_assessed",
    )
    assessor_name = models.CharField(max_length=150, blank=True)
    assessor_email = models.EmailField(blank=True)
    registration_body = models.CharField(max_length=80, blank=True)
    registration_number = models.CharField(max_length=40, blank=True)
    relationship = models.CharField(max_length=150, blank=True)
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ratings = models.JSONField(default=dict, blank=True)
    overall = models.PositiveSmallIntegerField(null=True, blank=True)
    strengths = models.TextField(blank=True)
    development = models.TextField("points to develop", blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    signed_with = models.CharField(max_length=20, blank=True, help_text="second factor used")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = "workplace-based assessment"
        indexes = [models.Index(fields=["learner", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk} of learner {self.learner_id}"

    @property
    def is_completed(self) -> bool:
        return self.status == WbaStatus.COMPLETED

    @property
    def verified(self) -> bool:
        return self.identity != Identity.UNVERIFIED

    @property
    def assessor_label(self) -> str:
        if self.assessor is not None:
            return str(self.assessor)
        return self.assessor_name or "External assessor"


class WbaLink(models.Model):
    """A single-use, expiring link for an external assessor: only the token's hash is kept."""

    assessment = models.ForeignKey(WbaAssessment, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Link {self.pk} for assessment {self.assessment_id}"
