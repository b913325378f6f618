"""Public catalog: runs (same filters, sorting and pages as /courses/), a run, a course, a
provider, and the comparison of 2–4 runs (the page's rows and "best" rules)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from academy.accounts.access import get_profile_for_user
from academy.accounts.models import PractitionerProfile
from academy.api.auth import caller
from academy.api.common import (
    CourseRef,
    DecisionOut,
    Id,
    IsoDate,
    ProviderRef,
    RunRef,
    course_ref,
    decision_out,
    provider_ref,
    run_ref,
    run_terms,
)
from academy.api.errors import ApiError, errors_for, form_error
from academy.catalog import caching, selectors
from academy.catalog.compare import comparison
from academy.catalog.forms import CatalogFilterForm
from academy.catalog.models import Accreditation, CourseRun
from academy.catalog.selectors import PAGE_SIZE
from academy.catalog.vocab import MaterialFilter
from academy.core.cache import CATALOG, digest, generation, memo

router = Router(tags=["catalog"])

MAX_PAGE = 100_000


class RunFilters(Schema):
    """The catalog page's filters (see /courses/), validated by the same form."""

    q: str = Field("", max_length=100, description="words in the course title or provider name")
    country: str = Field("", max_length=2, description="ISO 3166-1 alpha-2, e.g. GB")
    mode: Literal["", "in_person", "online", "hybrid"] = ""
    material: MaterialFilter = ""
    accreditation: str = Field("", max_length=120, description="accrediting body, exactly")
    date_from: IsoDate | None = Field(None, description="runs starting on or after")
    date_to: IsoDate | None = Field(None, description="runs starting on or before")
    price_min: Decimal | None = Field(None, ge=0, le=10**7, allow_inf_nan=False)
    price_max: Decimal | None = Field(None, ge=0, le=10**7, allow_inf_nan=False)
    currency: Literal["", "GBP", "EUR", "USD", "AUD", "AED", "SGD", "MYR", "KRW"] = ""
    live_models: bool = Field(False, description="only runs guaranteeing live models")
    eligible: bool = Field(False, description="only runs the signed-in practitioner may join")
    open_only: bool = Field(False, description="only runs open for enrolment now")
    sort: Literal["start", "price", "-price", "-hands_on"] = "start"
    page: int = Field(1, ge=1, le=MAX_PAGE)


class AccreditationOut(Schema):
    body: str
    reference: str
    credit_type: str
    credit_amount: float
    valid_until: dt.date | None


class TrainerOut(Schema):
    id: int
    name: str
    years_in_practice: int | None
    thread_procedures_performed: int | None


class RunOut(RunRef):
    language: str
    seats: int
    seats_left: int
    price: str = Field(examples=["1450.00"], description="decimal, in `currency`")
    currency: str
    theory_hours: float
    hands_on: bool
    hands_on_hours: float
    delegates_per_trainer: int | None
    live_models_guaranteed: bool
    live_models_note: str
    enrolment_opens: dt.datetime
    enrolment_closes: dt.datetime
    state: str
    state_label: str
    accreditations: list[AccreditationOut]
    trainers: list[TrainerOut]
    eligibility: DecisionOut | None = Field(
        description="for the signed-in practitioner; null when anonymous or without a profile"
    )


class RunPage(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    items: list[RunOut]


class CourseOut(CourseRef):
    summary: str
    level: str
    materials: list[str]
    designs: list[str]
    topics: list[str]
    professions: list[str]
    accreditations: list[AccreditationOut]
    eligibility: DecisionOut | None
    runs: list[RunOut]


class CourseSummary(CourseRef):
    summary: str
    level: str


class ProviderOut(ProviderRef):
    city: str
    website: str
    description: str
    allows_unverified: bool
    courses: list[CourseSummary]


class CellOut(Schema):
    text: str
    detail: str
    best: bool
    tone: str


class CompareRow(Schema):
    key: str
    label: str
    why: str
    differs: bool
    best_rule: str
    cells: list[CellOut]


class CompareOut(Schema):
    runs: list[RunRef]
    rows: list[CompareRow]


def _profile(request: HttpRequest) -> PractitionerProfile | None:
    user = caller(request)
    return get_profile_for_user(user) if user is not None else None


def _accreditation(a: Accreditation) -> dict[str, Any]:
    return {
        "body": a.body,
        "reference": a.reference,
        "credit_type": a.credit_type,
        "credit_amount": float(a.credit_amount),
        "valid_until": a.valid_until,
    }


def run_out(run: CourseRun, *, profile: PractitionerProfile | None, now: dt.datetime) -> dict:
    state = run.state(now)
    trainers = []
    for t in run.trainers.all():
        tp = getattr(t, "trainer_profile", None)
        trainers.append(
            {
                "id": t.pk,
                "name": t.full_name,
                "years_in_practice": tp.years_in_practice if tp else None,
                "thread_procedures_performed": tp.thread_procedures_performed if tp else None,
            }
        )
    return {
        **run_ref(run),
        **run_terms(run),
        "seats_left": run.seats_left,
        "state": state.value,
        "state_label": state.label,
        "accreditations": [_accreditation(a) for a in run.course.accreditations.all()],
        "trainers": trainers,
        "eligibility": decision_out(selectors.run_decision(profile, run)),
    }


ERRORS = errors_for([401, 404, 422, 429])


@router.get(
    "/runs",
    response={200: RunPage, **ERRORS},
    summary="List course runs",
    description="Published runs that have not ended, with the catalog page's filters, sorting "
    f"and pages of {PAGE_SIZE}. `eligible` needs a signed-in practitioner.",
    openapi_extra={"responses": {200: {"description": "One page of runs"}}},
)
def run_list(request: HttpRequest, filters: Query[RunFilters]) -> dict:
    unknown = sorted(set(request.GET) - set(RunFilters.model_fields))
    if unknown:  # a misspelt filter would otherwise silently widen the results
        raise ApiError(422, "Unknown filters.", fields=dict.fromkeys(unknown, "unknown field"))
    profile = _profile(request)
    if profile is not None:
        return _run_page(filters, profile=profile)
    # Anonymous callers share one result per catalog generation and query, like the page cache:
    # any write to a provider, course, run or accreditation starts a new generation.
    key = "api-runs:" + digest(
        generation(CATALOG), timezone.now().date(), sorted(request.GET.lists())
    )
    return memo(key, lambda: _run_page(filters, profile=None), timeout=caching.CATALOG_SECONDS)


def _run_page(filters: RunFilters, *, profile: PractitionerProfile | None) -> dict:
    data = filters.model_dump(exclude={"page"})
    form = CatalogFilterForm(
        {k: ("on" if v is True else v) for k, v in data.items() if v not in (None, "", False)},
        **caching.filter_options(),
    )
    if not form.is_valid():
        raise form_error(form)
    now = timezone.now()
    runs = selectors.catalog_runs(form.cleaned_data, profile=profile, now=now).for_catalog()
    paginator = Paginator(runs, PAGE_SIZE)
    try:
        page = paginator.page(filters.page)
    except EmptyPage:
        raise ApiError(
            404, f"There are {paginator.num_pages} pages.", fields={"page": "no such page"}
        ) from None
    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "page_size": PAGE_SIZE,
        "items": [run_out(r, profile=profile, now=now) for r in page.object_list],
    }


@router.get(
    "/runs/{run_id}",
    response={200: RunOut, **ERRORS},
    summary="One published course run",
    description="Published runs for anyone; an unpublished run also for the learners on it.",
)
def run_detail(request: HttpRequest, run_id: Id) -> dict:
    run = selectors.public_run(caller(request), run_id)
    return run_out(run, profile=_profile(request), now=timezone.now())


@router.get(
    "/compare",
    response={200: CompareOut, **ERRORS},
    summary="Compare 2–4 runs side by side",
    description="The comparison page's rows: each with why it matters, whether the runs differ, "
    "and which run is best where a row has a 'more is better' reading (`best_rule`).",
)
def compare(
    request: HttpRequest,
    run: list[Id] = Query(..., description="2 to 4 run ids"),  # noqa: B008
) -> dict:
    ids = list(dict.fromkeys(run))
    if not 2 <= len(ids) <= 4:
        raise ApiError(422, "Compare two to four runs.", fields={"run": "give 2 to 4 distinct ids"})
    runs = selectors.runs_for_compare(ids)
    if len(runs) < len(ids):
        missing = sorted(set(ids) - {r.pk for r in runs})
        raise ApiError(404, f"No published runs with ids {missing}.", fields={"run": "not found"})
    rows = comparison(runs, profile=_profile(request), now=timezone.now())
    return {
        "runs": [run_ref(r) for r in runs],
        "rows": [
            {
                **{k: v for k, v in dataclasses.asdict(row).items() if k != "sort_values"},
                "cells": [dataclasses.asdict(c) for c in row.cells],
            }
            for row in rows
        ],
    }


@router.get(
    "/providers/{provider_slug}",
    response={200: ProviderOut, **ERRORS},
    summary="A provider and its published courses",
)
def provider_detail(request: HttpRequest, provider_slug: str) -> dict:
    provider = selectors.public_provider(provider_slug)
    courses = selectors.provider_courses(provider)
    return {
        **provider_ref(provider),
        "city": provider.city,
        "website": provider.website,
        "description": provider.description,
        "allows_unverified": provider.allows_unverified,
        "courses": [{**course_ref(c), "summary": c.summary, "level": c.level} for c in courses],
    }


@router.get(
    "/providers/{provider_slug}/courses/{course_slug}",
    response={200: CourseOut, **ERRORS},
    summary="A published course and its upcoming runs",
)
def course_detail(request: HttpRequest, provider_slug: str, course_slug: str) -> dict:
    course = selectors.public_course(provider_slug, course_slug)
    now = timezone.now()
    runs = selectors.course_runs(course, now=now)
    profile = _profile(request)
    return {
        **course_ref(course),
        "summary": course.summary,
        "level": course.level,
        "materials": course.material_list,
        "designs": course.design_list,
        "topics": course.topic_list,
        "professions": course.profession_list,
        "accreditations": [_accreditation(a) for a in course.accreditations.all()],
        "eligibility": decision_out(selectors.course_decision(profile, course)),
        "runs": [run_out(r, profile=profile, now=now) for r in runs],
    }


__all__ = ["router", "run_out"]
