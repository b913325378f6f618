"""The certificate page's verification is kept in the shared cache while nothing it depends on
changes, and a revocation or suspension shows on the very next view: in this process, and when
another process (another app server) made the change through the same database and Redis."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from academy.accounts.models import User
from academy.credentials import signing, verification
from academy.credentials.models import AcademyKey, Credential, CredentialState
from tests.web.conftest import client_for, run_tasks
from threadlift.credentials.status import PURPOSES
from threadlift.credentials.verify import Verdict

from .conftest import Setup

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[3]
REDIS = "redis://127.0.0.1:6379/4"


@pytest.fixture
def credential(setup: Setup, ada: User) -> Credential:
    client_for(ada).post(reverse("credentials:mark", args=[setup.enrolment.pk, setup.attended.pk]))
    run_tasks()
    return Credential.objects.select_related("provider").get(state=CredentialState.ISSUED)


def verdict(credential: Credential) -> Verdict:
    credential.refresh_from_db()
    return verification.check(credential).verdict


def kept_key(credential: Credential) -> str:
    keys = list(AcademyKey.objects.filter(provider=credential.provider))
    lists = {
        signing.status_list_url(credential.provider, p): found
        for p in PURPOSES
        if (found := signing.status_list(credential.provider, p, keys)) is not None
    }
    did_document = signing.did_document(credential.provider, keys)
    assert did_document is not None
    assert credential.document is not None
    return verification.cache_key(credential.document, did_document, lists, timezone.now())


def change(credential: Credential, ada: User, action: str, reason: str) -> None:
    field = "revoke-reason" if action == "revoke" else "status-reason"
    response = client_for(ada).post(
        reverse("credentials:change", args=[credential.pk, action]),
        {field: reason, "revoke-confirm": "on"},
    )
    assert response.status_code == 302


def test_the_outcome_is_kept_in_the_cache_while_nothing_changes(credential: Credential) -> None:
    assert verdict(credential) is Verdict.VALID
    key = kept_key(credential)
    assert cache.get(key) == {"verdict": "valid", "problems": []}
    # what is kept is what the next view answers (nothing is re-verified while it stands)
    cache.set(key, {"verdict": "invalid", "problems": ["kept"]})
    assert verification.check(credential).problems == ["kept"]


def test_a_revocation_shows_in_the_verification_on_the_next_view(
    credential: Credential, ada: User
) -> None:
    page = reverse("credentials:verify", args=[credential.pk])
    assert '<span class="badge ok">Valid</span>' in client_for(None).get(page).content.decode()
    assert verdict(credential) is Verdict.VALID
    change(credential, ada, "revoke", "Registration lapsed")
    assert verdict(credential) is Verdict.REVOKED
    assert '<span class="badge bad">Revoked</span>' in client_for(None).get(page).content.decode()


def test_a_suspension_and_its_lifting_show_on_the_next_view(
    credential: Credential, ada: User
) -> None:
    assert verdict(credential) is Verdict.VALID
    change(credential, ada, "suspend", "Complaint under review")
    assert verdict(credential) is Verdict.SUSPENDED
    change(credential, ada, "unsuspend", "Complaint dismissed")
    assert verdict(credential) is Verdict.VALID


def test_a_changed_document_is_verified_afresh(credential: Credential) -> None:
    assert verdict(credential) is Verdict.VALID
    assert credential.document is not None
    credential.document["credentialSubject"]["name"] = "Someone Else"
    credential.save(update_fields=["document"])
    assert verdict(credential) is Verdict.INVALID


def test_the_kept_outcome_does_not_outlive_the_certificates_dates(setup: Setup, ada: User) -> None:
    setup.policy.renewal_months = 24
    setup.policy.save()
    client_for(ada).post(reverse("credentials:mark", args=[setup.enrolment.pk, setup.attended.pk]))
    run_tasks()
    credential = Credential.objects.get(state=CredentialState.ISSUED)
    now = timezone.now()
    assert verification.check(credential, now=now).verdict is Verdict.VALID
    later = now + dt.timedelta(days=25 * 31)
    assert verification.check(credential, now=later).verdict is Verdict.EXPIRED
    assert verification.check(credential, now=now).verdict is Verdict.VALID


def _test_database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def _redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="another process reaches the test database on PostgreSQL only (CI's make test)",
)
def test_a_revocation_made_by_another_app_server_shows_on_the_next_view(
    credential: Credential, ada: User, settings: Settings
) -> None:
    if not _redis_answers():
        pytest.skip(f"needs Redis at {REDIS}")
    prefix = f"test-verify-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": prefix,
        },
    }
    assert verdict(credential) is Verdict.VALID  # kept in Redis, status lists too
    assert verdict(credential) is Verdict.VALID
    revoke = (
        "from academy.accounts.models import User; "
        "from academy.credentials import services; "
        "from academy.credentials.models import Credential, CredentialAction; "
        f"services.set_flag(Credential.objects.get(pk='{credential.pk}'), "
        f"CredentialAction.REVOKED, by=User.objects.get(pk={ada.pk}), reason='Struck off')"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DEBUG="true",
        DATABASE_URL=_test_database_url(),
        CACHE_URL=REDIS,
        CACHE_KEY_PREFIX=prefix,
        CREDENTIAL_BASE_URL=settings.CREDENTIAL_BASE_URL,
        CREDENTIAL_KEY_SECRET=settings.CREDENTIAL_KEY_SECRET,
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", revoke],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert verdict(credential) is Verdict.REVOKED


def test_the_certificate_page_makes_no_more_queries_with_more_keys(
    credential: Credential, django_assert_max_num_queries: Any
) -> None:
    page = reverse("credentials:verify", args=[credential.pk])
    visitor = client_for(None)
    cache.clear()
    with CaptureQueriesContext(connection) as one_key:
        assert visitor.get(page).status_code == 200
    signing.rotate_key(credential.provider)
    signing.rotate_key(credential.provider)
    cache.clear()
    with django_assert_max_num_queries(len(one_key.captured_queries)):
        text = visitor.get(page).content.decode()
    assert '<span class="badge ok">Valid</span>' in text  # signed with a key now retired
