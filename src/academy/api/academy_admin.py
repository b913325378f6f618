"""Academy admins: their providers' courses and runs — create, update, publish, cancel.

Validation is the pages' own: the body is checked for types here, then handed to the same
Django form (`CourseForm`, `RunForm`) and saved by the same services; form errors come back as
`fields` of the error shape. Access goes through `academy.catalog.access`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field
from pydantic.config import JsonDict

from academy.api.auth import signed_in, user_of
from academy.api.common import (
    MAX_ID,
    BodyId,
    Closed,
    Id,
    IsoDate,
    IsoDateTime,
    JsonBool,
    ProviderRef,
    Tenths,
    WholeNumber,
    provider_ref,
    run_terms,
)
from academy.api.errors import errors_for, form_error
from academy.catalog import services
from academy.catalog.access import (
    get_course_for_admin,
    get_provider_for_admin,
    get_run_for_admin,
    providers_for_admin,
)
from academy.catalog.forms import CourseForm, RunForm
from academy.catalog.models import Course, CourseRun
from academy.catalog.notify import run_url
from threadlift.knowledge.vocab import DesignId, MaterialId, Profession

router = Router(tags=["academy admin"], auth=signed_in)

ERRORS = errors_for([401, 403, 404, 422])

# The core's vocabularies, so the API and the knowledge base never drift apart.
Material = MaterialId
Design = DesignId
Topic = Literal[
    "anatomy", "threads", "technique", "selection", "communication", "complications", "aftercare"
]
Level = Literal["foundation", "intermediate", "advanced"]
Mode = Literal["in_person", "online", "hybrid"]


COURSE_EXAMPLE: JsonDict = {
    "title": "Foundation PDO thread lifting",
    "slug": "foundation-pdo",
    "summary": "Anatomy, patient selection and supervised PDO thread placement.",
    "level": "foundation",
    "materials": ["pdo"],
    "designs": ["mono", "cog_bidirectional"],
    "topics": ["anatomy", "threads", "technique", "complications", "aftercare"],
    "professions": ["physician", "dentist"],
}
RUN_EXAMPLE: JsonDict = {
    "starts_on": "2027-03-06",
    "ends_on": "2027-03-07",
    "mode": "in_person",
    "city": "Leeds",
    "country": "GB",
    "seats": 12,
    "price": "1450.00",
    "currency": "GBP",
    "theory_hours": 6,
    "hands_on": True,
    "hands_on_hours": 6,
    "delegates_per_trainer": 3,
    "live_models_guaranteed": True,
    "trainers": [],
    "enrolment_opens": "2027-01-04T09:00:00Z",
    "enrolment_closes": "2027-03-01T17:00:00Z",
}


class CourseFields(Closed):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [COURSE_EXAMPLE]})
    title: str = Field(max_length=200, examples=["Foundation PDO thread lifting"])
    slug: str = Field(max_length=50, examples=["foundation-pdo"])
    summary: str = Field(max_length=5000)
    level: Level = "foundation"
    materials: list[Material] = Field(max_length=5)
    designs: list[Design] = Field(max_length=5)
    topics: list[Topic] = Field(max_length=7)
    professions: list[Profession] = Field(min_length=1, max_length=9)


class CoursePatch(Closed):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"title": "PDO threads: foundation"}]}
    )
    title: str | None = Field(None, max_length=200)
    slug: str | None = Field(None, max_length=50)
    summary: str | None = Field(None, max_length=5000)
    level: Level | None = None
    materials: list[Material] | None = Field(None, max_length=5)
    designs: list[Design] | None = Field(None, max_length=5)
    topics: list[Topic] | None = Field(None, max_length=7)
    professions: list[Profession] | None = Field(None, max_length=9)


class RunFields(Closed):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [RUN_EXAMPLE]})
    starts_on: IsoDate
    ends_on: IsoDate
    mode: Mode
    city: str = Field("", max_length=80)
    country: str = Field("", max_length=2, description="ISO 3166-1 alpha-2")
    language: str = Field("English", max_length=40)
    seats: WholeNumber = Field(ge=1, le=MAX_ID)
    price: Decimal = Field(ge=0, le=Decimal("9999999.99"), allow_inf_nan=False)
    currency: str = Field("GBP", max_length=3, description="ISO 4217, e.g. GBP")
    theory_hours: Tenths
    hands_on: JsonBool = True
    hands_on_hours: Tenths
    delegates_per_trainer: WholeNumber | None = Field(None, ge=1, le=1000)
    live_models_guaranteed: JsonBool = False
    live_models_note: str = Field("", max_length=200)
    trainers: list[BodyId] = Field(default_factory=list, max_length=50, description="trainer ids")
    enrolment_opens: IsoDateTime
    enrolment_closes: IsoDateTime


class RunPatch(Closed):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"seats": 16, "price": "1350.00"}]}
    )
    starts_on: IsoDate | None = None
    ends_on: IsoDate | None = None
    mode: Mode | None = None
    city: str | None = Field(None, max_length=80)
    country: str | None = Field(None, max_length=2)
    language: str | None = Field(None, max_length=40)
    seats: WholeNumber | None = Field(None, ge=1, le=MAX_ID)
    price: Decimal | None = Field(None, ge=0, le=Decimal("9999999.99"), allow_inf_nan=False)
    currency: str | None = Field(None, max_length=3)
    theory_hours: Tenths | None = None
    hands_on: JsonBool | None = None
    hands_on_hours: Tenths | None = None
    delegates_per_trainer: WholeNumber | None = Field(None, ge=1, le=1000)
    live_models_guaranteed: JsonBool | None = None
    live_models_note: str | None = Field(None, max_length=200)
    trainers: list[BodyId] | None = Field(None, max_length=50)
    enrolment_opens: IsoDateTime | None = None
    enrolment_closes: IsoDateTime | None = None


class PublishIn(Closed):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"published": True}]})
    published: JsonBool


class AdminRunOut(Schema):
    id: int
    course_id: int
    starts_on: dt.date
    ends_on: dt.date
    mode: str
    city: str
    country: str
    language: str
    seats: int
    seats_taken: int
    price: str
    currency: str
    theory_hours: float
    hands_on: bool
    hands_on_hours: float
    delegates_per_trainer: int | None
    live_models_guaranteed: bool
    live_models_note: str
    trainers: list[int]
    enrolment_opens: dt.datetime
    enrolment_closes: dt.datetime
    published: bool
    cancelled: bool


class AdminCourseOut(Schema):
    id: int
    provider: ProviderRef
    title: str
    slug: str
    summary: str
    level: str
    materials: list[str]
    designs: list[str]
    topics: list[str]
    professions: list[str]
    published: bool
    runs: list[AdminRunOut]


def run_admin_out(run: CourseRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "course_id": run.course_id,
        **{f: getattr(run, f) for f in ("starts_on", "ends_on", "mode", "city", "country")},
        **run_terms(run),
        "seats_taken": run.seats_taken,
        "trainers": [t.pk for t in run.trainers.all()],
        "published": run.published,
        "cancelled": run.cancelled,
    }


def course_admin_out(course: Course) -> dict[str, Any]:
    return {
        "id": course.pk,
        "provider": provider_ref(course.provider),
        "title": course.title,
        "slug": course.slug,
        "summary": course.summary,
        "level": course.level,
        "materials": course.material_list,
        "designs": course.design_list,
        "topics": course.topic_list,
        "professions": course.profession_list,
        "published": course.published,
        "runs": [run_admin_out(r) for r in course.runs.all()],
    }


def _course_data(course: Course | None, changes: dict[str, Any]) -> dict[str, Any]:
    """Form data: the stored values (when updating) overlaid with the changes sent."""
    data: dict[str, Any] = {}
    if course is not None:
        data = {f: getattr(course, f) for f in ("title", "slug", "summary", "level")}
        for name in ("materials", "designs", "topics", "professions"):
            data[name] = getattr(course, f"{name[:-1]}_list")
    data.update(changes)
    return data


def _save_course(course: Course, data: dict[str, Any]) -> Course:
    form = CourseForm(data, instance=course)
    if not form.is_valid():
        raise form_error(form)
    return services.course_save(course=form.save(commit=False))


RUN_FIELDS = tuple(RunFields.model_fields)


def _run_data(run: CourseRun | None, changes: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if run is not None:
        data = {f: getattr(run, f) for f in RUN_FIELDS if f != "trainers"}
        data["trainers"] = [t.pk for t in run.trainers.all()]
    data.update(changes)
    # Django's CheckboxInput reads "absent" as False: drop falsy booleans, as a browser does.
    return {k: v for k, v in data.items() if not (v is False or v is None)}


def _save_run(request: HttpRequest, run: CourseRun, data: dict[str, Any]) -> CourseRun:
    form = RunForm(data, instance=run)
    if not form.is_valid():
        raise form_error(form)
    saved = form.save(commit=False)
    return services.run_save(
        run=saved,
        trainers=list(form.cleaned_data["trainers"]),
        run_url=run_url(request, saved.pk) if saved.pk else "",
        today=timezone.localdate(),
    )


def _course(course_id: int, request: HttpRequest) -> Course:
    return get_course_for_admin(user_of(request), course_id)


def _run(run_id: int, request: HttpRequest) -> CourseRun:
    return get_run_for_admin(user_of(request), run_id)


@router.get(
    "/courses",
    response={200: list[AdminCourseOut], **ERRORS},
    summary="My academies' courses and their runs",
    description="Every course of every provider you administer, published or not.",
)
def course_list(request: HttpRequest) -> list[dict[str, Any]]:
    courses = (
        Course.objects.filter(provider__in=providers_for_admin(user_of(request)))
        .select_related("provider")
        .prefetch_related("runs__trainers")
        .order_by("provider__name", "title", "id")
    )
    return [course_admin_out(c) for c in courses]


@router.post(
    "/providers/{provider_id}/courses",
    response={201: AdminCourseOut, **ERRORS},
    summary="Create a course (unpublished)",
)
def course_create(request: HttpRequest, provider_id: Id, payload: CourseFields) -> Status[dict]:
    provider = get_provider_for_admin(user_of(request), provider_id)
    course = _save_course(Course(provider=provider), _course_data(None, payload.model_dump()))
    return Status(201, course_admin_out(course))


@router.patch(
    "/courses/{course_id}",
    response={200: AdminCourseOut, **ERRORS},
    summary="Update a course (only the fields sent)",
)
def course_update(request: HttpRequest, course_id: Id, payload: CoursePatch) -> dict[str, Any]:
    course = _course(course_id, request)
    changes = payload.model_dump(exclude_unset=True)
    return course_admin_out(_save_course(course, _course_data(course, changes)))


@router.post(
    "/courses/{course_id}/publish",
    response={200: AdminCourseOut, **ERRORS},
    summary="Publish or unpublish a course",
)
def course_publish(request: HttpRequest, course_id: Id, payload: PublishIn) -> dict[str, Any]:
    course = _course(course_id, request)
    return course_admin_out(
        services.course_set_published(course=course, published=payload.published)
    )


@router.post(
    "/courses/{course_id}/runs",
    response={201: AdminRunOut, **ERRORS},
    summary="Create a run of a course (unpublished)",
)
def run_create(request: HttpRequest, course_id: Id, payload: RunFields) -> Status[dict]:
    course = _course(course_id, request)
    run = _save_run(request, CourseRun(course=course), _run_data(None, payload.model_dump()))
    return Status(201, run_admin_out(run))


@router.patch(
    "/runs/{run_id}",
    response={200: AdminRunOut, **ERRORS},
    summary="Update a run (only the fields sent)",
)
def run_update(request: HttpRequest, run_id: Id, payload: RunPatch) -> dict[str, Any]:
    run = _run(run_id, request)
    changes = payload.model_dump(exclude_unset=True)
    return run_admin_out(_save_run(request, run, _run_data(run, changes)))


@router.post(
    "/runs/{run_id}/publish",
    response={200: AdminRunOut, **ERRORS},
    summary="Publish or unpublish a run",
)
def run_publish(request: HttpRequest, run_id: Id, payload: PublishIn) -> dict[str, Any]:
    run = _run(run_id, request)
    return run_admin_out(services.run_set_published(run=run, published=payload.published))


@router.post(
    "/runs/{run_id}/cancel",
    response={200: AdminRunOut, **ERRORS},
    summary="Cancel a run",
    description="Enrolled learners see it as cancelled. Cancelling twice changes nothing.",
)
def run_cancel(request: HttpRequest, run_id: Id) -> dict[str, Any]:
    run = _run(run_id, request)
    cancelled = services.run_cancel(
        run_id=run.pk, now=timezone.now(), run_url=run_url(request, run.pk)
    )
    return run_admin_out(cancelled)


__all__ = ["router"]
