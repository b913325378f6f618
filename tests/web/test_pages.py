"""Public pages, dashboards, demo data and query budgets."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from academy.accounts.models import PractitionerProfile, TrainerProfile, User
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_home_page_explains_the_platform_and_carries_the_clinical_disclaimer(
    client: Client,
) -> None:
    html = client.get("/").content.decode()
    assert "Thread-lift training that keeps practice safe" in html
    assert "does not replace" in html
    assert "clinical judgement" in html
    assert 'href="#main"' in html
    assert '<main id="main"' in html


def test_the_learner_dashboard_shows_profile_and_verification_state(lena: User) -> None:
    html = client_for(lena).get(reverse("core:dashboard")).content.decode()
    assert "Practitioner profile" in html
    assert "England" in html
    assert "Not yet verified" in html
    assert "coming soon" not in html.lower()


def test_the_verifier_dashboard_counts_registrations_awaiting_verification(
    vera: User, nora: User
) -> None:
    # Moved from the academy admin's dashboard: the platform-wide queue is for verifiers only.
    html = client_for(vera).get(reverse("core:dashboard")).content.decode()
    assert "await verification" in html


def test_the_academy_admin_dashboard_does_not_count_everyone_on_the_platform(
    ada: User, nora: User
) -> None:
    html = client_for(ada).get(reverse("core:dashboard")).content.decode()
    assert "await verification" not in html


def test_loading_the_demo_data_twice_creates_no_duplicates() -> None:
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (
        User.objects.count(),
        PractitionerProfile.objects.count(),
        TrainerProfile.objects.count(),
    )
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts == (
        User.objects.count(),
        PractitionerProfile.objects.count(),
        TrainerProfile.objects.count(),
    )
    assert User.objects.get(email="admin@demo.threadlift.test").has_role("academy_admin")


def test_the_verification_queue_runs_a_bounded_number_of_queries(vera: User) -> None:
    from academy.accounts.models import Role
    from tests.web.conftest import make_user

    client = client_for(vera)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("accounts:practitioners") + "?show=all").status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for i in range(25):
        make_user(f"p{i}@example.org", f"P {i}", Role.LEARNER)
    assert queries() == few
