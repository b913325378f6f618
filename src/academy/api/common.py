"""Schemas and converters shared by several entity modules."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, Field, Strict, WithJsonSchema

from academy.catalog.models import Course, CourseRun, Provider
from threadlift.catalog import EnrolmentDecision

# Ids are database keys: bounded so a huge integer is a 422, never a database overflow.
MAX_ID = 2**31 - 1


# What the OpenAPI document says is what is accepted (issue 25): JSON's `2.0` is a whole number;
# `false` is not a number, `0` is not a boolean, `0` is not a date.


def _whole(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("must be a whole number, not true/false")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _json_whole(value: Any) -> Any:
    if isinstance(value, str):
        raise ValueError("must be a JSON number, not a string")
    return _whole(value)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")


def _iso(pattern: re.Pattern[str], shape: str) -> Any:
    def check(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value
        if not isinstance(value, str) or not pattern.match(value):
            raise ValueError(f"must be a date{shape} written {'YYYY-MM-DD' + shape}")
        return value

    return check


def _tenths(value: Any) -> Any:
    """A JSON number with at most one decimal place; binary floats such as 0.30000000000000004
    (3 × 0.1 in a client's arithmetic) are read as the tenth they stand for."""
    if isinstance(value, bool | str):
        raise ValueError("must be a JSON number, e.g. 6 or 6.5")
    if isinstance(value, float) and abs(value * 10 - round(value * 10)) < 1e-6:
        return Decimal(str(round(value, 1)))
    return value


WholeNumber = Annotated[int, BeforeValidator(_json_whole)]
"""An integer in a JSON body: `2.0` is accepted (JSON Schema's integer), `false` and `"2"` are
refused."""
JsonBool = Annotated[bool, Strict()]
"""A boolean in a JSON body: only `true` or `false` (not 0, 1 or "yes")."""
IsoDate = Annotated[dt.date, BeforeValidator(_iso(_ISO_DATE, ""))]
"""A calendar date as `YYYY-MM-DD` (not a number of seconds)."""
IsoDateTime = Annotated[dt.datetime, BeforeValidator(_iso(_ISO_DATETIME, " and time"))]
"""A date and time as ISO 8601 (not a number of seconds)."""
Tenths = Annotated[
    Decimal,
    BeforeValidator(_tenths),
    Field(
        ge=0,
        le=10_000,
        allow_inf_nan=False,
        decimal_places=1,
        description="hours, at most one decimal place (e.g. 6 or 6.5)",
    ),
    WithJsonSchema(
        {
            "type": "number",
            "minimum": 0,
            "maximum": 10_000,
            "multipleOf": 0.1,
            "description": "hours, at most one decimal place (e.g. 6 or 6.5)",
        }
    ),
]


Id = Annotated[int, BeforeValidator(_whole), Field(ge=1, le=MAX_ID)]
BodyId = Annotated[int, BeforeValidator(_json_whole), Field(ge=1, le=MAX_ID)]
"""An id in a JSON body (a number, as `WholeNumber`)."""


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
