"""Fuzzing: schemathesis generates requests from the OpenAPI document for every operation,
anonymous and with a write token, with positive data (valid by the document) and negative data
(invalid by it); no response may be a 5xx, an undocumented status or content type, or a body
that breaks the documented schema, and input the document calls invalid must be refused.

Examples per operation are bounded (`MAX_EXAMPLES`) so the run stays well under 90 s; the cases
generated are counted and printed (run with `-s` to see the figure).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from academy.accounts.models import Role, User
from academy.accounts.services import role_assign
from academy.api.tokens import token_create
from academy.catalog.models import Enrolment
from academy.wsgi import application
from tests.web.catalog import factories as f

MAX_EXAMPLES = 10
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
GENERATED: Counter[str] = Counter()


@pytest.fixture(autouse=True)
def _keep_the_test_transaction() -> Iterator[None]:
    """Calling the WSGI application directly sends request_started/finished, whose handler
    closes a connection inside a transaction, the test's own (PostgreSQL); Django's test client
    disconnects it in the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _no_rate_limits(settings: Any) -> None:
    # Fuzzing is not an attack: rate limits would only hide the operations' own answers.
    settings.API_THROTTLE_RATES = {"engines": "100000/min", "anon_write": "100000/min"}


@pytest.fixture
def world(ada: User) -> str:
    """Some real records (ids 1.. exist), and Ada's write token for the signed-in pass; Ada is a
    learner on one run too, so the learner's own records answer with data."""
    provider = f.provider(admins=[ada], allows_unverified=True)
    for _ in range(3):
        run = f.run(f.course(provider))
        f.accreditation(run.course)
    role_assign(user=ada, role=Role.LEARNER)
    Enrolment.objects.create(run=run, learner=ada, status="enrolled")
    return token_create(user=ada, name="fuzz", scope="write").secret


# The coverage phase enumerates every boundary case of every schema (thousands, minutes); the
# fuzzing phase with positive and negative generation, bounded per operation, is kept.
CONFIG = schemathesis.config.SchemathesisConfig.from_str(
    f"""
[phases.coverage]
enabled = false
[generation]
mode = "all"
max-examples = {MAX_EXAMPLES}
"""
)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)


@pytest.fixture(scope="module", autouse=True)
def _report_cases() -> Iterator[None]:
    yield
    total = sum(GENERATED.values())
    print(f"\nschemathesis: {total} cases over {len(GENERATED)} operation × caller pairs")


FUZZ = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


def _call(case: Any, who: str, headers: dict[str, str]) -> None:
    GENERATED[f"{case.operation.label} {who}"] += 1
    case.call_and_validate(headers=headers, checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_no_anonymous_input_breaks_the_api_or_its_schema(case: Any, world: str) -> None:
    _call(case, "anonymous", {})


@schema.parametrize()
@FUZZ
def test_no_signed_in_input_breaks_the_api_or_its_schema(case: Any, world: str) -> None:
    _call(case, "token", {"Authorization": f"Bearer {world}"})
