"""E-mail goes through the task queue: the request enqueues, the worker sends."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from academy.core.tasks import email_enqueue
from tests.web.conftest import run_tasks


@pytest.mark.django_db(transaction=True)
def test_an_enqueued_email_is_sent_only_when_the_worker_runs() -> None:
    email_enqueue(
        to=["lena@example.org"],
        subject="Hi",
        template="core/email/test.txt",
        context={"name": "Lena"},
    )
    assert mail.outbox == []
    run_tasks()
    assert [m.to for m in mail.outbox] == [["lena@example.org"]]
    assert "Hello Lena" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_sends_nothing() -> None:
    def change_that_fails() -> None:
        with transaction.atomic():
            email_enqueue(
                to=["lena@example.org"],
                subject="Hi",
                template="core/email/test.txt",
                context={"name": "Lena"},
            )
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        change_that_fails()
    run_tasks()
    assert mail.outbox == []
