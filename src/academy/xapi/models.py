"""The statements outbox: every statement built is stored before it is sent, so an LRS that is
down loses nothing; and each learner's opaque xAPI name."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Actor(models.Model):
    """The learner's name in learning records: a random id, never the e-mail or the name.
    Deleting the learner deletes it (and their queued statements)."""

    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="xapi_actor"
    )
    name = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    def __str__(self) -> str:
        return str(self.name)


class StatementState(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    FAILED = "failed", "Given up"


class Statement(models.Model):
    """One xAPI statement; its id is derived from the event (uuid5), so a retry or a second
    announcement of the same event is the same statement."""

    id = models.UUIDField(primary_key=True, editable=False)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="xapi_statements"
    )
    verb = models.CharField(max_length=20)
    payload = models.JSONField()
    state = models.CharField(
        max_length=8, choices=StatementState.choices, default=StatementState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)  # never a secret or learner data
    created_at = models.DateTimeField()
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.verb} {self.id} ({self.state})"
