"""E-mails to learners about their place on a run, queued for the worker (never sent in a request).

Each function is called by a service inside its transaction: with the database task backend the
queued e-mail is part of that transaction, so a change that rolls back tells nobody.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from academy.catalog.models import CourseRun, Enrolment, EnrolmentStatus
from academy.core.tasks import email_enqueue


def run_url(request: HttpRequest, run_id: int) -> str:
    """The run page's absolute address, for the e-mails a change queues (pages and API alike)."""
    return request.build_absolute_uri(reverse("catalog:run", args=[run_id]))


def _context(run: CourseRun, enrolment: Enrolment, run_url: str) -> dict[str, Any]:
    return {
        "run": run,
        "course": run.course,
        "provider": run.course.provider,
        "learner": enrolment.learner,
        "enrolment": enrolment,
        "run_url": run_url,
    }


def _send(template: str, subject: str, run: CourseRun, enrolment: Enrolment, url: str) -> None:
    email_enqueue(
        to=[enrolment.learner.email],
        subject=f"{subject}: {run.course.title}, {run.starts_on:%d %b %Y}",
        template=f"catalog/email/{template}.txt",
        context=_context(run, enrolment, url),
    )


def enrolment_confirmed(*, run: CourseRun, enrolment: Enrolment, run_url: str) -> None:
    """A new enrolment: a seat (with joining details) or a place on the waitlist."""
    if enrolment.status == EnrolmentStatus.ENROLLED:
        _send("enrolment_confirmed", "You are enrolled", run, enrolment, run_url)
    else:
        _send("waitlisted", "You are on the waitlist", run, enrolment, run_url)


def waitlist_promoted(*, run: CourseRun, enrolment: Enrolment, run_url: str) -> None:
    _send("waitlist_promoted", "A seat is yours", run, enrolment, run_url)


def run_cancelled(*, run: CourseRun, enrolment: Enrolment, run_url: str) -> None:
    _send("run_cancelled", "Run cancelled", run, enrolment, run_url)
