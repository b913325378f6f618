"""The simulator over HTTP (issue 13): score a plan on a chosen face, exercises, a face's
landmarks and zones, submit and list attempts. Same services and access helpers as the pages.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Query, Router, Schema, Status
from pydantic import ConfigDict, Field

from academy.api.auth import confirmed_user_of, signed_in, user_of
from academy.api.common import Closed, Id, IsoDateTime
from academy.api.engines import ERRORS, ScoreOut, View, ZonesOut, _json_body, zone_features
from academy.api.errors import ApiError, errors_for
from academy.api.openapi import body_schema, reference_plan_example
from academy.api.throttling import anonymous_writes, engines
from academy.simulator import access, content
from academy.simulator.models import Attempt
from academy.simulator.services import PlanError, PointError, attempt_submit, plan_score
from threadlift.anatomy import build_zones
from threadlift.knowledge import load_knowledge
from threadlift.planning import Plan

router = Router(tags=["simulator"])
PRIVATE_ERRORS = errors_for([400, 401, 403, 404, 422, 429])


def _example_plan() -> dict[str, Any]:
    return dict(reference_plan_example("jowl"))


FaceId = Query("female", max_length=60, pattern=r"^[A-Za-z0-9_.-]+$", description="face id")
ExerciseId = Query(
    None,
    max_length=60,
    pattern=r"^[a-z][a-z0-9_-]*$",
    description="an exercise id: its objectives are checked by the verdict too",
)


class ProductOut(Schema):
    id: str
    label: str
    length_mm: float | None
    value: str | dict[str, Any] = Field(description="what a plan's `product` carries")


class StatementOut(Schema):
    text: str
    sources: list[str]
    unconfirmed: bool


class PatientOut(Schema):
    who: str
    age: int
    sex: str
    concern: str
    facts: list[StatementOut]


class ExerciseOut(Schema):
    id: str
    indication: str
    title: str
    view: str
    patient: PatientOut
    objective: str
    products: list[ProductOut]
    faces: list[str]
    reference_plan: str = Field(description="the model answer's name (GET /knowledge or CLI)")


class FaceOut(Schema):
    id: str
    view: str
    description: str
    units: Literal["mm"]
    landmarks: dict[str, list[float]]
    zones: ZonesOut


class AttemptIn(Closed):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"exercise": "jowl", "face": "female", "mode": "test", "plan": _example_plan()}
            ]
        },
    )
    exercise: str = Field(max_length=60, examples=["jowl"])
    face: str = Field("female", max_length=60)
    mode: Literal["learn", "test"] = "learn"
    plan: dict[str, Any] = Field(description="the plan JSON of the contract (DESIGN.md)")
    started_at: IsoDateTime | None = Field(None, description="when drawing started")


class AttemptOut(Schema):
    id: int
    learner: int
    exercise: str
    face: str
    mode: str
    safety: int
    efficacy: int
    overall: int
    passed: bool
    critical: bool
    findings: list[dict[str, Any]]
    time_spent_s: int
    submitted_at: str


def attempt_out(a: Attempt) -> dict[str, Any]:
    return {
        "id": a.pk,
        "learner": a.learner_id,
        "exercise": a.exercise_id,
        "face": a.face_id,
        "mode": a.mode,
        "safety": a.safety,
        "efficacy": a.efficacy,
        "overall": a.overall,
        "passed": a.passed,
        "critical": a.critical,
        "findings": a.findings,
        "time_spent_s": a.time_spent_s,
        "submitted_at": a.submitted_at.isoformat() if a.submitted_at else "",
    }


def _invalid(exc: PlanError | PointError) -> ApiError:
    field = exc.field or "plan"
    return ApiError(422, exc.message, fields={field: exc.message})


@router.post(
    "/score",
    response={200: ScoreOut, **ERRORS},
    exclude_unset=True,
    throttle=[engines, anonymous_writes],
    summary="Score a plan on a simulator face",
    description="As `/engines/score`, on the face `face` of the plan's view (a template or a "
    "variant: anchored points and zones follow the face); with `exercise`, that exercise's "
    "objectives (threads per side, share of the target) are part of the verdict. Nothing is "
    "stored. Bad plan, unknown face or exercise: 422 naming the field.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": body_schema(Plan),
                    "examples": {"jowl": {"value": reference_plan_example("jowl")}},
                }
            },
        }
    },
)
def sim_score(
    request: HttpRequest, face: str = FaceId, exercise: str | None = ExerciseId
) -> dict[str, Any]:
    raw = _json_body(request, "plan")
    objectives = None
    if exercise is not None:
        ex = content.exercise(exercise)
        if ex is None:
            raise ApiError(422, "unknown exercise", fields={"exercise": "unknown exercise"})
        objectives = ex.objectives
    try:
        _, result = plan_score(raw, face, objectives=objectives)
    except (PlanError, PointError) as exc:
        raise _invalid(exc) from None
    return result.to_json()


@router.get(
    "/exercises",
    response={200: list[ExerciseOut], **ERRORS},
    summary="Simulator exercises",
    description="One or more per indication: case, view, products on offer, faces.",
)
def sim_exercises(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "id": e.id,
            "indication": e.indication,
            "title": e.title,
            "view": e.view,
            "patient": e.patient.model_dump(),
            "objective": e.objective,
            "products": content.products_json(e),
            "faces": list(e.faces),
            "reference_plan": e.reference_plan,
        }
        for e in content.exercises()
    ]


@router.get(
    "/faces/{view}/{face_id}",
    response={200: FaceOut, **errors_for([404, 422, 429])},
    throttle=[engines],
    summary="A face's landmarks and danger zones",
    description="Landmarks in face mm and the zones built on this face, as GeoJSON.",
)
def sim_face(
    request: HttpRequest,
    view: View,
    face_id: str = Path(..., max_length=60),
) -> dict[str, Any]:
    if not content.is_face(face_id, view):
        raise ApiError(404, f"No face {face_id!r} in the {view} view.")
    face = content.face(face_id, view)
    features = zone_features(build_zones(face, load_knowledge()))
    return {
        "id": face_id,
        "view": view,
        "description": content.describe_face(face_id),
        "units": "mm",
        "landmarks": {k: [x, y] for k, (x, y) in face.landmarks.items()},
        "zones": {"type": "FeatureCollection", "view": view, "units": "mm", "features": features},
    }


@router.post(
    "/attempts",
    response={201: AttemptOut, **PRIVATE_ERRORS},
    auth=signed_in,
    summary="Submit an attempt",
    description="Scores the plan on the face and stores it as your attempt.",
)
def sim_attempt_create(request: HttpRequest, payload: AttemptIn) -> Status[dict[str, Any]]:
    user = confirmed_user_of(request)
    ex = content.exercise(payload.exercise)
    if ex is None:
        raise ApiError(422, "Unknown exercise.", fields={"exercise": "unknown exercise id"})
    if payload.face not in ex.faces or not content.is_face(payload.face, ex.view):
        raise ApiError(422, "Unknown face.", fields={"face": f"one of {', '.join(ex.faces)}"})
    try:
        attempt = attempt_submit(
            user=user,
            ex=ex,
            face_id=payload.face,
            mode=payload.mode,
            raw_plan=payload.plan,
            started_at=payload.started_at,
            now=timezone.now(),
        )
    except (PlanError, PointError) as exc:
        error = _invalid(exc)
        error.fields = {f"plan.{k}": v for k, v in error.fields.items()}
        raise error from None
    return Status(201, attempt_out(attempt))


@router.get(
    "/attempts",
    response={200: list[AttemptOut], **PRIVATE_ERRORS},
    auth=signed_in,
    summary="Attempts I may see",
    description="Your own attempts; a trainer also sees those of the learners on their runs. "
    "Newest first, at most `limit`.",
)
def sim_attempts(
    request: HttpRequest,
    exercise: str = Query("", max_length=60),
    limit: int = Query(100, ge=1, le=500),
) -> list[dict[str, Any]]:
    rows = access.attempts_visible_to(user_of(request))
    if exercise:
        rows = rows.filter(exercise_id=exercise)
    return [attempt_out(a) for a in rows[:limit]]


@router.get(
    "/attempts/{attempt_id}",
    response={200: AttemptOut, **PRIVATE_ERRORS},
    auth=signed_in,
    summary="One attempt",
)
def sim_attempt(request: HttpRequest, attempt_id: Id) -> dict[str, Any]:
    return attempt_out(access.get_attempt_for_user(user_of(request), attempt_id))


__all__ = ["router"]
