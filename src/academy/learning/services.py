"""Small writes of the learner's pages: a lesson read, an item flagged (`<entity>_<action>`).
Quiz attempts are `quiz.py`'s, case plays `case_services.py`'s."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from academy.accounts.models import User
from academy.catalog.models import CourseRun
from academy.core import events
from academy.learning import content
from academy.learning.models import Attempt, ItemFlagReport, LessonRead


def lesson_read_record(
    *, learner: User, run: CourseRun, lesson_id: str, module_id: str, now: dt.datetime
) -> LessonRead:
    """Mark the lesson read on the run (once: a second visit keeps the first date)."""
    existing = LessonRead.objects.filter(learner=learner, run=run, lesson_id=lesson_id).first()
    if existing is not None:
        return existing
    read = LessonRead(
        learner=learner, run=run, lesson_id=lesson_id, module_id=module_id, read_at=now
    )
    read.full_clean(validate_constraints=False)  # read once: the database holds the line
    try:
        with transaction.atomic():
            read.save()
    except IntegrityError:  # a double post
        return LessonRead.objects.get(learner=learner, run=run, lesson_id=lesson_id)
    events.emit(
        learner_id=learner.pk,
        verb="experienced",
        object=events.Thing(
            "lesson", lesson_id, content.lesson_for(run.course, lesson_id).title, run.pk
        ),
        at=now,
        key=f"lesson-read:{read.pk}",
    )
    return read


def item_flag_create(
    *, attempt: Attempt, position: int, comment: str, now: dt.datetime
) -> ItemFlagReport:
    """The learner says what is wrong with an item of their attempt (the trainers review it)."""
    flag = ItemFlagReport(
        learner=attempt.learner,
        run=attempt.run,
        item_id=attempt.items[position]["id"],
        comment=comment,
        created_at=now,
    )
    flag.full_clean()
    flag.save()
    return flag
