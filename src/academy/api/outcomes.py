"""Follow-ups and the complication registry: the clinician's follow-ups, one follow-up, recording
it, and the registry's rate table. Same access helpers, services and suppression as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import ConfigDict, Field

from academy.accounts.models import Role
from academy.api.auth import signed_in, user_of
from academy.api.common import Id
from academy.api.errors import ApiError, errors_for
from academy.outcomes.access import (
    follow_ups_visible_to,
    get_follow_up_for_clinician,
    get_follow_up_for_viewer,
)
from academy.outcomes.models import FollowUp, NotSeenReason
from academy.outcomes.registry import case_outcomes, published_rates, scoped_cases, scopes_for
from academy.outcomes.services import ComplicationEntry, follow_up_record
from threadlift.assessment.common import InputProblem
from threadlift.assessment.triage import parse_symptoms
from threadlift.knowledge import load_knowledge
from threadlift.outcomes import ANY, Row, rate_table
from threadlift.outcomes.policy import outcomes_policy

router = Router(tags=["outcomes"], auth=signed_in)
ERRORS = errors_for([401, 403, 404, 422])


class ComplicationIO(Schema):
    model_config = ConfigDict(extra="forbid")

    complication: str = Field(examples=["infection"], description="knowledge-base complication id")
    severity: Literal["mild", "moderate", "severe"]
    onset_day: int = Field(ge=0, le=3650, description="days after the procedure")
    management: str = Field(default="", max_length=2000)
    resolved_on: dt.date | None = None


class FollowUpOut(Schema):
    id: int
    case: int
    day: int
    label: str
    due_on: dt.date
    status: str = Field(description="due, seen or not_seen")
    seen_on: dt.date | None
    not_seen_reason: str
    had_complication: bool | None
    urgency: str = Field(description="the triage urgency of the symptoms when recorded")
    satisfaction: int | None
    complications: list[ComplicationIO]


FOLLOW_UP_EXAMPLE: dict[str, Any] = {
    "seen": True,
    "seen_on": "2026-12-03",
    "symptoms": ["swelling", "redness"],
    "satisfaction": 4,
    "complications": [
        {
            "complication": "swelling",
            "severity": "mild",
            "onset_day": 1,
            "management": "Cold packs.",
        }
    ],
}


class FollowUpIn(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [FOLLOW_UP_EXAMPLE]})

    seen: bool
    seen_on: dt.date | None = None
    not_seen_reason: Literal["", *NotSeenReason.values] = ""  # type: ignore[valid-type]
    symptoms: list[str] = Field(default_factory=list, max_length=40)
    satisfaction: int | None = Field(default=None, ge=1, le=5)
    notes: str = Field(default="", max_length=4000)
    complications: list[ComplicationIO] = Field(default_factory=list, max_length=10)


class RowOut(Schema):
    group: str
    cases: int | None = Field(
        description="null: hidden (a small group, or one that would give one away)"
    )
    events: int | None
    rate: float | None
    low: float | None = Field(description="Wilson 95 % interval, lower bound")
    high: float | None
    flagged: bool


class RegistryOut(Schema):
    scope: str
    dimension: str
    complication: str
    threshold: int
    rows: list[RowOut]
    total: RowOut
    published: list[dict[str, object]]


def follow_up_out(item: FollowUp) -> dict[str, object]:
    return {
        "id": item.pk,
        "case": item.case_id,
        "day": item.day,
        "label": item.label,
        "due_on": item.due_on,
        "status": item.status,
        "seen_on": item.seen_on,
        "not_seen_reason": item.not_seen_reason,
        "had_complication": item.had_complication,
        "urgency": item.urgency,
        "satisfaction": item.satisfaction,
        "complications": [
            {
                "complication": c.complication,
                "severity": c.severity,
                "onset_day": c.onset_day,
                "management": c.management,
                "resolved_on": c.resolved_on,
            }
            for c in item.complications.all()
        ],
    }


@router.get(
    "/follow-ups",
    response={200: list[FollowUpOut], **ERRORS},
    summary="My follow-ups",
    description="The follow-ups of the cases you logged, due first (status: due, seen, not_seen).",
)
def my_follow_ups(
    request: HttpRequest, status: Literal["due", "seen", "not_seen"] | None = None
) -> list[dict[str, object]]:
    user = user_of(request)
    items = follow_ups_visible_to(user).filter(case__learner=user).prefetch_related("complications")
    if status:
        items = items.filter(status=status)
    return [follow_up_out(f) for f in items.order_by("due_on", "id")]


@router.get(
    "/follow-ups/{follow_up_id}",
    response={200: FollowUpOut, **ERRORS},
    summary="One follow-up",
    description="For the case's clinician, the run's trainers and the academy's admins.",
)
def follow_up(request: HttpRequest, follow_up_id: Id) -> dict[str, object]:
    return follow_up_out(get_follow_up_for_viewer(user_of(request), follow_up_id))


@router.post(
    "/follow-ups/{follow_up_id}",
    response={200: FollowUpOut, **ERRORS},
    summary="Record a follow-up",
    description="The case's clinician records the visit (or why it did not happen). Symptoms are "
    "triaged and the urgency kept; nothing is saved unless everything is valid.",
)
def record_follow_up(request: HttpRequest, follow_up_id: Id, body: FollowUpIn) -> dict[str, object]:
    user = user_of(request)
    if not user.has_role(Role.LEARNER):
        raise ApiError(403, "Follow-ups are recorded by the clinician who logged the case.")
    item = get_follow_up_for_clinician(user, follow_up_id)
    known = {c.id for c in load_knowledge().complications if c.id != "any_complication"}
    fields = {
        f"complications[{k}].complication": f"unknown complication {c.complication!r}"
        for k, c in enumerate(body.complications)
        if c.complication not in known
    }
    try:
        symptoms: list[str] = [str(x) for x in parse_symptoms(body.symptoms)]
    except InputProblem as problem:
        fields.update({path: message for path, message in problem.problems})
        symptoms = []
    if fields:
        raise ApiError(422, "Some fields are not valid.", fields=fields)
    try:
        follow_up_record(
            follow_up=item,
            recorded_by=user,
            seen=body.seen,
            seen_on=body.seen_on,
            not_seen_reason=body.not_seen_reason,
            symptoms=symptoms,
            satisfaction=body.satisfaction,
            notes=body.notes,
            complications=[ComplicationEntry(**c.model_dump()) for c in body.complications],
        )
    except ValidationError as error:
        raise ApiError(422, "Some fields are not valid.", fields=_api_fields(error)) from None
    item.refresh_from_db()
    return follow_up_out(item)


def _api_fields(error: ValidationError) -> dict[str, str]:
    out = {}
    for field, problems in error.message_dict.items():
        if field.startswith("complications-"):
            _, index, name = field.split("-", 2)
            field = f"complications[{index}].{name}"
        elif field == "__all__":
            field = "non_field_errors"
        out[field] = " ".join(problems)
    return out


class RegistryQuery(Schema):
    scope: Literal["trainer", "academy", "all"] | None = None
    by: Literal["indication", "material", "design", "plane", "instrument", "experience"] = (
        "material"
    )
    complication: str = ANY


@router.get(
    "/registry",
    response={200: RegistryOut, **ERRORS},
    summary="Complication rates by group",
    description="For trainers (their runs) and academy admins (their academies): rates with Wilson "
    "95 % intervals, groups under the threshold hidden (also through the total), a flag where the "
    "lower bound exceeds the lowest published pooled rate. Anonymised.",
)
def registry(request: HttpRequest, query: Query[RegistryQuery]) -> dict[str, object]:
    user = user_of(request)
    scopes = scopes_for(user)
    if not scopes:
        raise ApiError(403, "The registry is for trainers and academy admins.")
    scope = query.scope or scopes[0]
    if scope not in scopes:
        raise ApiError(403, f"You may not open the {scope!r} view of the registry.")
    known = {ANY} | {c.id for c in load_knowledge().complications}
    if query.complication not in known:
        raise ApiError(
            422, "Some fields are not valid.", fields={"complication": "unknown complication"}
        )
    policy = outcomes_policy().registry
    published = published_rates(query.complication)
    table = rate_table(
        case_outcomes(scoped_cases(user, scope)),
        query.by,
        query.complication,
        threshold=policy.small_cell_threshold,
        published=published,
    )

    def row(r: Row) -> dict[str, object]:
        rate = r.rate
        return {
            "group": r.group,
            "cases": r.cases,
            "events": rate.events if rate else None,
            "rate": rate.proportion if rate else None,
            "low": rate.low if rate else None,
            "high": rate.high if rate else None,
            "flagged": r.flagged,
        }

    return {
        "scope": scope,
        "dimension": query.by,
        "complication": query.complication,
        "threshold": table.threshold,
        "rows": [row(r) for r in table.rows],
        "total": row(table.total),
        "published": [p.model_dump() for p in published],
    }
