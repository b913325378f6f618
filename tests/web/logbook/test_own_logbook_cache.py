"""A learner's own logbook body is kept in the shared cache (issue 25): whatever changes it
shows on the next view (a case logged, a rule added, a DOPS changed, a case deleted), and a
learner is never shown another learner's logbook."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from academy.accounts.models import User
from academy.logbook.models import Case, CompetencyRule
from tests.web.conftest import client_for
from tests.web.logbook.helpers import hands_on_run, log_case

pytestmark = pytest.mark.django_db


def _page(client: Client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as counted:
        response = client.get("/logbook/")
    assert response.status_code == 200
    return response.content.decode(), len(counted.captured_queries)


def test_the_own_logbook_is_kept_and_every_change_shows_at_once(lena: User, theo: User) -> None:
    run = hands_on_run(theo, lena)
    client = client_for(lena)
    cache.clear()
    text, built = _page(client)
    assert "Cases (0)" in text
    _, kept = _page(client)
    assert kept < built
    log_case(client, run)
    assert "Cases (1)" in _page(client)[0]
    CompetencyRule.objects.create(
        course=run.course, kind="cases", count=3, supervision="supervised"
    )
    assert "0/3" in _page(client)[0]
    Case.objects.filter(learner=lena).delete()
    assert "Cases (0)" in _page(client)[0]


def test_a_learner_is_never_shown_another_learners_logbook(
    lena: User, nora: User, theo: User
) -> None:
    run = hands_on_run(theo, lena, nora)
    log_case(client_for(lena), run)
    assert "Cases (1)" in _page(client_for(lena))[0]
    noras, _ = _page(client_for(nora))
    assert "Cases (0)" in noras
    assert "Dr Lena Learner" not in noras
