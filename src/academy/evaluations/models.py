"""A course's evaluation questions, and each learner's one submission per enrolment.

An answer keeps the question's text and kind as they were asked, so editing or deleting a
question later never changes what a learner answered."""

from __future__ import annotations

from django.db import models

from academy.catalog.models import Course, Enrolment


class QuestionKind(models.TextChoices):
    SCALE = "scale", "Agreement scale (1–5)"
    YES_NO = "yes_no", "Yes or no"
    TEXT = "text", "Free text"


class EvaluationQuestion(models.Model):
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="evaluation_questions"
    )
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    text = models.CharField(max_length=300)
    required = models.BooleanField(default=True)
    sources = models.CharField(
        max_length=100, blank=True, help_text="Source ids of a default question, space-separated."
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def source_list(self) -> list[str]:
        return self.sources.split()


class EvaluationSubmission(models.Model):
    enrolment = models.OneToOneField(Enrolment, on_delete=models.PROTECT, related_name="evaluation")
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"Evaluation of {self.enrolment}"


class EvaluationAnswer(models.Model):
    submission = models.ForeignKey(
        EvaluationSubmission, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        EvaluationQuestion, on_delete=models.SET_NULL, null=True, related_name="answers"
    )
    question_text = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    value = models.TextField(blank=True)

    class Meta:
        ordering = ["submission_id", "id"]

    def __str__(self) -> str:
        return f"{self.question_text}: {self.value[:40]}"
