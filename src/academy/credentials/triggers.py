"""Issuing follows the learner: when another app records something a requirement reads (a quiz
passed, a simulator test attempt, a competency sign-off, attendance), the learner's enrolments
that it may complete are checked after the commit, and a certificate is started if every
requirement is now met. A failed check never breaks the page that recorded the work."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

from academy.catalog.models import Enrolment, EnrolmentStatus

log = logging.getLogger(__name__)


def _check_later(enrolments: Iterable[Enrolment]) -> None:
    ids = [e.pk for e in enrolments]
    if ids:
        transaction.on_commit(lambda: _check(ids))


def _check(ids: list[int]) -> None:
    from academy.credentials.services import issue_if_complete

    for enrolment in Enrolment.objects.select_related("run__course", "learner").filter(pk__in=ids):
        try:
            issue_if_complete(enrolment, by=None)
        except Exception:  # the work is recorded; issuing can be retried from the checklist
            log.exception("Checking enrolment %s for a certificate failed", enrolment.pk)


def _enrolled(**filters: Any) -> Any:
    return (
        Enrolment.objects.filter(status=EnrolmentStatus.ENROLLED, **filters)
        .filter(run__course__completion_rules__isnull=False)
        .distinct()
    )


def _quiz_saved(instance: Any, **_: Any) -> None:
    if instance.passed and instance.finished_at is not None:
        _check_later(_enrolled(learner_id=instance.learner_id, run_id=instance.run_id))


def _simulator_saved(instance: Any, **_: Any) -> None:
    if instance.submitted_at is not None and instance.learner_id is not None:
        _check_later(
            _enrolled(
                learner_id=instance.learner_id,
                run__course__completion_rules__kind="simulator_mastered",
            )
        )


def _signoff_saved(instance: Any, created: bool, **_: Any) -> None:
    if created:
        _check_later(_enrolled(learner_id=instance.learner_id, run__course_id=instance.course_id))


def _booking_saved(instance: Any, **_: Any) -> None:
    # Any recorded attendance: the last unrecorded session may have been what was missing.
    if instance.attendance:
        _check_later(_enrolled(learner_id=instance.learner_id, run_id=instance.session.run_id))


def connect() -> None:
    from academy.learning.models import Attempt as QuizAttempt
    from academy.logbook.models import CompetencySignoff
    from academy.practice.models import SessionBooking
    from academy.simulator.models import Attempt as SimulatorAttempt

    post_save.connect(_quiz_saved, sender=QuizAttempt, dispatch_uid="credentials-quiz")
    post_save.connect(_simulator_saved, sender=SimulatorAttempt, dispatch_uid="credentials-sim")
    post_save.connect(_signoff_saved, sender=CompetencySignoff, dispatch_uid="credentials-signoff")
    post_save.connect(_booking_saved, sender=SessionBooking, dispatch_uid="credentials-booking")
