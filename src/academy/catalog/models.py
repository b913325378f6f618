"""Providers, trainers' teaching, accreditations, evergreen courses and dated runs, enrolments.

A course is not a run (richie): people enrol in a run. List-valued facts (materials, designs,
topics, professions) are stored as space-delimited tokens so that filters work the same on SQLite
and PostgreSQL; use the `*_list` properties to read them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from academy.catalog.vocab import CreditType, Level, Mode
from threadlift.catalog import RunFacts, RunState, run_state


def tokens(values: list[str] | tuple[str, ...]) -> str:
    return " " + " ".join(values) + " " if values else ""


def untokens(value: str) -> list[str]:
    return value.split()


class Provider(models.Model):
    name = models.CharField(max_length=150)
    slug = models.SlugField(unique=True)
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2")
    city = models.CharField(max_length=80, blank=True)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    allows_unverified = models.BooleanField(
        default=False,
        help_text="Allow enrolment before an academy admin has verified the registration.",
    )
    admins = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="administered_providers", blank=True
    )
    # An academy's trainers are these and those teaching one of its runs (catalog/policy.py);
    # its admins staff runs from them only, so no run is staffed across academies.
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="trainer_of_providers",
        blank=True,
        help_text="Trainers who teach for this academy: its admins staff runs from them.",
    )
    is_demo = models.BooleanField(default=False, help_text="Fictional demo data.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# Deletes are refused where learners' records hang off (PROTECT): a provider with courses, a
# course with runs, a run with enrolments. Courses and runs are archived instead (`archived`).


class Course(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="courses")
    title = models.CharField(max_length=200)
    slug = models.SlugField()
    summary = models.TextField()
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.FOUNDATION)
    materials = models.CharField(max_length=200, blank=True)
    designs = models.CharField(max_length=200, blank=True)
    topics = models.CharField(max_length=300, blank=True)
    professions = models.CharField(max_length=400)
    # Conflict-of-interest rules (threadlift.catalog.accreditation): a trainer's relationship with
    # one of these companies is relevant to the course and must carry a mitigation.
    companies = models.TextField(
        blank=True,
        help_text="Companies whose products the course teaches, one per line.",
    )
    published = models.BooleanField(default=False)
    archived = models.BooleanField(
        default=False, help_text="Archived courses are kept for the record and hidden everywhere."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "slug"], name="course_slug_per_provider")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def material_list(self) -> list[str]:
        return untokens(self.materials)

    @property
    def design_list(self) -> list[str]:
        return untokens(self.designs)

    @property
    def topic_list(self) -> list[str]:
        return untokens(self.topics)

    @property
    def profession_list(self) -> list[str]:
        return untokens(self.professions)

    @property
    def company_list(self) -> list[str]:
        return [line.strip() for line in self.companies.splitlines() if line.strip()]


class Accreditation(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="accreditations")
    body = models.CharField(max_length=120, help_text="e.g. CPD Certification Service, Ofqual")
    reference = models.CharField(max_length=80, blank=True)
    credit_type = models.CharField(max_length=20, choices=CreditType.choices)
    credit_amount = models.DecimalField(
        max_digits=6, decimal_places=1, validators=[MinValueValidator(Decimal("0"))]
    )
    valid_until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["body"]

    def __str__(self) -> str:
        return f"{self.body}: {self.credit_amount} {self.get_credit_type_display()}"

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_until is None or self.valid_until >= day


class CourseRunQuerySet(models.QuerySet["CourseRun"]):
    def published(self) -> CourseRunQuerySet:
        """What the public catalog shows: published, and neither the run nor its course archived."""
        return self.filter(
            published=True, course__published=True, archived=False, course__archived=False
        )

    def upcoming(self, *, now: dt.datetime) -> CourseRunQuerySet:
        return self.filter(ends_on__gte=now.date())

    def open_for_enrollment(self, *, now: dt.datetime) -> CourseRunQuerySet:
        return self.published().filter(
            cancelled=False,
            enrolment_opens__lte=now,
            enrolment_closes__gt=now,
            starts_on__gt=now.date(),
        )

    def for_catalog(self) -> CourseRunQuerySet:
        return self.select_related("course", "course__provider").prefetch_related(
            "course__accreditations", "trainers__trainer_profile"
        )


class CourseRun(models.Model):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="runs")
    starts_on = models.DateField()
    ends_on = models.DateField()
    mode = models.CharField(max_length=20, choices=Mode.choices)
    city = models.CharField(max_length=80, blank=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")
    language = models.CharField(max_length=40, default="English")
    seats = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    seats_taken = models.PositiveIntegerField(default=0, editable=False)
    price = models.DecimalField(
        max_digits=9, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    currency = models.CharField(max_length=3, default="GBP")
    theory_hours = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    hands_on = models.BooleanField(default=True, help_text="The run includes hands-on practice.")
    hands_on_hours = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    delegates_per_trainer = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Hands-on ratio: delegates for each trainer."
    )
    live_models_guaranteed = models.BooleanField(default=False)
    live_models_note = models.CharField(max_length=200, blank=True)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="teaching_runs", blank=True
    )
    enrolment_opens = models.DateTimeField()
    enrolment_closes = models.DateTimeField()
    published = models.BooleanField(default=False)
    cancelled = models.BooleanField(default=False)
    archived = models.BooleanField(
        default=False, help_text="Archived runs are kept for the record and hidden everywhere."
    )
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CourseRunQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "id"]
        indexes = [models.Index(fields=["starts_on"]), models.Index(fields=["price"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="run_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="run_has_seats"),
        ]

    def __str__(self) -> str:
        return f"{self.course.title} ({self.starts_on:%d %b %Y})"

    def facts(self) -> RunFacts:
        return RunFacts(
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            enrolment_opens=self.enrolment_opens,
            enrolment_closes=self.enrolment_closes,
            seats=max(self.seats, 1),
            seats_taken=self.seats_taken,
            cancelled=self.cancelled,
        )

    def state(self, now: dt.datetime) -> RunState:
        return run_state(self.facts(), now)

    @property
    def seats_left(self) -> int:
        return max(self.seats - self.seats_taken, 0)

    @property
    def total_hours(self) -> Decimal:
        return self.theory_hours + self.hands_on_hours


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", "Enrolled"
    WAITLISTED = "waitlisted", "On the waitlist"
    CANCELLED = "cancelled", "Cancelled"


class Enrolment(models.Model):
    run = models.ForeignKey(CourseRun, on_delete=models.PROTECT, related_name="enrolments")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    status = models.CharField(max_length=12, choices=EnrolmentStatus.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "learner"],
                condition=~Q(status="cancelled"),
                name="one_active_enrolment_per_run",
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} — {self.run} ({self.status})"


class Declaration(models.Model):
    """A person's conflict-of-interest declaration: their financial relationships with companies,
    or none. Each new declaration replaces the last one; the old ones stay for the record."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="declarations"
    )
    declared_at = models.DateTimeField()
    nothing_to_declare = models.BooleanField(default=False)

    class Meta:
        ordering = ["-declared_at", "-id"]
        indexes = [models.Index(fields=["person", "-declared_at"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.declared_at:%Y-%m-%d}"


class FinancialRelationship(models.Model):
    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="relationships"
    )
    company = models.CharField(max_length=150)
    kind = models.CharField(max_length=20, help_text="A relationship type from the policy data.")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="Empty while it continues.")
    mitigation = models.TextField(blank=True)

    class Meta:
        ordering = ["company", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="relationship_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.company} ({self.kind})"
