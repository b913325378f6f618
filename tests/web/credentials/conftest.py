"""An academy (Ada admin), a finished run Lena was on, and two completion rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings

from academy.accounts.models import User
from academy.catalog.models import Enrolment, Provider
from academy.credentials.models import CertificatePolicy, CompletionRule
from tests.web.builders import evaluated
from tests.web.catalog import factories


@dataclass
class Setup:
    provider: Provider
    enrolment: Enrolment
    attended: CompletionRule
    finished: CompletionRule
    policy: CertificatePolicy


@pytest.fixture(autouse=True)
def _credential_settings(settings: Settings) -> None:
    from django.core.cache import cache

    cache.clear()
    settings.CREDENTIAL_BASE_URL = "http://testserver"
    settings.CREDENTIAL_KEY_SECRET = "test-credential-key-secret-0123456789"


@pytest.fixture(autouse=True)
def _private_files_in_a_temporary_folder(settings: Settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Uploaded logos and signatures go to this test's own folder, not the project's var/."""
    storages = dict(settings.STORAGES)
    storages["default"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tmp_path / "private"},
    }
    settings.STORAGES = storages


@pytest.fixture
def setup(ada: User, lena: User) -> Setup:
    return make_setup(ada, lena)


def make_setup(ada: User, lena: User) -> Setup:
    provider = factories.provider(admins=[ada], name="Northern Thread Academy", slug="northern")
    course = factories.course(provider, title="PDO thread lift: foundation")
    factories.accreditation(course)
    ended = timezone.localdate() - dt.timedelta(days=2)
    run = factories.run(
        course,
        starts_on=ended,
        ends_on=ended,
        enrolment_opens=timezone.now() - dt.timedelta(days=30),
        enrolment_closes=timezone.now() - dt.timedelta(days=10),
    )
    enrolment = Enrolment.objects.create(run=run, learner=lena, status="enrolled")
    evaluated(enrolment)  # every certificate waits for the learner's evaluation
    attended = CompletionRule.objects.create(
        course=course, kind="academy_requirement", label="Attended the final assessment day"
    )
    finished = CompletionRule.objects.create(
        course=course, kind="run_completed", label="Completed the course run", position=1
    )
    policy = CertificatePolicy.objects.create(course=course, approval_required=False)
    return Setup(provider, enrolment, attended, finished, policy)
