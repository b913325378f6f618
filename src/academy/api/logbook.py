"""The learner's logbook: their cases and where each stands in sign-off (the trainer's
signature, the DOPS assessments). Reads through `academy.logbook.selectors`, access as the
logbook pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from academy.api.auth import learner_of, signed_in
from academy.api.common import Id, RunRef, run_ref
from academy.api.errors import errors_for
from academy.logbook import selectors
from academy.logbook.models import Case

router = Router(tags=["logbook"], auth=signed_in)

ERRORS = errors_for([401, 403, 404, 422])


class DopsOut(Schema):
    id: int
    status: str = Field(description="requested, signed, …")
    trainer: str
    requested_at: dt.datetime
    signed_at: dt.datetime | None


class SignOffOut(Schema):
    signed: bool
    signed_at: dt.datetime | None
    signed_by: str | None = Field(description="the trainer who signed the case")


class CaseOut(Schema):
    id: int
    run: RunRef
    date: dt.date
    indication: str
    setting: str
    supervision: str
    critical_findings: int
    sign_off: SignOffOut
    dops: list[DopsOut]


def case_out(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "run": run_ref(case.run),
        "date": case.date,
        "indication": case.indication,
        "setting": case.setting,
        "supervision": case.supervision,
        "critical_findings": len(case.critical_findings),
        "sign_off": {
            "signed": case.is_signed,
            "signed_at": case.signed_at,
            "signed_by": case.signed_by.full_name if case.signed_by else None,
        },
        "dops": [
            {
                "id": d.pk,
                "status": d.status,
                "trainer": d.trainer.full_name,
                "requested_at": d.requested_at,
                "signed_at": d.signed_at,
            }
            for d in case.dops.all()
        ],
    }


@router.get(
    "/me/cases",
    response={200: list[CaseOut], **ERRORS},
    summary="My logbook cases",
    description="Your cases, newest procedure first, each with its sign-off state.",
)
def my_cases(request: HttpRequest) -> list[dict[str, Any]]:
    return [case_out(c) for c in selectors.my_cases(learner_of(request))]


@router.get(
    "/me/cases/{case_id}",
    response={200: CaseOut, **ERRORS},
    summary="One of my logbook cases",
    description="404 for a case that is not yours.",
)
def my_case(request: HttpRequest, case_id: Id) -> dict[str, Any]:
    return case_out(selectors.my_case(learner_of(request), case_id))


__all__ = ["router"]
