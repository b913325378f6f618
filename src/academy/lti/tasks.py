"""Grade passback through the task queue (django-tasks): a failed send is queued again later."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from academy.core.completion import Work
from academy.core.events import Event
from academy.lti import grades
from academy.lti.models import LtiGradeLink

log = logging.getLogger(__name__)

MAX_TRIES = 5


def _retry_delay(attempt: int) -> dt.timedelta:
    return dt.timedelta(minutes=2**attempt)  # 2, 4, 8, 16 minutes


@task()
def grade_send(*, link_id: int, attempt: int = 1) -> str:
    """Send the learner's current result for one grade link; what happened, as a word."""
    link = (
        LtiGradeLink.objects.select_related("platform", "platform__provider", "user", "run")
        .filter(pk=link_id, platform__active=True)
        .first()
    )
    if link is None:
        return "gone"
    score = grades.score_for(link)
    if score is None:
        return "nothing"
    now = timezone.now()
    try:
        grades.score_send(link=link, score=score, now=now)
    except Exception as exc:  # the LMS refused or did not answer: try again later
        log.warning(
            "LTI score for grade link %s not accepted by %s (try %s): %s",
            link.pk,
            link.platform.issuer,
            attempt,
            type(exc).__name__,
        )
        if attempt >= MAX_TRIES:
            return "failed"
        grade_send.using(run_after=now + _retry_delay(attempt)).enqueue(
            link_id=link.pk, attempt=attempt + 1
        )
        return "retry"
    link.last_sent_at, link.last_score = now, str(score)
    link.save(update_fields=["last_sent_at", "last_score"])
    return "sent"


def sync_enqueue(*, link: LtiGradeLink) -> None:
    grade_send.enqueue(link_id=link.pk)


def work_recorded(work: Work) -> None:
    """completion listener: queue a send for each grade link the new work may change."""
    links = LtiGradeLink.objects.filter(user_id=work.learner_id, platform__active=True)
    if work.run_id is not None:
        links = links.filter(run_id=work.run_id, target__startswith="quiz:")
    elif work.rule_kind == "simulator_mastered":
        links = links.filter(target__startswith="exercise:")
    else:
        return
    for link_id in links.values_list("pk", flat=True):
        grade_send.enqueue(link_id=link_id)


def learning_event(event: Event) -> None:
    """events listener: a quiz or exam failed changes the learner's result too (a pass is
    already announced as completion work)."""
    if event.verb == "failed" and event.object.kind in ("quiz", "exam") and event.object.run_id:
        work_recorded(Work(learner_id=event.learner_id, run_id=event.object.run_id))
