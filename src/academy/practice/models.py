"""Practical sessions of a run, learners' bookings, and volunteer models' applications.

A session's places are never overbooked: every write that changes who holds a place locks the
session row first (see `services`). A volunteer's personal data lives only on
`VolunteerApplication` and is wiped by `privacy.application_erase` (the row stays, marked
erased, for the academy's counts).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from academy.catalog.models import CourseRun, Provider

# Our policy (no source sets it): a volunteer's data is kept 90 days after their session, long
# enough for the follow-up visits of the aftercare data (7-10 days, 1 and 3 months are seen in
# the clinic's own record, not here), unless the academy chooses otherwise.
DEFAULT_RETENTION_DAYS = 90


class PracticeSettings(models.Model):
    provider = models.OneToOneField(
        Provider, on_delete=models.CASCADE, related_name="practice_settings"
    )
    model_retention_days = models.PositiveIntegerField(
        default=DEFAULT_RETENTION_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text="Days after the session that volunteer models' personal data is kept; then "
        f"it is erased automatically. Our default policy: {DEFAULT_RETENTION_DAYS} days.",
    )

    def __str__(self) -> str:
        return f"Practice settings of {self.provider}"


class PracticalSession(models.Model):
    run = models.ForeignKey(CourseRun, on_delete=models.PROTECT, related_name="practical_sessions")
    date = models.DateField()
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    venue = models.CharField(max_length=200)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="practical_sessions", blank=True
    )
    places = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(500)], help_text="Delegate places."
    )
    model_slots_per_delegate = models.PositiveSmallIntegerField(
        default=1, validators=[MaxValueValidator(20)], help_text="Volunteer models per delegate."
    )
    notes = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="session_has_places"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        when = f"{self.date:%d %b %Y} {self.starts_at:%H:%M}"
        return f"{self.run.course.title}: practical session {when}"

    @property
    def model_slots(self) -> int:
        return self.places * self.model_slots_per_delegate

    def starts(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.starts_at)


class BookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    WAITLISTED = "waitlisted", "On the waitlist"
    CANCELLED = "cancelled", "Cancelled"


class Attendance(models.TextChoices):
    UNKNOWN = "", "Not recorded"
    ATTENDED = "attended", "Attended"
    NO_SHOW = "no_show", "Did not attend"


class SessionBooking(models.Model):
    session = models.ForeignKey(PracticalSession, on_delete=models.CASCADE, related_name="bookings")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_bookings"
    )
    status = models.CharField(max_length=12, choices=BookingStatus.choices)
    attendance = models.CharField(max_length=10, choices=Attendance.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "learner"],
                condition=~Q(status="cancelled"),
                name="one_active_booking_per_session",
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} — {self.session} ({self.status})"


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", "Awaiting a decision"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class VolunteerApplication(models.Model):
    """A volunteer model's application for a slot, with the engine's screening verdict."""

    session = models.ForeignKey(
        PracticalSession, on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(
        max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    # Personal data (wiped on erasure).
    full_name = models.CharField(max_length=150)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    consent_text = models.TextField()
    consented_at = models.DateTimeField(null=True)
    answers = models.JSONField(default=dict, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    # The engine's verdict is kept after erasure (counts of suitable/not suitable applicants).
    verdict = models.CharField(max_length=14)
    slot = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pre_treatment_sent_at = models.DateTimeField(null=True, blank=True)
    aftercare_sent_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "slot"],
                condition=Q(slot__isnull=False),
                name="one_model_per_slot",
            )
        ]

    def __str__(self) -> str:
        who = "erased" if self.erased_at else self.full_name
        return f"Volunteer application {self.pk} ({who})"

    @property
    def not_suitable(self) -> bool:
        return self.verdict != "suitable" and self.verdict != "caution"


class DataAction(models.TextChoices):
    EXPORTED = "exported", "Exported"
    ERASED = "erased", "Erased on request"
    PURGED = "purged", "Erased at the end of the retention period"


class ModelDataEvent(models.Model):
    """The audit trail of what was done with a volunteer's personal data, and by whom."""

    application = models.ForeignKey(
        VolunteerApplication, on_delete=models.CASCADE, related_name="data_events"
    )
    action = models.CharField(max_length=10, choices=DataAction.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_label = models.CharField(max_length=300)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.by_label}"
