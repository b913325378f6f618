"""Access for every persona: the learner, another learner, the run's trainer, another
academy's trainer, the provider's admin, another academy's admin, anonymous."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from academy.accounts.models import Role, User
from academy.logbook.models import Case
from academy.logbook.workspace import run_sections
from tests.web.catalog import factories
from tests.web.conftest import client_for, make_user
from tests.web.logbook.helpers import hands_on_run, log_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(lena: User, theo: User, ada: User) -> Case:
    run = hands_on_run(theo, lena, admins=[ada])
    log_case(client_for(lena), run)
    return Case.objects.get()


def pages(case: Case) -> list[str]:
    learner = case.learner_id
    return [
        f"/logbook/cases/{case.pk}/",
        f"/logbook/learners/{learner}/",
        f"/logbook/learners/{learner}/logbook.pdf",
        f"/logbook/learners/{learner}/logbook.csv",
    ]


def test_the_learner_the_runs_trainer_and_the_providers_admin_see_the_logbook(
    case: Case, lena: User, theo: User, ada: User
) -> None:
    for user in (lena, theo, ada):
        for url in pages(case):
            assert client_for(user).get(url).status_code == 200, (user, url)


def test_another_learner_another_trainer_and_another_admin_get_404(
    case: Case, nora: User, otto: User
) -> None:
    other_admin = make_user("oscar@example.org", "Oscar Admin", Role.ACADEMY_ADMIN)
    factories.provider(admins=[other_admin])
    for user in (nora, otto, other_admin):
        for url in pages(case):
            assert client_for(user).get(url).status_code == 404, (user, url)


def test_anonymous_visitors_are_sent_to_log_in(case: Case) -> None:
    for url in [*pages(case), "/logbook/", "/logbook/queue/", "/logbook/cases/new/"]:
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_roles_are_kept_apart(case: Case, lena: User, theo: User, ada: User) -> None:
    assert client_for(lena).get("/logbook/queue/").status_code == 403
    assert client_for(theo).get("/logbook/").status_code == 403
    assert client_for(theo).get("/logbook/cases/new/").status_code == 403
    assert client_for(theo).get(f"/logbook/cases/{case.pk}/edit/").status_code == 403
    assert client_for(lena).get(f"/logbook/courses/{case.run.course_id}/rules/").status_code == 403


def test_only_the_courses_admin_edits_its_practice_rules(case: Case, ada: User) -> None:
    other_admin = make_user("oscar@example.org", "Oscar Admin", Role.ACADEMY_ADMIN)
    url = f"/logbook/courses/{case.run.course_id}/rules/"
    assert client_for(ada).get(url).status_code == 200
    assert client_for(other_admin).get(url).status_code == 404


def test_the_workspace_sections_are_for_the_runs_trainers_and_admins_only(
    case: Case, theo: User, ada: User, otto: User, lena: User
) -> None:
    assert run_sections(theo, case.run)["logbook_unsigned"] == [case]
    assert run_sections(ada, case.run)["logbook_learners"][0].learner == lena
    for user in (otto, lena):
        with pytest.raises(PermissionDenied):
            run_sections(user, case.run)


def test_the_workspace_include_renders_for_the_trainer(case: Case, theo: User) -> None:
    from django.template.loader import render_to_string

    html = render_to_string("logbook/_workspace_run.html", {"run": case.run, "user": theo})
    assert f"/logbook/cases/{case.pk}/" in html
    assert "Dr Lena Learner" in html
