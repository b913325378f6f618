"""Follow-ups of treated logbook cases: scheduled from data (threadlift.outcomes.policy), then
recorded by the case's clinician: seen or not (and why), complications with severity, onset,
management and resolution, symptoms with the triage urgency shown at the time, the patient's
satisfaction and private photos. The registry reads these rows, never their free text."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from academy.catalog.models import Provider
from academy.logbook.models import Case, photo_storage


class FollowUpStatus(models.TextChoices):
    DUE = "due", "Due"
    SEEN = "seen", "Seen"
    NOT_SEEN = "not_seen", "Not seen"


class NotSeenReason(models.TextChoices):
    DID_NOT_ATTEND = "did_not_attend", "Did not attend"
    DECLINED = "declined", "Patient declined"
    UNREACHABLE = "unreachable", "Could not be reached"
    SEEN_ELSEWHERE = "seen_elsewhere", "Seen by another clinician"
    OTHER = "other", "Other reason"


class Severity(models.TextChoices):
    MILD = "mild", "Mild (no treatment needed)"
    MODERATE = "moderate", "Moderate (treated, no lasting harm)"
    SEVERE = "severe", "Severe (lasting harm, hospital or surgery)"


class FollowUp(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_up_visits")
    day = models.PositiveSmallIntegerField(help_text="Days after the procedure (the schedule's).")
    label = models.CharField(max_length=40)
    due_on = models.DateField()
    status = models.CharField(
        max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.DUE
    )
    seen_on = models.DateField(null=True, blank=True)
    not_seen_reason = models.CharField(max_length=20, choices=NotSeenReason.choices, blank=True)
    had_complication = models.BooleanField(null=True, blank=True)
    symptoms = models.JSONField(default=list, blank=True)
    urgency = models.CharField(max_length=12, blank=True, help_text="Triage urgency when recorded.")
    satisfaction = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    notes = models.TextField(blank=True, help_text="Private; never enters the registry.")
    recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "day"], name="one_follow_up_per_case_day")
        ]

    def __str__(self) -> str:
        return f"{self.label} follow-up of case {self.case_id}"

    @property
    def is_recorded(self) -> bool:
        return self.status != FollowUpStatus.DUE


class FollowUpComplication(models.Model):
    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="complications")
    complication = models.CharField(max_length=60, help_text="Knowledge-base complication id.")
    severity = models.CharField(max_length=10, choices=Severity.choices)
    onset_day = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(3650)], help_text="Days after the procedure."
    )
    management = models.TextField(blank=True)
    resolved_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.complication} at {self.follow_up}"


class FollowUpPhoto(models.Model):
    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(storage=photo_storage, upload_to="follow-ups/%Y/%m/")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Photo of {self.follow_up}"


class RegistryOptIn(models.Model):
    """An academy that shares its anonymised follow-ups with the cross-academy registry."""

    provider = models.OneToOneField(
        Provider, on_delete=models.CASCADE, related_name="registry_opt_in"
    )
    opted_in_at = models.DateTimeField()
    opted_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.provider} shares with the registry"
