"""Background work through Django's task interface (django-tasks; database backend by default).

Requests never send e-mail themselves: they enqueue `send_email`, and the worker process
(`manage.py db_worker`) sends it. With the database backend the task row is written in the same
transaction as the change that caused it, so a rolled-back change sends nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task


@task()
def send_email(*, to: list[str], subject: str, body: str) -> int:
    """Send one plain-text e-mail; returns the number of messages sent (0 or 1)."""
    return send_mail(subject, body, None, to)


def email_enqueue(*, to: list[str], subject: str, template: str, context: dict[str, Any]) -> None:
    """Render a plain-text template now (in the request) and queue the e-mail for the worker."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    body = render_to_string(template, context)
    send_email.enqueue(to=recipients, subject=subject.strip(), body=body)
