"""What a learner does in a course run: lessons read, quiz attempts, case plays, item flags.

Curriculum items are referenced by id string (packaged or academy-authored alike); their text
lives in `academy.learning.content`, never copied here.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from academy.catalog.models import Course, CourseRun


class QuizMode(models.TextChoices):
    TUTOR = "tutor", "Tutor practice (feedback after each item, not counted)"
    EXAM = "exam", "Exam (feedback at the end)"


class PassStandard(models.TextChoices):
    FIXED = "fixed", "Fixed pass mark (our policy)"
    ANGOFF = "angoff", "Modified Angoff (from the trainers' judgements)"


class CourseModule(models.Model):
    """One curriculum module a course uses, in order, with its exam settings. A course without
    rows uses all seven modules with the defaults below.

    The exam's form is assembled per attempt by the module's blueprint (the curriculum's, or
    `blueprint` when the academy overrides it: {"outcome": {"difficulty": count}}). Attempt
    policy: `attempt_limit` exams at most, `cooldown_hours` between two; a trainer may release
    another attempt (`AttemptRelease`)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="learning_modules")
    module_id = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField(default=1)
    blueprint = models.JSONField(
        null=True, blank=True, help_text="The academy's blueprint; empty: the curriculum's."
    )
    pass_mark = models.PositiveSmallIntegerField(
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Percent of the maximum score (the fixed mark, our policy).",
    )
    standard = models.CharField(
        max_length=8, choices=PassStandard.choices, default=PassStandard.FIXED
    )
    cooldown_hours = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(720)]
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    attempt_limit = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["course", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "module_id"], name="one_mapping_per_module")
        ]

    def __str__(self) -> str:
        return f"{self.course} — {self.module_id}"


class LessonRead(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_reads"
    )
    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="lesson_reads")
    module_id = models.CharField(max_length=60)
    lesson_id = models.CharField(max_length=80)
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "run", "lesson_id"], name="one_read_per_lesson"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} read {self.lesson_id}"


class AttemptKind(models.TextChoices):
    QUIZ = "quiz", "Module exam"
    PRACTICE = "practice", "Practice round (not counted)"


class Attempt(models.Model):
    """An exam attempt (kind QUIZ, mode EXAM: the only kind that counts) or a practice round
    (tutor practice or the items answered wrong: never counted). `items` is the form as shown:
    [{"id", "options": [...]}], so a review shows the same items in the same order."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="quiz_attempts")
    module_id = models.CharField(max_length=60)
    kind = models.CharField(max_length=10, choices=AttemptKind.choices, default=AttemptKind.QUIZ)
    mode = models.CharField(max_length=8, choices=QuizMode.choices)
    seed = models.BigIntegerField()
    items = models.JSONField()
    pass_mark = models.PositiveSmallIntegerField(help_text="Percent, copied at the start.")
    pass_basis = models.CharField(
        max_length=200, blank=True, help_text="How the pass mark was set, as the pages say it."
    )
    shared = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Items also on the learner's previous exam form."
    )
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    total = models.FloatField(null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)  # None until the attempt is finished

    class Meta:
        ordering = ["started_at", "id"]
        indexes = [models.Index(fields=["run", "module_id", "kind"])]

    def __str__(self) -> str:
        return f"{self.learner} — {self.module_id} {self.kind} #{self.pk}"

    @property
    def size(self) -> int:
        return len(self.items)

    @property
    def percent(self) -> int | None:
        if self.total is None or not self.items:
            return None
        return round(100 * self.total / len(self.items))


class AttemptRelease(models.Model):
    """A trainer lets a learner take one more exam of a module now (beyond the attempt limit
    and the cool-down). `attempt` is the exam that used it."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempt_releases"
    )
    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="attempt_releases")
    module_id = models.CharField(max_length=60)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    attempt = models.OneToOneField(
        Attempt, null=True, blank=True, on_delete=models.SET_NULL, related_name="release"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.learner} may retake {self.module_id}"


class AngoffJudgement(models.Model):
    """A trainer's modified-Angoff judgement of one item for a course: the percentage of
    borderline candidates who would answer it correctly."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="angoff_judgements")
    module_id = models.CharField(max_length=60)
    item_id = models.CharField(max_length=80)
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="angoff_judgements"
    )
    value = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["course", "module_id", "item_id", "judge"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "item_id", "judge"], name="one_judgement_per_item_and_judge"
            )
        ]

    def __str__(self) -> str:
        return f"{self.judge} judged {self.item_id}: {self.value}"


class ItemResponse(models.Model):
    """The learner's answer to one drawn item. `late`: sent after the deadline, not counted."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses")
    position = models.PositiveSmallIntegerField()
    item_id = models.CharField(max_length=80)
    answer = models.JSONField(help_text='{"options": [...]} or {"x": mm, "y": mm}')
    score = models.FloatField()
    late = models.BooleanField(default=False)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="one_answer_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.attempt} item {self.position}: {self.score:g}"


def new_case_seed() -> int:
    """A play's seed for the order of its choices (stored, so a reload shows the same order)."""
    return secrets.randbelow(2**31)


class CasePlay(models.Model):
    """A learner's way through a branching case: `path` is [{"step", "choice", "correct"}];
    `seed` fixes the order its choices are shown in; `passed` is the path's result, set when the
    case ends (`threadlift.content.cases.case_result`)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_plays"
    )
    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="case_plays")
    case_id = models.CharField(max_length=80)
    path = models.JSONField(default=list)
    current_step = models.CharField(max_length=80)
    completed = models.BooleanField(default=False)
    correct_count = models.PositiveSmallIntegerField(default=0)
    seed = models.PositiveIntegerField(default=new_case_seed)
    passed = models.BooleanField(default=False)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return f"{self.learner} — case {self.case_id}"


class ItemFlagReport(models.Model):
    """A learner's flag on a question item, with a comment, for the trainers to review."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="item_flags"
    )
    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="item_flags")
    item_id = models.CharField(max_length=80)
    comment = models.TextField(max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    resolved = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return f"{self.learner} flagged {self.item_id}"
