"""Builders for the workplace-based assessment tests: a case, a request, the e-mailed link,
a filled rating form."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from academy.accounts.models import User
from academy.catalog.models import CourseRun
from academy.logbook.models import Case
from academy.logbook.wba_models import WbaAssessment
from tests.web.conftest import client_for
from tests.web.logbook.helpers import log_case
from threadlift.wba import load_forms


def a_case(learner: User, run: CourseRun) -> Case:
    assert log_case(client_for(learner), run).status_code == 302
    return Case.objects.filter(learner=learner).latest("id")


def request_external(
    client: Client, case: Case | None, kind: str = "mini_cex", run: CourseRun | None = None
) -> Any:
    return client.post(
        "/logbook/wba/request/",
        {
            "kind": kind,
            "case": case.pk if case else "",
            "run": run.pk if run else "",
            "who": "external",
            "assessor_name": "Dr Sam Supervisor",
            "assessor_email": "sam@clinic.example",
        },
    )


def request_trainer(client: Client, case: Case, trainer: User, kind: str = "cbd") -> Any:
    return client.post(
        "/logbook/wba/request/",
        {"kind": kind, "case": case.pk, "who": "trainer", "trainer": trainer.pk},
    )


def queued_emails() -> list[dict[str, Any]]:
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(task_path__endswith="send_email").order_by("enqueued_at")
    return [r.args_kwargs["kwargs"] for r in rows]


def link_from_outbox(body: str) -> str:
    """The path of the single-use link in an e-mail body."""
    match = re.search(r"https?://[^/\s]+(/logbook/wba/external/\S+/)", body)
    assert match, body
    return match.group(1)


def ratings_post(kind: str, value: str = "5", **extra: str) -> dict[str, str]:
    form = load_forms().form(kind)
    data = {f"domain_{d.id}": value for d in form.domains}
    data.update({"strengths": "Clear explanation of the risks (test).", "development": ""})
    data.update(extra)
    return data


def assessor_post(**overrides: str) -> dict[str, str]:
    data = {
        "who-assessor_name": "Dr Sam Supervisor",
        "who-registration_body": "GMC",
        "who-registration_number": "7000001",
        "who-relationship": "Clinical supervisor at the clinic",
    }
    data.update(overrides)
    return data


def only(kind: str | None = None) -> WbaAssessment:
    rows = WbaAssessment.objects.all()
    if kind:
        rows = rows.filter(kind=kind)
    return rows.get()
