"""The logbook's part of the trainer's workspace page (/teach/runs/<id>/, app `practice`):
`run_sections(user, run)` gives `_workspace_run.html` what it shows, in a bounded number of
queries whatever the run's size. Only the run's trainers and its provider's admins may see it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied

from academy.accounts.models import User
from academy.catalog import policy
from academy.catalog.models import CourseRun, Enrolment, EnrolmentStatus
from academy.logbook.competency import Progress, progress_many
from academy.logbook.models import Case, Dops
from academy.logbook.vocab import DopsStatus


@dataclass(frozen=True)
class CaseSummary:
    case: Case
    dops: list[Dops]

    @property
    def signed_dops(self) -> list[Dops]:
        return [d for d in self.dops if d.status == DopsStatus.SIGNED]

    @property
    def open_dops(self) -> list[Dops]:
        return [d for d in self.dops if d.status == DopsStatus.REQUESTED]


def learner_summaries(cases: list[Case]) -> list[CaseSummary]:
    """Cases with their DOPS (prefetched by the caller)."""
    return [CaseSummary(c, list(c.dops.all())) for c in cases]


@dataclass(frozen=True)
class LearnerRow:
    learner: User
    cases: int
    signed: int
    progress: Progress


def run_sections(user: User, run: CourseRun) -> dict[str, Any]:
    """Cases awaiting sign-off, DOPS requests, and each learner's logbook link and competency
    progress on this run's course (about ten queries for any number of learners)."""
    if not policy.watches_run(user, run):
        raise PermissionDenied("This run's logbooks are for its trainers and academy admins.")
    unsigned = list(
        Case.objects.filter(run=run, signed_at__isnull=True)
        .select_related("learner")
        .order_by("date", "id")[:100]
    )
    requests = list(
        Dops.objects.filter(case__run=run, status=DopsStatus.REQUESTED)
        .select_related("case", "case__learner", "trainer")
        .order_by("requested_at")[:100]
    )
    learners = [
        e.learner
        for e in Enrolment.objects.filter(run=run, status=EnrolmentStatus.ENROLLED)
        .select_related("learner")
        .order_by("learner__full_name")
    ]
    ids = [u.pk for u in learners]
    counts: dict[int, list[int]] = {pk: [0, 0] for pk in ids}
    for lid, signed_at in Case.objects.filter(run=run, learner_id__in=ids).values_list(
        "learner_id", "signed_at"
    ):
        counts[lid][0] += 1
        counts[lid][1] += signed_at is not None
    progress = progress_many(ids, [run.course])
    rows = [
        LearnerRow(u, counts[u.pk][0], counts[u.pk][1], progress[u.pk][run.course.pk])
        for u in learners
    ]
    return {"logbook_unsigned": unsigned, "logbook_requests": requests, "logbook_learners": rows}
