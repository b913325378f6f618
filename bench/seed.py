"""Seed data shared by the benchmarks: 60 courses from 6 providers and N published runs.

Imported after `django.setup()` by the benchmark processes (never by the application).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def seed_runs(runs: int) -> None:
    """Bulk-create `runs` published, upcoming, open runs spread over a year and five countries."""
    from django.utils import timezone

    from academy.catalog.models import Accreditation, Course, CourseRun, Provider, tokens

    now = timezone.now()
    today = timezone.localdate()
    providers = [
        Provider.objects.create(name=f"P{i}", slug=f"p{i}", country=c)
        for i, c in enumerate(["GB", "DE", "AE", "AU", "SG", "GB"])
    ]
    materials = [["pdo"], ["pdo", "plla"], ["plla"], ["pdo", "pcl"]]
    courses = []
    for i in range(60):
        course = Course.objects.create(
            provider=providers[i % 6],
            title=f"Course {i}",
            slug=f"c{i}",
            summary="s",
            materials=tokens(materials[i % 4]),
            designs=tokens(["cog_bidirectional"]),
            topics=tokens(["anatomy"]),
            professions=tokens(["physician", "registered_nurse"]),
            published=True,
        )
        Accreditation.objects.create(
            course=course, body=f"Body {i % 5}", credit_type="cpd_hours", credit_amount=Decimal(6)
        )
        courses.append(course)
    countries = ["GB", "DE", "AE", "AU", "SG"]
    CourseRun.objects.bulk_create(
        [
            CourseRun(
                course=courses[i % 60],
                starts_on=today + dt.timedelta(days=1 + i % 365),
                ends_on=today + dt.timedelta(days=1 + i % 365),
                mode="in_person",
                city="City",
                country=countries[i % 5],
                seats=10,
                price=Decimal(300 + i % 3000),
                currency="GBP",
                hands_on_hours=Decimal(i % 9),
                live_models_guaranteed=i % 3 == 0,
                enrolment_opens=now - dt.timedelta(days=1),
                enrolment_closes=now + dt.timedelta(days=1),
                published=True,
            )
            for i in range(runs)
        ],
        batch_size=1000,
    )
