"""Volunteer models: a public form screened by the assessment engine; the academy sees the
verdict with its reasons, accepts into a free slot (never a not-suitable applicant, never more
models than slots) or declines; the model is e-mailed the cited pre-treatment instructions and,
after treatment, the aftercare sheet."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from academy.practice import volunteers
from academy.practice.models import ApplicationStatus, VolunteerApplication
from academy.practice.services import PracticeError
from tests.web.conftest import client_for, run_tasks
from tests.web.practice.helpers import VOLUNTEER, run_for, session_for
from threadlift.knowledge import load_knowledge

pytestmark = pytest.mark.django_db


def apply(session_id: int, client: Client | None = None, **changes: Any) -> Any:
    data = {**VOLUNTEER, **changes}
    return (client or Client()).post(reverse("practice:volunteer", args=[session_id]), data)


@pytest.mark.django_db(transaction=True)
def test_anyone_can_apply_without_logging_in_and_the_engines_verdict_is_stored() -> None:
    session = session_for(run_for())
    response = apply(session.pk)
    assert response.status_code == 200
    assert "your application is sent" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    application = VolunteerApplication.objects.get()
    assert application.verdict in ("suitable", "caution")
    assert application.consented_at is not None
    assert "supervision" in application.consent_text
    assert application.answers["areas"]["jowl"]["laxity"] == 2
    run_tasks()
    assert [m.to for m in mail.outbox] == [["sam.model@example.org"]]


def test_the_form_requires_explicit_consent_and_keeps_what_was_typed() -> None:
    session = session_for(run_for())
    response = apply(session.pk, consent="", full_name="Typed Name", age="abc")
    html = response.content.decode()
    assert response.status_code == 200
    assert "You can apply only if you agree to this." in html
    assert "Typed Name" in html
    assert not VolunteerApplication.objects.exists()


def test_huge_or_nonsense_numbers_are_bad_input_not_errors() -> None:
    session = session_for(run_for())
    for value in ("1e309", "nan", "9" * 40):
        response = apply(session.pk, bmi=value, expected_months=value)
        assert response.status_code == 200
    assert not VolunteerApplication.objects.exists()


def test_the_form_is_only_for_upcoming_sessions_of_published_runs() -> None:
    hidden = session_for(run_for())
    hidden.run.published = False
    hidden.run.save()
    assert Client().get(reverse("practice:volunteer", args=[hidden.pk])).status_code == 404
    assert Client().get(reverse("practice:volunteer", args=[99999])).status_code == 404


def test_the_form_is_csrf_protected() -> None:
    session = session_for(run_for())
    response = apply(session.pk, client=Client(enforce_csrf_checks=True))
    assert response.status_code == 403
    assert not VolunteerApplication.objects.exists()


def test_the_form_is_rate_limited_per_address() -> None:
    cache.clear()
    session = session_for(run_for(), places=10)
    codes = [apply(session.pk, email=f"m{n}@example.org").status_code for n in range(7)]
    assert codes[:5] == [200] * 5
    assert codes[5:] == [429, 429]
    assert VolunteerApplication.objects.count() == 5


@pytest.mark.parametrize(
    ("conditions", "named"),
    [(["pregnancy"], "Pregnancy"), (["anticoagulant", "bleeding_disorder"], "together")],
)
def test_a_not_suitable_applicant_is_shown_as_such_and_cannot_be_accepted(
    ada: User, conditions: list[str], named: str
) -> None:
    session = session_for(run_for(admins=[ada]))
    apply(session.pk, conditions=conditions, no_conditions="")
    application = VolunteerApplication.objects.get()
    assert application.verdict == "not_suitable"
    page = client_for(ada).get(reverse("practice:application", args=[application.pk]))
    html = page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    assert "Not suitable" in html
    assert named in html
    assert 'class="cite"' in html
    assert "disabled" in html.split("Accept and send")[0].rsplit("<button", 1)[1]
    response = client_for(ada).post(reverse("practice:accept", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    assert application.slot is None


def test_an_unknown_verdict_counts_as_not_suitable(ada: User) -> None:
    session = session_for(run_for(admins=[ada]))
    apply(session.pk)
    application = VolunteerApplication.objects.get()
    VolunteerApplication.objects.filter(pk=application.pk).update(verdict="garbled")
    with pytest.raises(PracticeError):
        volunteers.application_accept(
            application_id=application.pk, by=ada, kb=load_knowledge(), now=timezone.now()
        )


@pytest.mark.django_db(transaction=True)
def test_accepting_assigns_a_slot_and_emails_the_cited_pre_treatment_instructions(
    ada: User,
) -> None:
    session = session_for(run_for(admins=[ada]))
    apply(session.pk)
    application = VolunteerApplication.objects.get()
    run_tasks()
    mail.outbox.clear()
    client_for(ada).post(reverse("practice:accept", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.slot == 1
    run_tasks()
    (message,) = mail.outbox
    assert message.to == ["sam.model@example.org"]
    assert "Avoid NSAIDs and aspirin" in message.body
    assert "Never stop an anticoagulant" in message.body
    assert "herpes" in message.body  # no treatment over an active lesion such as a cold sore
    assert "Source: R58" in message.body
    assert "weak-source" in message.body


def test_no_more_models_are_accepted_than_the_session_has_slots(ada: User) -> None:
    session = session_for(run_for(admins=[ada]), places=1, slots=1)
    apply(session.pk, email="a@example.org")
    apply(session.pk, email="b@example.org")
    first, second = VolunteerApplication.objects.order_by("id")
    kb, now = load_knowledge(), timezone.now()
    volunteers.application_accept(application_id=first.pk, by=ada, kb=kb, now=now)
    with pytest.raises(PracticeError, match="slots are taken"):
        volunteers.application_accept(application_id=second.pk, by=ada, kb=kb, now=now)
    client_for(ada).post(reverse("practice:decline", args=[first.pk]))
    volunteers.application_accept(application_id=second.pk, by=ada, kb=kb, now=now)
    second.refresh_from_db()
    assert second.slot == 1


@pytest.mark.django_db(transaction=True)
def test_the_academy_sends_the_aftercare_sheet_after_treatment(ada: User) -> None:
    session = session_for(run_for(admins=[ada]))
    apply(session.pk)
    application = VolunteerApplication.objects.get()
    client = client_for(ada)
    client.post(reverse("practice:accept", args=[application.pk]))
    run_tasks()
    mail.outbox.clear()
    url = reverse("practice:aftercare", args=[application.pk])
    client.post(url, {"treated_on": session.date.isoformat(), "indication": "jowl"})
    run_tasks()
    (message,) = mail.outbox
    assert "Your aftercare" in message.subject
    assert "Sleep on the back" in message.body
    assert "Contact us at once if" in message.body
    application.refresh_from_db()
    assert application.aftercare_sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_a_bad_aftercare_form_is_refused_without_mail(ada: User) -> None:
    session = session_for(run_for(admins=[ada]))
    apply(session.pk)
    application = VolunteerApplication.objects.get()
    client_for(ada).post(reverse("practice:accept", args=[application.pk]))
    run_tasks()
    mail.outbox.clear()
    url = reverse("practice:aftercare", args=[application.pk])
    client_for(ada).post(url, {"treated_on": "not a date", "indication": "elbow"})
    run_tasks()
    assert mail.outbox == []


def test_the_runs_trainer_reads_applications_but_cannot_decide(ada: User, theo: User) -> None:
    session = session_for(run_for(admins=[ada], trainers=[theo]))
    apply(session.pk)
    application = VolunteerApplication.objects.get()
    page = client_for(theo).get(reverse("practice:application", args=[application.pk]))
    assert page.status_code == 200
    assert "Accept and send" not in page.content.decode()
    assert (
        client_for(theo).post(reverse("practice:accept", args=[application.pk])).status_code == 403
    )
    assert (
        client_for(theo).get(reverse("practice:export", args=[application.pk])).status_code == 403
    )


def test_applications_are_private_to_the_academy(
    ada: User, theo: User, lena: User, client: Client
) -> None:
    from academy.accounts.models import Role
    from tests.web.conftest import make_user

    session = session_for(run_for(admins=[ada], trainers=[theo]))
    apply(session.pk)
    application = VolunteerApplication.objects.get()
    url = reverse("practice:application", args=[application.pk])
    other_admin = make_user("otto@example.org", "Otto Other-Admin", Role.ACADEMY_ADMIN)
    other_trainer = make_user("tess@example.org", "Tess Other-Trainer", Role.TRAINER)
    assert client_for(other_admin).get(url).status_code == 404
    assert client_for(other_trainer).get(url).status_code == 404
    assert client_for(lena).get(url).status_code == 403
    assert client.get(url).status_code == 302
    for name in ("accept", "decline", "erase"):
        action = reverse(f"practice:{name}", args=[application.pk])
        assert client_for(other_admin).post(action).status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
