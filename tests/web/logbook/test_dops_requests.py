"""One case, one DOPS: a second request (same trainer, another trainer, or after signing) is
refused with a message, and the database refuses a second open request too."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from academy.accounts.models import Role, User
from academy.logbook.models import Case, Dops
from tests.web.builders import dops_post
from tests.web.conftest import client_for, make_user, persona_device, totp_code
from tests.web.logbook.helpers import hands_on_run, log_case

pytestmark = pytest.mark.django_db


def test_it_refuses_a_second_dops_request_for_one_case(lena: User, theo: User) -> None:
    tess = make_user("tess@example.org", "Dr Tess Trainer", Role.TRAINER, "plastic_surgeon")
    run = hands_on_run(theo, lena)
    run.trainers.add(tess)
    learner = client_for(lena)
    log_case(learner, run)
    case = Case.objects.get()
    url = f"/logbook/cases/{case.pk}/dops/"
    assert learner.post(url, {"trainer": theo.pk}).status_code == 302
    for trainer in (theo, tess):
        response = learner.post(url, {"trainer": trainer.pk}, follow=True)
        assert "already has a DOPS" in response.content.decode()
    assert Dops.objects.filter(case=case).count() == 1
    page = learner.get(f"/logbook/cases/{case.pk}/").content.decode()
    assert "Request a DOPS" not in page


def test_it_refuses_a_new_request_after_the_dops_was_signed(lena: User, theo: User) -> None:
    run = hands_on_run(theo, lena)
    learner = client_for(lena)
    log_case(learner, run)
    case = Case.objects.get()
    learner.post(f"/logbook/cases/{case.pk}/dops/", {"trainer": theo.pk})
    dops = Dops.objects.get()
    client_for(theo).post(f"/logbook/dops/{dops.pk}/", dops_post(totp_code(persona_device(theo))))
    assert Dops.objects.get().status == "signed"
    response = learner.post(f"/logbook/cases/{case.pk}/dops/", {"trainer": theo.pk}, follow=True)
    assert "already has a DOPS" in response.content.decode()
    assert Dops.objects.count() == 1


def test_the_database_holds_one_open_request_per_case(lena: User, theo: User) -> None:
    run = hands_on_run(theo, lena)
    log_case(client_for(lena), run)
    case = Case.objects.get()
    Dops.objects.create(case=case, trainer=theo, status="requested")
    with pytest.raises(IntegrityError), transaction.atomic():
        Dops.objects.create(case=case, trainer=theo, status="requested")
