"""The public certificate page and its JSON are kept in the shared cache for anonymous visitors
(issue 25): a repeat view reads nothing from the database, any change to the credential shows
on the next view, a kept page does not outlive the credential's validity phase, and nothing a
signed-in viewer was shown is kept or served to anyone else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from academy.accounts.models import User
from academy.core import cache as page_cache_core
from academy.credentials.models import Credential, CredentialState
from academy.credentials.page_cache import phase_ends
from tests.web.conftest import client_for, run_tasks

from .conftest import Setup

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def credential(setup: Setup, ada: User) -> Credential:
    client_for(ada).post(reverse("credentials:mark", args=[setup.enrolment.pk, setup.attended.pk]))
    run_tasks()
    return Credential.objects.select_related("provider").get(state=CredentialState.ISSUED)


def _queries(url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as counted:
        response = client_for(None).get(url)
    assert response.status_code == 200
    return len(counted.captured_queries), response.content.decode()


@pytest.mark.parametrize("name", ["credentials:verify", "credentials:json"])
def test_a_repeat_anonymous_view_reads_nothing_from_the_database(
    credential: Credential, name: str
) -> None:
    url = reverse(name, args=[credential.pk])
    first, first_text = _queries(url)
    assert first > 0
    again, again_text = _queries(url)
    assert again == 0
    assert again_text == first_text


def test_the_kept_json_keeps_its_headers(credential: Credential) -> None:
    url = reverse("credentials:json", args=[credential.pk])
    fresh = client_for(None).get(url)
    kept = client_for(None).get(url)
    for header in ("Content-Type", "Cache-Control", "Access-Control-Allow-Origin"):
        assert kept[header] == fresh[header]
    assert kept["Content-Disposition"] == f'attachment; filename="credential-{credential.pk}.json"'
    assert kept.json() == credential.document


@pytest.mark.parametrize(
    ("action", "field", "badge"),
    [("revoke", "revoke-reason", "Revoked"), ("suspend", "status-reason", "Suspended")],
)
def test_a_withdrawal_shows_on_the_next_view_of_a_kept_page(
    credential: Credential, ada: User, action: str, field: str, badge: str
) -> None:
    page = reverse("credentials:verify", args=[credential.pk])
    assert '<span class="badge ok">Valid</span>' in client_for(None).get(page).content.decode()
    assert _queries(page)[0] == 0  # kept
    response = client_for(ada).post(
        reverse("credentials:change", args=[credential.pk, action]),
        {field: "Registration lapsed", "revoke-confirm": "on"},
    )
    assert response.status_code == 302
    text = client_for(None).get(page).content.decode()
    assert f'<span class="badge bad">{badge}</span>' in text
    assert "Registration lapsed" in text


def test_a_changed_document_shows_on_the_next_view_of_the_json(credential: Credential) -> None:
    url = reverse("credentials:json", args=[credential.pk])
    assert client_for(None).get(url).json()["credentialSubject"]["name"] != "Someone Else"
    assert credential.document is not None
    credential.document["credentialSubject"]["name"] = "Someone Else"
    credential.save(update_fields=["document"])
    assert client_for(None).get(url).json()["credentialSubject"]["name"] == "Someone Else"


def test_a_kept_page_lapses_when_the_validity_phase_ends(
    credential: Credential, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = reverse("credentials:verify", args=[credential.pk])
    client_for(None).get(page)
    assert _queries(page)[0] == 0
    # the kept page names its end; past it, the page is built afresh
    real = page_cache_core.time.time
    monkeypatch.setattr(page_cache_core.time, "time", lambda: real() + 10 * 366 * 86400)
    assert _queries(page)[0] > 0


def test_phase_ends_names_the_next_moment_the_verdict_can_change_by_itself() -> None:
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    later, much_later = "2026-02-01T00:00:00Z", "2027-01-01T00:00:00Z"
    assert phase_ends({"validFrom": later, "validUntil": much_later}, now) == (
        dt.datetime(2026, 2, 1, tzinfo=dt.UTC).timestamp()
    )
    assert phase_ends({"validFrom": "2025-01-01T00:00:00Z", "validUntil": much_later}, now) == (
        dt.datetime(2027, 1, 1, tzinfo=dt.UTC).timestamp()
    )
    assert phase_ends({"validFrom": "2025-01-01T00:00:00Z"}, now) is None
    assert phase_ends({"validUntil": "2025-06-01T00:00:00Z"}, now) is None
    assert phase_ends(None, now) is None


def test_a_signed_in_viewer_is_neither_served_nor_stores_the_kept_page(
    credential: Credential, lena: User
) -> None:
    page = reverse("credentials:verify", args=[credential.pk])
    signed_in = client_for(lena)
    mine = signed_in.get(page).content.decode()
    assert "Dr Lena Learner (lena@example.org)" in mine  # her own header
    anonymous = client_for(None).get(page).content.decode()
    assert "lena@example.org" not in anonymous
    assert "Log out" not in anonymous
    # once kept for anonymous visitors, she is still given her own page, freshly rendered
    assert "Dr Lena Learner (lena@example.org)" in signed_in.get(page).content.decode()
