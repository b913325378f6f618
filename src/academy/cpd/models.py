"""The CPD credit ledger (append-only), and the learner's own portfolio: external CPD,
reflections in the NMC's structure, practice-related feedback and the development plan.

A ledger row snapshots the academy, course and run (titles and ids) so that it reads the same
after the course is archived or renamed; it is kept at least CPD_RETENTION_YEARS (ACCME's six
years, R110). Rows are only ever inserted: a correction is a new reversing row.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models

from academy.catalog.models import Provider
from academy.logbook.models import Case
from academy.logbook.wba_models import WbaAssessment

REFLECTION_LIMIT = 4000  # characters per answer: about a page; the NMC asks for no length


class CreditType(models.TextChoices):
    PARTICIPATORY = "participatory", "Participatory"
    SELF_DIRECTED = "self_directed", "Self-directed"


class AppendOnlyError(Exception):
    """The ledger is append-only: rows are inserted, never changed or deleted."""


class LedgerQuerySet(models.QuerySet["CreditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("CPD ledger rows are never updated; add a reversing entry.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("CPD ledger rows are never deleted.")


class EntryKind(models.TextChoices):
    AWARD = "award", "Credit awarded"
    REVERSAL = "reversal", "Reversal"


class CreditEntry(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cpd_credits"
    )
    learner_name = models.CharField(max_length=300)
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="cpd_credits")
    provider_name = models.CharField(max_length=150)
    # Snapshots, not foreign keys: the row outlives a renamed or archived course or run.
    course_id_snapshot = models.PositiveIntegerField()
    course_title = models.CharField(max_length=200)
    run_id_snapshot = models.PositiveIntegerField()
    run_label = models.CharField(max_length=200)
    participatory_hours = models.DecimalField(max_digits=6, decimal_places=1)
    self_directed_hours = models.DecimalField(max_digits=6, decimal_places=1)
    awarded_on = models.DateField()
    # Written by the platform (the certificate's verification address), not typed in.
    evidence_url = models.CharField(max_length=500, blank=True)
    source_ref = models.CharField(
        max_length=64, help_text="What awarded it (the certificate's id)."
    )
    kind = models.CharField(max_length=10, choices=EntryKind.choices, default=EntryKind.AWARD)
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )
    reason = models.CharField(max_length=300, blank=True)
    keep_until = models.DateField()
    recorded_at = models.DateTimeField()

    objects = LedgerQuerySet.as_manager()

    class Meta:
        ordering = ["-awarded_on", "-id"]
        indexes = [models.Index(fields=["learner", "awarded_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["source_ref"],
                condition=models.Q(kind="award"),
                name="one_credit_award_per_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.course_title}: {self.total_hours} h ({self.learner_name})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("CPD ledger rows are never updated; add a reversing entry.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("CPD ledger rows are never deleted.")

    @property
    def total_hours(self) -> Any:
        return self.participatory_hours + self.self_directed_hours


def _evidence_path(instance: ExternalActivity, filename: str) -> str:
    import uuid

    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"cpd/evidence/{instance.learner_id}/{uuid.uuid4().hex}.{suffix}"


class ExternalActivity(models.Model):
    """CPD done outside the platform, recorded by the learner."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_cpd"
    )
    title = models.CharField(max_length=200)
    provider_name = models.CharField("Provider", max_length=150, blank=True)
    date = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=1, validators=[MinValueValidator(0.1)])
    credit_type = models.CharField("Type", max_length=20, choices=CreditType.choices)
    notes = models.TextField(blank=True, validators=[MaxLengthValidator(2000)])
    # The default storage is private (academy/core/storage.py): no public URL; served only by
    # the access-checked evidence view.
    evidence = models.FileField(upload_to=_evidence_path, blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.hours} h)"


class FeedbackSource(models.TextChoices):
    PATIENT = "patient", "Patient or service user"
    COLLEAGUE = "colleague", "Colleague"
    SUPERVISOR = "supervisor", "Trainer or supervisor"
    APPRAISAL = "appraisal", "Appraisal or review"
    OTHER = "other", "Other"


class FeedbackNote(models.Model):
    """A piece of practice-related feedback the learner received, in their words."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_notes"
    )
    source = models.CharField(max_length=20, choices=FeedbackSource.choices)
    received_on = models.DateField()
    summary = models.TextField(validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_source_display()} feedback, {self.received_on}"


class Reflection(models.Model):
    """A written reflective account in the NMC form's structure (R112), optionally attached to
    one thing: a ledger credit, an external activity, a logbook case, a piece of feedback or a
    workplace-based assessment (CBD, mini-CEX, MSF, patient feedback)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    written_on = models.DateField()
    nature = models.TextField(
        "What was the activity, feedback or experience?",
        validators=[MaxLengthValidator(REFLECTION_LIMIT)],
    )
    learned = models.TextField(
        "What did you learn from it?", validators=[MaxLengthValidator(REFLECTION_LIMIT)]
    )
    changed = models.TextField(
        "How did you change or improve your practice as a result?",
        validators=[MaxLengthValidator(REFLECTION_LIMIT)],
    )
    code_themes = models.JSONField(default=list, blank=True)
    code_relation = models.TextField(
        "How is this relevant to the Code?", validators=[MaxLengthValidator(REFLECTION_LIMIT)]
    )
    credit = models.ForeignKey(
        CreditEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="reflections"
    )
    external = models.ForeignKey(
        ExternalActivity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reflections",
    )
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="reflections"
    )
    feedback = models.ForeignKey(
        FeedbackNote, on_delete=models.SET_NULL, null=True, blank=True, related_name="reflections"
    )
    assessment = models.ForeignKey(
        WbaAssessment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reflections",
        verbose_name="workplace-based assessment",
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-written_on", "-id"]

    def __str__(self) -> str:
        return f"Reflection of {self.written_on}"

    @property
    def about(self) -> str:
        if self.credit_id:
            return f"Credit: {self.credit.course_title}"  # type: ignore[union-attr]
        if self.external_id:
            return f"External CPD: {self.external.title}"  # type: ignore[union-attr]
        if self.case_id:
            return f"Logbook case #{self.case_id}"
        if self.feedback_id:
            return f"Feedback of {self.feedback.received_on:%d %b %Y}"  # type: ignore[union-attr]
        if self.assessment_id:
            return f"{self.assessment.get_kind_display()} #{self.assessment_id}"  # type: ignore[union-attr]
        return "Practice or experience"


class GoalStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class DevelopmentGoal(models.Model):
    """A personal development plan goal: a curriculum outcome or the learner's own words."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="development_goals"
    )
    title = models.CharField(max_length=200)
    outcome_id = models.CharField(
        "Curriculum outcome", max_length=80, blank=True, help_text="Leave empty for your own goal."
    )
    development_outcomes = models.JSONField(default=list, blank=True)
    target_date = models.DateField()
    status = models.CharField(max_length=12, choices=GoalStatus.choices, default=GoalStatus.PLANNED)
    evidence_url = models.URLField("Evidence link", max_length=500, blank=True)
    notes = models.TextField(blank=True, validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["target_date", "id"]

    def __str__(self) -> str:
        return self.title
