"""The signed-in learner: eligibility for a run (deciding rules and sources), enrol, cancel,
and their enrolments. Same access helpers and services as the catalog pages."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import Field

from academy.accounts.access import get_profile_for_user
from academy.api.auth import confirmed_user_of, signed_in, user_of
from academy.api.common import DecisionOut, Id, RunRef, decision_out, run_ref
from academy.api.errors import ApiError, errors_for
from academy.catalog import selectors, services
from academy.catalog.access import get_enrolment_for_learner, get_public_run
from academy.catalog.models import Enrolment
from academy.catalog.notify import run_url

router = Router(tags=["learner"], auth=signed_in)

ERRORS = errors_for([401, 403, 404, 409, 422])


class EligibilityOut(Schema):
    run: RunRef
    has_profile: bool = Field(description="false: complete your practitioner profile first")
    decision: DecisionOut | None = Field(
        description="the deciding rules with their sources; null without a profile"
    )


class EnrolmentOut(Schema):
    id: int
    status: str = Field(examples=["enrolled"], description="enrolled, waitlisted or cancelled")
    status_label: str
    run: RunRef
    created_at: str
    updated_at: str


def enrolment_out(enrolment: Enrolment) -> dict:
    return {
        "id": enrolment.pk,
        "status": enrolment.status,
        "status_label": enrolment.get_status_display(),
        "run": run_ref(enrolment.run),
        "created_at": enrolment.created_at.isoformat(),
        "updated_at": enrolment.updated_at.isoformat(),
    }


@router.get(
    "/catalog/runs/{run_id}/eligibility",
    response={200: EligibilityOut, **ERRORS},
    summary="May I enrol on this run?",
    description="Your profession and jurisdiction against the course's accepted professions, "
    "the provider's verification rule and the regulation data of your country and of the "
    "country where the run's hands-on practice takes place, each reason with sources.",
)
def eligibility(request: HttpRequest, run_id: Id) -> dict:
    user = user_of(request)
    run = selectors.public_run(user, run_id)
    profile = get_profile_for_user(user)
    return {
        "run": run_ref(run),
        "has_profile": profile is not None,
        "decision": decision_out(selectors.run_decision(profile, run)),
    }


@router.post(
    "/catalog/runs/{run_id}/enrol",
    response={201: EnrolmentOut, **ERRORS},
    summary="Enrol on a run (or join its waitlist)",
    description="When every seat is taken you join the waitlist (`status: waitlisted`) and are "
    "enrolled in order when a seat frees up. 409 with the reason when you may not enrol.",
)
def enrol(request: HttpRequest, run_id: Id) -> Status[dict]:
    run = get_public_run(run_id)
    try:
        enrolment = services.enrolment_create(
            run_id=run.pk,
            learner=confirmed_user_of(request),
            now=timezone.now(),
            run_url=run_url(request, run.pk),
        )
    except services.EnrolmentError as exc:
        raise ApiError(409, exc.message, code=exc.code) from None
    enrolment.run = run
    return Status(201, enrolment_out(enrolment))


@router.post(
    "/me/enrolments/{enrolment_id}/cancel",
    response={200: EnrolmentOut, **ERRORS},
    summary="Cancel my enrolment",
    description="A freed seat goes to the first person on the waitlist.",
)
def cancel(request: HttpRequest, enrolment_id: Id) -> dict:
    user = user_of(request)
    enrolment = get_enrolment_for_learner(user, enrolment_id)
    try:
        enrolment = services.enrolment_cancel(
            enrolment_id=enrolment.pk,
            learner=user,
            now=timezone.now(),
            run_url=run_url(request, enrolment.run_id),
        )
    except services.EnrolmentError as exc:
        raise ApiError(409, exc.message, code=exc.code) from None
    return enrolment_out(get_enrolment_for_learner(user, enrolment.pk))


@router.get(
    "/me/enrolments",
    response={200: list[EnrolmentOut], **ERRORS},
    summary="My enrolments",
    description="Every enrolment of the caller, cancelled ones included, oldest first.",
)
def my_enrolments(request: HttpRequest) -> list[dict]:
    enrolments = Enrolment.objects.filter(learner=user_of(request)).select_related(
        "run", "run__course", "run__course__provider"
    )
    return [enrolment_out(e) for e in enrolments]


__all__ = ["router"]
