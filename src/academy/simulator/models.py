"""Simulator attempts and per-course simulator settings (issue 13)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from academy.catalog.models import Course, CourseRun


class Mode(models.TextChoices):
    LEARN = "learn", "Learn (zones and live feedback)"
    TEST = "test", "Test (no help until you submit)"


class AttemptQuerySet(models.QuerySet["Attempt"]):
    def submitted(self) -> AttemptQuerySet:
        return self.filter(submitted_at__isnull=False)

    def tests(self) -> AttemptQuerySet:
        return self.filter(mode=Mode.TEST)


class Attempt(models.Model):
    """One submitted plan for one exercise on one face, scored by the planning engine."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sim_attempts"
    )
    exercise_id = models.CharField(max_length=60)
    face_id = models.CharField(max_length=60)
    mode = models.CharField(max_length=8, choices=Mode.choices)
    plan = models.JSONField()
    overall = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    safety = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    efficacy = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    passed = models.BooleanField()
    critical = models.BooleanField(help_text="At least one critical finding.")
    findings = models.JSONField(default=list)
    time_spent_s = models.PositiveIntegerField(default=0, help_text="Seconds on the exercise.")
    by_trainer = models.BooleanField(
        default=False, help_text="Made by a trainer: test attempts feed the benchmark."
    )
    run = models.ForeignKey(
        CourseRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="sim_attempts"
    )
    started_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["learner", "exercise_id", "submitted_at"]),
            models.Index(fields=["exercise_id", "by_trainer", "mode"]),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.exercise_id} on {self.face_id} ({self.mode})"


class SimulatorSettings(models.Model):
    """A course's simulator rules. Blank fields use the core's defaults (our policy)."""

    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="sim_settings")
    exercises_required = models.CharField(
        max_length=600, blank=True, help_text="Exercise ids, comma-separated (blank: none)."
    )
    consecutive = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Consecutive test attempts at the benchmark (blank: the default).",
    )
    min_faces = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Different faces among them (blank: the default).",
    )

    def __str__(self) -> str:
        return f"Simulator settings for {self.course}"

    def required_ids(self) -> list[str]:
        return [s.strip() for s in self.exercises_required.split(",") if s.strip()]
