"""One delivery attempt of a queued statement, and the backoff before the next."""

from __future__ import annotations

import datetime as dt
import logging

from academy.xapi import client
from academy.xapi.config import Lrs
from academy.xapi.models import Statement, StatementState

logger = logging.getLogger(__name__)

MAX_BACKOFF = dt.timedelta(hours=6)


def backoff(lrs: Lrs, attempts: int) -> dt.timedelta:
    """Wait after the `attempts`-th failure: doubling from XAPI_RETRY_SECONDS, at most 6 h."""
    return min(dt.timedelta(seconds=lrs.retry_seconds * 2 ** max(0, attempts - 1)), MAX_BACKOFF)


def statement_send(*, statement: Statement, lrs: Lrs, now: dt.datetime) -> Statement:
    """Try once; record the attempt. Queued with `next_attempt_at` when it is worth retrying,
    sent, or given up (after XAPI_MAX_ATTEMPTS, or at once when the LRS rejects it)."""
    outcome = client.put_statement(lrs, statement.payload)
    statement.attempts += 1
    statement.last_error = outcome.error[:200]
    if outcome.ok:
        statement.state = StatementState.SENT
        statement.sent_at = now
        statement.next_attempt_at = None
    elif outcome.retry and statement.attempts < lrs.max_attempts:
        statement.next_attempt_at = now + backoff(lrs, statement.attempts)
        logger.warning(
            "xAPI statement %s: attempt %d failed (%s); next try at %s",
            statement.pk,
            statement.attempts,
            outcome.error,
            statement.next_attempt_at.isoformat(),
        )
    else:
        statement.state = StatementState.FAILED
        statement.next_attempt_at = None
        logger.error(
            "xAPI statement %s: given up after %d attempt(s) (%s)",
            statement.pk,
            statement.attempts,
            outcome.error,
        )
    statement.full_clean()
    statement.save()
    return statement
