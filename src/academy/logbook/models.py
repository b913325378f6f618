"""The supervised-case logbook (the clinical record), DOPS, competency rules and sign-offs.

A case is editable by its learner until a trainer signs it (`signed_at`); after that it changes
only through an `Amendment` (who, when, what, why), and simple-history keeps every version.
A signed DOPS is never changed: its `content_hash` is the SHA-256 of the canonical JSON of the
case and DOPS as signed (signing.py).
"""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.core.files.storage import Storage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from academy.catalog.models import Course, CourseRun
from academy.core.storage import private_storage
from academy.logbook.vocab import (
    Anaesthesia,
    DopsStatus,
    OverallLevel,
    PhotoKind,
    RuleKind,
    Setting,
    Supervision,
)


def photo_storage() -> Storage:
    return cast(Storage, private_storage("logbook_photos"))


class Case(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="logbook_cases"
    )
    run = models.ForeignKey(CourseRun, on_delete=models.PROTECT, related_name="logbook_cases")
    date = models.DateField()
    setting = models.CharField(max_length=10, choices=Setting.choices)
    clinic_name = models.CharField(max_length=150, blank=True)
    supervision = models.CharField(max_length=12, choices=Supervision.choices)
    indication = models.CharField(max_length=40)
    anaesthesia = models.CharField(max_length=20, choices=Anaesthesia.choices)
    plan = models.JSONField()
    plan_score = models.JSONField(help_text="The engine's score of the plan, findings kept.")
    consent_confirmed = models.BooleanField(default=False)
    outcome = models.TextField("immediate outcome", blank=True)
    complications = models.JSONField(default=list, blank=True)
    follow_ups = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_hash = models.CharField(max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["learner", "run"])]

    def __str__(self) -> str:
        return f"Case {self.pk} ({self.date:%d %b %Y})"

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    @property
    def critical_findings(self) -> list[dict[str, object]]:
        findings = (self.plan_score or {}).get("findings", [])
        return [f for f in findings if f.get("severity") == "critical"]


class CaseProduct(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="products")
    product = models.CharField(max_length=60, help_text="Knowledge-base product id.")
    batch = models.CharField("batch/lot number", max_length=60)
    expiry = models.DateField("expiry date")
    quantity = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.product} batch {self.batch}"


class CasePhoto(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="photos")
    kind = models.CharField(max_length=8, choices=PhotoKind.choices)
    file = models.FileField(storage=photo_storage, upload_to="cases/%Y/%m/")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} photo of case {self.case_id}"


class Amendment(models.Model):
    """A change to a signed case: what changed (field: [before, after]) and why."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="amendments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField()
    changes = models.JSONField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Amendment of case {self.case_id}"


class Dops(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="dops")
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="dops_assessed"
    )
    status = models.CharField(max_length=10, choices=DopsStatus.choices)
    requested_at = models.DateTimeField(auto_now_add=True)
    ratings = models.JSONField(default=dict, blank=True)
    overall = models.PositiveSmallIntegerField(choices=OverallLevel.choices, null=True, blank=True)
    strengths = models.TextField(blank=True)
    development = models.TextField("points to develop", blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_with = models.CharField(max_length=20, blank=True, help_text="second factor used")
    content_hash = models.CharField(max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = "DOPS"
        verbose_name_plural = "DOPS"
        constraints = [
            # One assessment of one procedure: a second request for the case is refused
            # (services.dops_request); the database holds the line against a double post.
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="requested"),
                name="one_open_dops_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"DOPS {self.pk} on case {self.case_id}"


class CompetencyRule(models.Model):
    """One practice rule of a course (the academy's policy, not a published standard)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="competency_rules")
    kind = models.CharField(max_length=8, choices=RuleKind.choices)
    count = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    supervision = models.CharField(
        max_length=12, choices=Supervision.choices, blank=True, help_text="For case rules."
    )
    indication = models.CharField(
        max_length=40, blank=True, help_text="Only cases of this indication (blank: any)."
    )
    min_level = models.PositiveSmallIntegerField(
        choices=OverallLevel.choices, null=True, blank=True, help_text="For DOPS rules."
    )
    min_trainers = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="For DOPS rules: signed by at least this many different trainers.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["course", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.count}"


class CompetencySignoff(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="competency_signoffs"
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField()
    signed_with = models.CharField(max_length=20)
    content_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "course"], name="one_signoff_per_course")
        ]

    def __str__(self) -> str:
        return f"Competency of {self.learner_id} in course {self.course_id}"


# Registered with the app here; they name this module's models by label (no import back).
from academy.logbook.wba_models import WbaAssessment, WbaLink  # noqa: E402

__all__ = [
    "Amendment",
    "Case",
    "CasePhoto",
    "CaseProduct",
    "CompetencyRule",
    "CompetencySignoff",
    "Dops",
    "WbaAssessment",
    "WbaLink",
    "photo_storage",
]
