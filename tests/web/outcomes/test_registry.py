"""The registry: rates by group with intervals beside the published ones, small groups hidden
on the page and in the export, bounded queries, and only trainers' and admins' own scopes."""

from __future__ import annotations

import pytest
from django.utils import timezone

from academy.accounts.models import Role, User
from academy.outcomes.models import RegistryOptIn
from tests.web.conftest import client_for, make_user
from tests.web.logbook.helpers import hands_on_run
from tests.web.outcomes.builders import seen, treated_case

pytestmark = pytest.mark.django_db


def followed_cases(learner: User, run, n: int, *, infected: int = 0, product: str = "mint") -> None:
    for k in range(n):
        case = treated_case(learner, run, product=product)
        seen(case, complication="infection" if k < infected else None)


def test_a_trainer_sees_rates_with_intervals_and_small_groups_hidden(lena: User, theo: User):
    run = hands_on_run(theo, lena)
    followed_cases(lena, run, 12, infected=3)  # mint: PDO
    followed_cases(lena, run, 3, product="silhouette_instalift")  # a small group
    response = client_for(theo).get("/outcomes/registry/?by=material&complication=infection")
    assert response.status_code == 200
    page = response.content.decode()
    assert "15 cases with a follow-up seen" in page
    assert "hidden (small group)" in page
    assert "Published pooled rates:" in page


def test_the_export_hides_what_the_page_hides(lena: User, theo: User):
    run = hands_on_run(theo, lena)
    followed_cases(lena, run, 12, infected=1)
    followed_cases(lena, run, 3, product="silhouette_instalift")
    body = client_for(theo).get("/outcomes/registry.csv?by=material").content.decode()
    assert "suppressed (<10)" in body
    assert lena.full_name not in body
    rows = body.strip().splitlines()
    assert rows[0].startswith("dimension,group,cases")


def test_a_rate_above_the_published_ones_is_flagged(lena: User, theo: User):
    run = hands_on_run(theo, lena)
    followed_cases(lena, run, 20, infected=12)
    page = client_for(theo).get("/outcomes/registry/?by=indication&complication=infection")
    assert "above published" in page.content.decode()


def test_the_registry_runs_the_same_number_of_queries_whatever_the_case_count(
    lena: User, theo: User, django_assert_max_num_queries
):
    run = hands_on_run(theo, lena)
    followed_cases(lena, run, 4)
    client = client_for(theo)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/outcomes/registry/")
    followed_cases(lena, run, 12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/outcomes/registry/")


def test_learners_and_strangers_are_refused_the_registry(lena: User, theo: User):
    run = hands_on_run(theo, lena)
    followed_cases(lena, run, 12)
    assert client_for(lena).get("/outcomes/registry/").status_code == 403
    assert client_for(lena).get("/outcomes/registry.csv").status_code == 403
    assert client_for(None).get("/outcomes/registry/").status_code == 302


def test_another_academy_sees_none_of_these_cases_until_both_share(lena: User, theo: User, ada):
    run = hands_on_run(theo, lena, admins=[ada])
    followed_cases(lena, run, 12)
    otto = make_user("otto@example.org", "Dr Otto Other", Role.TRAINER)
    hands_on_run(otto)
    page = client_for(otto).get("/outcomes/registry/?scope=all").content.decode()
    assert "0 cases with a follow-up seen" in page
    assert "Shared registry" not in page  # not offered: otto's academy does not share
    client_for(ada).post(
        "/outcomes/registry/sharing/", {"provider": run.course.provider_id, "share": "yes"}
    )
    assert RegistryOptIn.objects.filter(provider=run.course.provider).exists()
    other = otto.teaching_runs.get().course.provider
    RegistryOptIn.objects.create(provider=other, opted_in_at=timezone.now(), opted_in_by=otto)
    page = client_for(otto).get("/outcomes/registry/?scope=all").content.decode()
    assert "12 cases with a follow-up seen" in page


def test_only_an_academys_admin_changes_its_sharing(lena: User, theo: User, ada: User):
    run = hands_on_run(theo, lena, admins=[ada])
    provider = run.course.provider
    stranger = make_user("sam@example.org", "Sam Admin", Role.ACADEMY_ADMIN)
    response = client_for(stranger).post(
        "/outcomes/registry/sharing/", {"provider": provider.pk, "share": "yes"}
    )
    assert response.status_code == 302
    assert not RegistryOptIn.objects.exists()
    assert (
        client_for(theo)
        .post("/outcomes/registry/sharing/", {"provider": provider.pk, "share": "yes"})
        .status_code
        == 403
    )
    client_for(ada).post("/outcomes/registry/sharing/", {"provider": provider.pk, "share": "yes"})
    assert RegistryOptIn.objects.filter(provider=provider).exists()


def test_a_flagged_complication_puts_the_lessons_that_teach_it_on_the_review_list(
    lena: User, theo: User
):
    run = hands_on_run(theo, lena)
    followed_cases(lena, run, 20, infected=12)
    page = client_for(theo).get("/outcomes/registry/").content.decode()
    review = page[page.index("Curriculum review list") :]
    assert "Infection" in review[:2000]
    assert "lesson <code>infection</code>" in review
