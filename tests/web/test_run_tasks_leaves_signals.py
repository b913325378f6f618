"""Running the queued tasks inside a test leaves the test run's own signal handlers in place."""

from __future__ import annotations

import signal

import pytest

from tests.web.conftest import run_tasks


@pytest.mark.django_db(transaction=True)
def test_an_interrupt_after_running_the_tasks_still_reaches_the_test_runner() -> None:
    before = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    run_tasks()
    assert {sig: signal.getsignal(sig) for sig in before} == before
