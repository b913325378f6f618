"""An academy's CPD ledger: its admins see it and export it (CSV, PDF, PARS); nobody else."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from academy.accounts.models import Role, User
from academy.cpd.models import CreditEntry, EntryKind
from tests.web.conftest import client_for, make_user

from .helpers import academy_run, credit

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_admin(db: None) -> User:
    return make_user("otto@example.org", "Otto Otheradmin", Role.ACADEMY_ADMIN)


def test_the_academy_page_links_to_the_ledger(ada: User) -> None:
    run = academy_run(ada)
    page = client_for(ada).get(reverse("catalog:provider_home")).content.decode()
    assert reverse("cpd:academy_ledger", args=[run.course.provider_id]) in page


def test_the_admin_sees_and_exports_the_ledger(ada: User, lena: User, nora: User) -> None:
    run = academy_run(ada)
    credit(lena, run, ref="a")
    credit(nora, run, ref="b")
    pid = run.course.provider_id
    client = client_for(ada)
    page = client.get(reverse("cpd:academy_ledger", args=[pid])).content.decode()
    assert "Dr Lena Learner" in page
    assert "Nora Nurse" in page
    csv = client.get(reverse("cpd:academy_ledger_csv", args=[pid])).content.decode()
    assert csv.splitlines()[0].startswith("entry,kind,learner,academy")
    assert len(csv.splitlines()) == 3
    pdf = client.get(reverse("cpd:academy_ledger_pdf", args=[pid]))
    assert pdf.content.startswith(b"%PDF")
    pars = client.get(reverse("cpd:activity_pars", args=[pid, run.pk])).content.decode()
    header, *rows = pars.splitlines()
    assert header.startswith("Activity ID (U),First Name,Last Name")
    assert "CME Credits (U)" in header
    assert len(rows) == 2
    assert "Learner" in pars


@pytest.mark.parametrize("route", ["academy_ledger", "academy_ledger_csv", "academy_ledger_pdf"])
def test_another_academys_admin_and_a_learner_are_refused(
    ada: User, other_admin: User, lena: User, route: str
) -> None:
    run = academy_run(ada)
    academy_run(other_admin, slug="other")
    url = reverse(f"cpd:{route}", args=[run.course.provider_id])
    assert client_for(other_admin).get(url).status_code == 404
    assert client_for(lena).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302


def test_the_pars_file_of_another_academys_run_is_refused(
    ada: User, other_admin: User, lena: User
) -> None:
    run = academy_run(ada)
    credit(lena, run)
    theirs = academy_run(other_admin, slug="other")
    url = reverse("cpd:activity_pars", args=[theirs.course.provider_id, run.pk])
    assert client_for(other_admin).get(url).status_code == 404


def test_a_credit_is_reversed_by_a_new_entry_with_its_reason(ada: User, lena: User) -> None:
    run = academy_run(ada)
    entry = credit(lena, run)
    url = reverse("cpd:entry_reverse", args=[run.course.provider_id, entry.pk])
    assert client_for(ada).post(url, {"reason": ""}).status_code == 302
    assert CreditEntry.objects.count() == 1  # no reason, nothing done
    assert client_for(ada).post(url, {"reason": "Certificate revoked"}).status_code == 302
    reversal = CreditEntry.objects.get(kind=EntryKind.REVERSAL)
    assert reversal.reverses == entry
    assert reversal.reason == "Certificate revoked"


def test_another_academys_admin_cannot_reverse_a_credit(
    ada: User, other_admin: User, lena: User
) -> None:
    run = academy_run(ada)
    entry = credit(lena, run)
    theirs = academy_run(other_admin, slug="other")
    for pid in (run.course.provider_id, theirs.course.provider_id):
        url = reverse("cpd:entry_reverse", args=[pid, entry.pk])
        assert client_for(other_admin).post(url, {"reason": "x"}).status_code == 404
    assert CreditEntry.objects.count() == 1


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as counted:
        assert client.get(url).status_code == 200
    return len(counted.captured_queries)


def test_the_pages_make_no_more_queries_with_more_data(ada: User, lena: User) -> None:
    from django.utils import timezone

    from academy.cpd.models import DevelopmentGoal, ExternalActivity, FeedbackNote, Reflection

    def more(n: int, run) -> None:  # type: ignore[no-untyped-def]
        now = timezone.now()
        for i in range(n):
            entry = credit(lena, run, ref=f"{run.pk}-{i}-{n}")
            ext = ExternalActivity.objects.create(
                learner=lena,
                title=f"E{i}",
                date=now.date(),
                hours=1,
                credit_type="participatory",
                created_at=now,
            )
            fb = FeedbackNote.objects.create(
                learner=lena, source="patient", received_on=now.date(), summary="s", created_at=now
            )
            for link in ({"credit": entry}, {"external": ext}, {"feedback": fb}):
                Reflection.objects.create(
                    learner=lena,
                    written_on=now.date(),
                    nature="n",
                    learned="l",
                    changed="c",
                    code_relation="r",
                    created_at=now,
                    **link,
                )
            DevelopmentGoal.objects.create(
                learner=lena, title=f"G{i}", target_date=now.date(), created_at=now
            )

    run = academy_run(ada)
    learner, admin = client_for(lena), client_for(ada)
    portfolio = reverse("cpd:portfolio")
    ledger = reverse("cpd:academy_ledger", args=[run.course.provider_id])
    more(1, run)
    small = (_queries(learner, portfolio), _queries(admin, ledger))
    more(5, run)
    large = (_queries(learner, portfolio), _queries(admin, ledger))
    assert large[0] <= small[0], "portfolio"
    assert large[1] <= small[1], "academy ledger"
