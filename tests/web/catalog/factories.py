"""Small builders for catalog test data (plain functions, no factory library)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.utils import timezone

from academy.accounts.models import User
from academy.catalog.models import Accreditation, Course, CourseRun, Provider, tokens

_seq = itertools.count(1)
DOCTORS = ["physician", "dermatologist", "plastic_surgeon", "other_medical_specialist"]


def provider(*, admins: list[User] = (), **kw: Any) -> Provider:  # type: ignore[assignment]
    n = next(_seq)
    p = Provider.objects.create(
        **{"name": f"Academy {n}", "slug": f"academy-{n}", "country": "GB", "city": "London", **kw}
    )
    p.admins.set(admins)
    return p


def course(
    prov: Provider | None = None,
    *,
    professions: list[str] | None = None,
    materials: list[str] | None = None,
    **kw: Any,
) -> Course:
    n = next(_seq)
    c = Course.objects.create(
        provider=prov or provider(),
        title=kw.pop("title", f"Thread course {n}"),
        slug=f"course-{n}",
        summary="A course.",
        professions=tokens(professions or DOCTORS),
        materials=tokens(materials or ["pdo"]),
        designs=tokens(["cog_bidirectional"]),
        topics=tokens(["anatomy", "technique"]),
        published=kw.pop("published", True),
        **kw,
    )
    return c


def run(crs: Course | None = None, **kw: Any) -> CourseRun:
    now = timezone.now()
    starts = kw.pop("starts_on", timezone.localdate() + dt.timedelta(days=30))
    values: dict[str, Any] = dict(
        starts_on=starts,
        ends_on=starts,
        mode="in_person",
        city="London",
        country="GB",
        seats=10,
        price=Decimal("1000"),
        currency="GBP",
        theory_hours=Decimal(4),
        hands_on=True,
        hands_on_hours=Decimal(4),
        delegates_per_trainer=4,
        live_models_guaranteed=False,
        enrolment_opens=now - dt.timedelta(days=1),
        enrolment_closes=now + dt.timedelta(days=20),
        published=True,
    )
    values.update(kw)
    return CourseRun.objects.create(course=crs or course(), **values)


def accreditation(crs: Course, body: str = "CPD Certification Service") -> Accreditation:
    return Accreditation.objects.create(
        course=crs, body=body, credit_type="cpd_hours", credit_amount=Decimal(6)
    )
