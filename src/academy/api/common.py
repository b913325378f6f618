"""Schemas and converters shared by several entity modules."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from academy.catalog.models import Course, CourseRun, Provider
from threadlift.catalog import EnrolmentDecision

# Ids are database keys: bounded so a huge integer is a 422, never a database overflow.
MAX_ID = 2**31 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class Closed(Schema):
    """Request bodies: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class ProviderRef(Schema):
    id: int
    name: str
    slug: str
    country: str


class CourseRef(Schema):
    id: int
    title: str
    slug: str
    provider: ProviderRef


class RunRef(Schema):
    id: int
    course: CourseRef
    starts_on: str
    ends_on: str
    mode: str
    city: str
    country: str


class ReasonOut(Schema):
    code: str
    severity: Literal["blocks", "caution", "ok"]
    message: str
    sources: list[str]


class RegulationOut(Schema):
    jurisdiction: str
    matched_jurisdiction: str | None
    jurisdiction_name: str
    profession: str
    status: str
    status_label: str
    conditions: list[str]
    confidence: str
    source_date: str | None
    sources: list[str]
    notes: list[str]
    marks: list[str]


class DecisionOut(Schema):
    allowed: bool
    reasons: list[ReasonOut]
    regulation: RegulationOut | None


def provider_ref(provider: Provider) -> dict[str, object]:
    return {
        "id": provider.pk,
        "name": provider.name,
        "slug": provider.slug,
        "country": provider.country,
    }


def course_ref(course: Course) -> dict[str, object]:
    return {
        "id": course.pk,
        "title": course.title,
        "slug": course.slug,
        "provider": provider_ref(course.provider),
    }


def run_ref(run: CourseRun) -> dict[str, object]:
    return {
        "id": run.pk,
        "course": course_ref(run.course),
        "starts_on": run.starts_on.isoformat(),
        "ends_on": run.ends_on.isoformat(),
        "mode": run.mode,
        "city": run.city,
        "country": run.country,
    }


def decision_out(decision: EnrolmentDecision | None) -> dict[str, object] | None:
    if decision is None:
        return None
    regulation = None
    if decision.regulation is not None:
        regulation = {
            **decision.regulation.model_dump(mode="json"),
            "status_label": decision.regulation.status_label,
        }
    return {
        "allowed": decision.allowed,
        "reasons": [r.model_dump(mode="json") for r in decision.reasons],
        "regulation": regulation,
    }


def run_terms(run: CourseRun) -> dict[str, Any]:
    """What a run offers, as both the public and the academy admin's views show it."""
    return {
        "language": run.language,
        "seats": run.seats,
        "price": f"{run.price:.2f}",
        "currency": run.currency,
        "theory_hours": float(run.theory_hours),
        "hands_on": run.hands_on,
        "hands_on_hours": float(run.hands_on_hours),
        "delegates_per_trainer": run.delegates_per_trainer,
        "live_models_guaranteed": run.live_models_guaranteed,
        "live_models_note": run.live_models_note,
        "enrolment_opens": run.enrolment_opens,
        "enrolment_closes": run.enrolment_closes,
    }
