"""The CPD credit ledger: credited when a certificate is issued, append-only, corrected by
reversing entries, kept with its snapshots when the course is archived."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from academy.cpd import services
from academy.cpd.models import AppendOnlyError, CreditEntry, EntryKind
from tests.web.builders import evaluated
from tests.web.conftest import client_for

from .helpers import academy_run, credit

pytestmark = pytest.mark.django_db


def test_a_run_in_person_credits_every_hour_as_participatory(lena: User, ada: User) -> None:
    entry = credit(lena, academy_run(ada))
    assert (entry.participatory_hours, entry.self_directed_hours) == (Decimal(7), Decimal(0))
    assert entry.learner_name == "Dr Lena Learner"
    assert entry.keep_until == entry.awarded_on.replace(year=entry.awarded_on.year + 6)


def test_an_online_run_credits_its_taught_hours_as_self_directed(lena: User, ada: User) -> None:
    entry = credit(lena, academy_run(ada, mode="online"))
    assert (entry.participatory_hours, entry.self_directed_hours) == (Decimal(3), Decimal(4))


def test_the_retention_period_is_a_setting(lena: User, ada: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.CPD_RETENTION_YEARS = 10
    entry = credit(lena, academy_run(ada))
    assert entry.keep_until.year == entry.awarded_on.year + 10


def test_the_ledger_refuses_updates_and_deletes(lena: User, ada: User) -> None:
    entry = credit(lena, academy_run(ada))
    entry.participatory_hours = Decimal(70)
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        CreditEntry.objects.filter(pk=entry.pk).update(participatory_hours=0)
    with pytest.raises(AppendOnlyError):
        CreditEntry.objects.filter(pk=entry.pk).delete()
    assert CreditEntry.objects.get(pk=entry.pk).participatory_hours == Decimal(7)


def test_one_certificate_is_credited_once_and_its_renewal_not_again(lena: User, ada: User) -> None:
    run = academy_run(ada)
    credit(lena, run, ref="cert-1")
    again = services.credit_award(
        learner=lena,
        run=run,
        hours=run.total_hours,
        awarded_on=timezone.localdate(),
        evidence_url="",
        source_ref="cert-1",
        now=timezone.now(),
    )
    renewal = services.credit_award(
        learner=lena,
        run=run,
        hours=run.total_hours,
        awarded_on=timezone.localdate(),
        evidence_url="",
        source_ref="cert-2",
        replaces_ref="cert-1",
        now=timezone.now(),
    )
    assert again is None
    assert renewal is None
    assert CreditEntry.objects.count() == 1


def test_a_run_without_hours_credits_nothing(lena: User, ada: User) -> None:
    run = academy_run(ada)
    assert (
        services.credit_award(
            learner=lena,
            run=run,
            hours=None,
            awarded_on=timezone.localdate(),
            evidence_url="",
            source_ref="x",
            now=timezone.now(),
        )
        is None
    )


def test_a_correction_is_a_new_reversing_entry(lena: User, ada: User) -> None:
    entry = credit(lena, academy_run(ada))
    reversal = services.credit_reverse(
        entry=entry, reason="Certificate revoked", now=timezone.now()
    )
    assert reversal.kind == EntryKind.REVERSAL
    assert reversal.participatory_hours == Decimal(-7)
    assert CreditEntry.objects.get(pk=entry.pk).participatory_hours == Decimal(7)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.credit_reverse(entry=entry, reason="again", now=timezone.now())


def test_the_ledger_survives_an_archived_and_renamed_course(lena: User, ada: User) -> None:
    run = academy_run(ada)
    credit(lena, run)
    course = run.course
    course.title, course.archived = "Renamed", True
    course.save()
    run.archived = True
    run.save()
    page = client_for(lena).get(reverse("cpd:portfolio"))
    assert "PDO thread lift (northern)" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_issuing_a_certificate_credits_the_ledger(lena: User, ada: User) -> None:
    from academy.catalog.models import Enrolment
    from academy.credentials.models import CertificatePolicy, CompletionRule, Credential
    from tests.web.conftest import run_tasks

    run = academy_run(ada)
    enrolment = Enrolment.objects.create(run=run, learner=lena, status="enrolled")
    evaluated(enrolment)  # every certificate waits for the learner's evaluation
    rule = CompletionRule.objects.create(
        course=run.course, kind="academy_requirement", label="Attended the final day"
    )
    CertificatePolicy.objects.create(course=run.course, approval_required=False)
    client_for(ada).post(reverse("credentials:mark", args=[enrolment.pk, rule.pk]))
    run_tasks()
    credential = Credential.objects.get(enrolment=enrolment)
    entry = CreditEntry.objects.get(learner=lena)
    assert entry.source_ref == str(credential.pk)
    assert entry.total_hours == Decimal(7)
    assert (
        entry.evidence_url.endswith(f"{credential.pk}") or str(credential.pk) in entry.evidence_url
    )
    assert entry.awarded_on == dt.date.today() or entry.awarded_on == credential.issued_at.date()


@pytest.mark.django_db(transaction=True)
def test_revoking_a_certificate_reverses_its_credit_and_only_once(lena: User, ada: User) -> None:
    from academy.catalog.models import Enrolment
    from academy.credentials.models import (
        CertificatePolicy,
        CompletionRule,
        Credential,
        CredentialAction,
    )
    from academy.credentials.services import set_flag
    from tests.web.conftest import run_tasks

    run = academy_run(ada)
    enrolment = Enrolment.objects.create(run=run, learner=lena, status="enrolled")
    evaluated(enrolment)  # every certificate waits for the learner's evaluation
    rule = CompletionRule.objects.create(
        course=run.course, kind="academy_requirement", label="Attended the final day"
    )
    CertificatePolicy.objects.create(course=run.course, approval_required=False)
    client_for(ada).post(reverse("credentials:mark", args=[enrolment.pk, rule.pk]))
    run_tasks()
    credential = Credential.objects.get(enrolment=enrolment)
    set_flag(credential, CredentialAction.REVOKED, by=ada, reason="Issued in error")
    award, reversal = CreditEntry.objects.filter(learner=lena).order_by("id")
    assert reversal.kind == EntryKind.REVERSAL
    assert reversal.reverses == award
    assert reversal.total_hours == -award.total_hours
    assert reversal.reason == "Certificate revoked: Issued in error"
    assert (
        services.credits_withdraw(source_refs=[str(credential.pk)], reason="x", now=timezone.now())
        == []
    )
