"""The engines over HTTP: score a plan, danger zones as GeoJSON, assess a patient, triage,
aftercare (JSON and .ics). Each calls the same core function as the CLI with the same input,
so the results are the CLI's (a test compares them), and bad input names the CLI's field path.

Plans and patient profiles are parsed by the core's own parsers (not by a request schema), so
the field paths and messages are exactly those of `threadlift score` / `threadlift assess`; the
OpenAPI document describes those bodies with the core models' JSON Schemas.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

import shapely
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import ConfigDict, Field

from academy.api.auth import confirmed_user_of, signed_in
from academy.api.common import Closed, IsoDate, WholeNumber
from academy.api.errors import ApiError, StrictJSONParser, errors_for
from academy.api.openapi import body_schema, example_patient, reference_plan_example
from academy.api.throttling import anonymous_writes, engines
from threadlift.anatomy import PointError, ZoneSet, build_zones, template_face
from threadlift.assessment import (
    AftercareSchedule,
    Assessment,
    InputProblem,
    PatientProfile,
    Triage,
    aftercare_schedule,
    consultation_report,
    parse_profile,
    schedule_ics,
    triage,
)
from threadlift.assessment.triage import parse_symptoms
from threadlift.knowledge import load_knowledge
from threadlift.knowledge.vocab import DESIGN_IDS, INDICATION_IDS, SYMPTOMS, VIEWS
from threadlift.planning import Plan, PlanError, build_context, parse_plan, plan_face, score_plan
from threadlift.planning.variation import (
    DEFAULT_SEED,
    MAX_FACES,
    VariationError,
    check_request,
    score_variation,
)

router = Router(tags=["engines"])

# Bounds against work without end; no clinical meaning (reference plans use ≤ 8 threads).
MAX_THREADS = 50
MAX_PATH_POINTS = 100
ERRORS = errors_for([400, 422, 429])
PRIVATE_ERRORS = errors_for([400, 401, 403, 422, 429])

View = Literal[VIEWS]  # type: ignore[valid-type]
Indication = Literal[INDICATION_IDS]  # type: ignore[valid-type]
Design = Literal[DESIGN_IDS]  # type: ignore[valid-type]


class FindingOut(Schema):
    rule: str
    severity: Literal["critical", "warning", "info"]
    thread: int | None = Field(description="0-based thread index; null for the whole plan")
    zone: str | None = Field(None, description="present only when the finding concerns a zone")
    message: str
    sources: list[str]


class ZoneShareOut(Schema):
    fraction: float = Field(ge=0, le=1, description="share of sampled faces where a thread enters")
    critical_fraction: float = Field(ge=0, le=1, description="share where that is critical")


class VariationOut(Schema):
    faces: int = Field(ge=1, le=MAX_FACES)
    seed: int = Field(ge=0)
    passed_fraction: float = Field(ge=0, le=1)
    zones: dict[str, ZoneShareOut]


class ScoreOut(Schema):
    safety: int = Field(ge=0, le=100)
    efficacy: int = Field(ge=0, le=100)
    overall: int = Field(ge=0, le=100)
    passed: bool = Field(
        description="no critical finding (a danger or a missed objective) and the efficacy bar met"
    )
    findings: list[FindingOut]
    variation: VariationOut | None = Field(
        None, description="only with `?variation=N`: the plan on N sampled faces"
    )


class PieceOut(Schema):
    planes_at_risk: list[str]
    sources: list[str]
    status: str = Field(description="sourced, derived or unconfirmed (our construction)")
    note: str
    geometry: dict[str, Any]


class ZoneProperties(Schema):
    name: str
    structure: str
    structure_type: str
    planes_at_risk: list[str]
    depth_note: str
    views: list[str]
    sources: list[str]
    unconfirmed: bool = Field(description="some part of the drawing has no source: marked")
    pieces: list[PieceOut]


class ZoneFeature(Schema):
    type: Literal["Feature"]
    id: str
    geometry: dict[str, Any]
    properties: ZoneProperties


class ZonesOut(Schema):
    type: Literal["FeatureCollection"]
    view: str
    units: Literal["mm"] = Field(
        description="face coordinates in millimetres, x to the viewer's right, y down "
        "(not longitude/latitude)"
    )
    features: list[ZoneFeature]


class TriageIn(Closed):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"days": 3, "symptoms": ["pain", "pus or fluctuance"]}]},
    )
    days: WholeNumber = Field(
        ge=-(10**9), le=10**9, description="days since the procedure (0 = same day)"
    )
    symptoms: list[str] = Field(
        min_length=1, max_length=len(SYMPTOMS), examples=[["pain", "swelling"]]
    )


def _json_body(request: HttpRequest, field: str) -> Any:
    if not request.body:
        raise ApiError(422, "A JSON body is required.", fields={field: "is required"})
    try:
        return StrictJSONParser().parse_body(request)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        message = f"invalid JSON: {exc}" if isinstance(exc, json.JSONDecodeError) else str(exc)
        raise ApiError(400, "The body is not valid JSON.", fields={field: message}) from None


def _check_size(raw: Any) -> None:
    threads = raw.get("threads") if isinstance(raw, dict) else None
    if not isinstance(threads, list):
        return
    if len(threads) > MAX_THREADS:
        raise ApiError(422, "Too many threads.", fields={"threads": f"at most {MAX_THREADS}"})
    for i, thread in enumerate(threads):
        path = thread.get("path") if isinstance(thread, dict) else None
        if isinstance(path, list) and len(path) > MAX_PATH_POINTS:
            raise ApiError(
                422, "Too many points.", fields={f"threads[{i}].path": f"at most {MAX_PATH_POINTS}"}
            )


def _problem(exc: InputProblem) -> ApiError:
    return ApiError(422, exc.message, fields=dict(exc.problems))


@router.post(
    "/score",
    response={200: ScoreOut, **ERRORS},
    exclude_unset=True,
    throttle=[engines, anonymous_writes],
    summary="Score a thread plan against the danger zones",
    description="The plan JSON of the contract (DESIGN.md), as for `threadlift score --json`. "
    "A critical finding fails the plan. Bad input: 422 naming the field path "
    "(`threads[0].entry.landmark`). With `?variation=N` (1 to 10,000; `&seed=S`, default 0) "
    "the plan is also scored on N faces sampled from published anatomical variation, as "
    "`threadlift score --variation N --seed S --json`: the threads stay, the danger zones move "
    "(the model and its sources: anatomy/data/variation.yaml).",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": body_schema(Plan),
                    "examples": {
                        "jowl": {
                            "summary": "reference jowl plan",
                            "value": reference_plan_example("jowl"),
                        }
                    },
                }
            },
        }
    },
)
def score(
    request: HttpRequest,
    variation: int | None = Query(
        None, ge=1, le=MAX_FACES, description="score the plan on this many sampled faces too"
    ),
    seed: int | None = Query(
        None, ge=0, le=2**63 - 1, description=f"seed of the sampled faces (default {DEFAULT_SEED})"
    ),
) -> dict[str, Any]:
    if variation is None and seed is not None:
        raise ApiError(422, "A seed needs a variation count.", fields={"seed": "needs variation"})
    try:
        faces = None if variation is None else check_request(variation, seed or DEFAULT_SEED)
    except VariationError as exc:
        raise ApiError(422, exc.message, fields={exc.field: exc.message}) from None
    raw = _json_body(request, "plan")
    _check_size(raw)
    kb = load_knowledge()
    try:
        plan = parse_plan(raw)
        face = plan_face(plan)
        result = score_plan(plan, kb, face)
        out = result.to_json()
        if faces is not None:
            ctx = build_context(plan, kb, face)
            out["variation"] = score_variation(ctx, result, faces=faces[0], seed=faces[1]).to_json()
    except (PlanError, PointError) as exc:
        field = exc.field or "plan"
        raise ApiError(422, exc.message, fields={field: exc.message}) from None
    return out


def zone_features(built: ZoneSet) -> list[dict[str, Any]]:
    """Zones as GeoJSON features (face mm), with their planes, sources and pieces."""
    features = []
    for zone in built:
        features.append(
            {
                "type": "Feature",
                "id": zone.id,
                "geometry": shapely.geometry.mapping(zone.geometry),
                "properties": {
                    "name": zone.name,
                    "structure": zone.structure,
                    "structure_type": zone.structure_type,
                    "planes_at_risk": list(zone.planes_at_risk),
                    "depth_note": zone.depth_note,
                    "views": list(zone.views),
                    "sources": list(zone.sources),
                    "unconfirmed": any(p.status == "unconfirmed" for p in zone.pieces),
                    "pieces": [
                        {
                            "planes_at_risk": list(p.planes_at_risk),
                            "sources": list(p.sources),
                            "status": p.status,
                            "note": p.note,
                            "geometry": shapely.geometry.mapping(p.geometry),
                        }
                        for p in zone.pieces
                    ],
                },
            }
        )
    return features


@router.get(
    "/zones",
    response={200: ZonesOut, **ERRORS},
    throttle=[engines],
    summary="Danger zones of a view, as GeoJSON",
    description="The template face's danger zones in `view`: one feature per zone (geometry in "
    "face millimetres), with the planes at risk and the sources; `pieces` give each drawn "
    "part's own planes, sources and whether its construction is sourced or unconfirmed.",
)
def zones(request: HttpRequest, view: View = Query(...)) -> dict[str, Any]:  # noqa: B008
    features = zone_features(build_zones(template_face(view), load_knowledge()))
    return {"type": "FeatureCollection", "view": view, "units": "mm", "features": features}


@router.post(
    "/assess",
    response={200: Assessment, **PRIVATE_ERRORS},
    auth=signed_in,
    throttle=[engines],
    summary="Assess a patient's suitability",
    description="A patient profile as for `threadlift assess --json` (schema: "
    "`threadlift assess --schema`): verdict, reasons with sources, alternatives, screening, "
    "areas. Unknown fields and ids are refused, each named (`areas.jowl.laxity`).",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": body_schema(PatientProfile),
                    "examples": {
                        "patient": {"summary": "example patient", "value": example_patient()}
                    },
                }
            },
        }
    },
)
def assess(request: HttpRequest) -> Assessment:
    confirmed_user_of(request)
    _json_body(request, "profile")  # the same refusal of non-JSON (and NaN) as everywhere
    kb = load_knowledge()
    try:
        profile = parse_profile(request.body, kb)
    except InputProblem as exc:
        raise _problem(exc) from None
    return consultation_report(profile, kb).assessment


@router.post(
    "/triage",
    response={200: Triage, **PRIVATE_ERRORS},
    auth=signed_in,
    throttle=[engines],
    summary="Triage complications from symptoms",
    description="As `threadlift triage --days N SYMPTOM …`: urgency, red flags, likely "
    f"complications with management and sources. Symptom ids: {', '.join(SYMPTOMS)}.",
)
def triage_op(request: HttpRequest, payload: TriageIn) -> Triage:
    confirmed_user_of(request)
    try:
        return triage(load_knowledge(), parse_symptoms(payload.symptoms), payload.days)
    except InputProblem as exc:
        raise _problem(exc) from None


def _schedule(
    date: dt.date, indication: str, designs: list[str], contact: str | None
) -> AftercareSchedule:
    try:
        return aftercare_schedule(
            load_knowledge(),
            date,
            indication,  # type: ignore[arg-type]
            designs,  # type: ignore[arg-type]
            contact or None,
        )
    except InputProblem as exc:  # a date no schedule can be made for (e.g. 9999-12-31)
        raise ApiError(400, exc.message, fields=dict(exc.problems)) from None


@router.get(
    "/aftercare",
    response={200: AftercareSchedule, **PRIVATE_ERRORS},
    auth=signed_in,
    throttle=[engines],
    summary="Aftercare schedule (JSON)",
    description="Dated aftercare from the procedure date, as `threadlift aftercare --json`.",
)
def aftercare(
    request: HttpRequest,
    date: IsoDate = Query(..., examples=["2026-12-01"]),  # noqa: B008
    indication: Indication = Query(...),  # noqa: B008
    design: list[Design] = Query([], description="thread designs used (repeatable)"),  # noqa: B008
    contact: str = Query("", max_length=300, description="the clinic's contact details"),
) -> AftercareSchedule:
    confirmed_user_of(request)
    return _schedule(date, indication, design, contact)


@router.get(
    "/aftercare.ics",
    response=PRIVATE_ERRORS,
    auth=signed_in,
    throttle=[engines],
    summary="Aftercare schedule (iCalendar)",
    description="The same schedule as an .ics file, as `threadlift aftercare --ics`.",
    openapi_extra={
        "responses": {
            "200": {
                "description": "An iCalendar file",
                "content": {"text/calendar": {"schema": {"type": "string"}}},
            }
        }
    },
)
def aftercare_ics(
    request: HttpRequest,
    date: IsoDate = Query(...),  # noqa: B008
    indication: Indication = Query(...),  # noqa: B008
    design: list[Design] = Query([], description="thread designs used (repeatable)"),  # noqa: B008
    contact: str = Query("", max_length=300, description="the clinic's contact details"),
    patient_ref: str = Query(
        "",
        max_length=100,
        description="an opaque patient reference (not a name), hashed into the event ids so "
        "two patients' calendars never collide; never written out",
    ),
) -> HttpResponse:
    confirmed_user_of(request)
    schedule = _schedule(date, indication, design, contact)
    response = HttpResponse(
        schedule_ics(schedule, timezone.now(), patient_ref), content_type="text/calendar"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="aftercare-{indication}-{date:%Y-%m-%d}.ics"'
    )
    return response


__all__ = ["router"]
