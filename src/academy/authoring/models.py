"""An academy's own questions, lessons and cases (issue 12), and the references it states.

The text of an item is what a packaged curriculum file holds (YAML, or front matter + Markdown)
and is checked by `threadlift.content.authored` with the curriculum's own checks. Drafts may be
saved with problems (kept in `problems` for the lists); a published item has none.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from academy.catalog.models import Provider
from threadlift.content import MODULE_IDS
from threadlift.content.authored import PREFIX, SLUG, Kind

MODULE_CHOICES = [(m, m.replace("_", " ").capitalize()) for m in MODULE_IDS]


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    RETIRED = "retired", "Retired"


class StatedReference(models.Model):
    """A reference an academy gives for its items (`ACAD-<number>`), not checked by Threadlift."""

    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="stated_references"
    )
    number = models.PositiveIntegerField()
    citation = models.TextField(help_text="Authors, year, title, journal or publisher, link.")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["provider", "number"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "number"], name="stated_reference_number")
        ]

    def __str__(self) -> str:
        return f"{self.ref_id}: {self.citation[:60]}"

    @property
    def ref_id(self) -> str:
        return f"ACAD-{self.number}"


class AuthoredItem(models.Model):
    kind: ClassVar[Kind]

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="+")
    slug = models.CharField(
        max_length=60,
        validators=[
            RegexValidator(SLUG, "lower_snake_case: a-z, 0-9 and _, starting with a letter")
        ],
        help_text="lower_snake_case; unique in your academy for this kind.",
    )
    module_id = models.CharField(max_length=40, choices=MODULE_CHOICES)
    title = models.CharField(max_length=200, blank=True, help_text="shown in the lists")
    source = models.TextField(help_text="the item's text in the curriculum format")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    problems = models.JSONField(default=list, blank=True, help_text="[field, message] pairs")
    # Null once the author's account is deleted (the history keeps who wrote what), so a
    # blank author is a valid item, not a form error.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(inherit=True)
    objects: ClassVar[models.Manager[Any]] = models.Manager()

    class Meta:
        abstract = True
        ordering = ["module_id", "slug"]

    def __str__(self) -> str:
        return f"{self.title or self.slug} ({self.get_status_display()})"

    @property
    def item_id(self) -> str:
        """The platform id (`acad<provider>_<slug>`), never a curriculum id."""
        return f"{PREFIX}{self.provider_id}_{self.slug}"


class AuthoredQuestion(AuthoredItem):
    kind = "question"

    class Meta(AuthoredItem.Meta):
        constraints = [
            models.UniqueConstraint(fields=["provider", "slug"], name="authored_question_slug")
        ]


class AuthoredLesson(AuthoredItem):
    kind = "lesson"
    # Copied from the lesson's front matter when it is saved (services.save_item): the teaching
    # page flags a lesson past `review_by`, the learner's lesson page marks it.
    reviewed = models.DateField(null=True, blank=True)
    review_by = models.DateField(null=True, blank=True)

    class Meta(AuthoredItem.Meta):
        constraints = [
            models.UniqueConstraint(fields=["provider", "slug"], name="authored_lesson_slug")
        ]


class AuthoredCase(AuthoredItem):
    kind = "case"

    class Meta(AuthoredItem.Meta):
        constraints = [
            models.UniqueConstraint(fields=["provider", "slug"], name="authored_case_slug")
        ]


MODELS: dict[str, type[AuthoredItem]] = {
    "question": AuthoredQuestion,
    "lesson": AuthoredLesson,
    "case": AuthoredCase,
}
