"""Sending statements in the background (academy.core.tasks' framework, django-tasks): the
request never waits on the LRS. A failed attempt queues the next one for later (`run_after`)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from academy.xapi import config
from academy.xapi.models import Statement, StatementState
from academy.xapi.sending import statement_send


@task()
def send_statement(*, statement_id: str) -> str:
    statement = Statement.objects.filter(pk=statement_id, state=StatementState.QUEUED).first()
    if statement is None:
        return "nothing to do"
    lrs = config.lrs()
    if lrs is None:  # switched off since: it stays queued (`manage.py xapi_resend` later)
        return "off"
    now = timezone.now()
    if statement.next_attempt_at is not None and statement.next_attempt_at > now:
        return "not yet"  # a second task for the same statement (a resend), ahead of time
    statement = statement_send(statement=statement, lrs=lrs, now=now)
    # a backend that runs tasks at once (TASKS_BACKEND=immediate) cannot wait: the statement
    # stays queued for `manage.py xapi_resend`
    retry = statement.state == StatementState.QUEUED and statement.next_attempt_at is not None
    if retry and send_statement.get_backend().supports_defer:
        send_statement.using(run_after=statement.next_attempt_at).enqueue(statement_id=statement_id)
    return statement.state
