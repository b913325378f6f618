"""DOPS: requested by the learner, signed only by a trainer of the case's run with a fresh
second factor; the signature records who, when and a SHA-256 of the signed content."""

from __future__ import annotations

import pytest

from academy.accounts.models import User
from academy.logbook.models import Case, Dops
from academy.logbook.signing import dops_content, sha256_of, verify_signer
from tests.web.builders import dops_post
from tests.web.conftest import PASSWORD, client_for, persona_device, totp_code
from tests.web.logbook.helpers import hands_on_run, log_case

pytestmark = pytest.mark.django_db


def requested(lena: User, theo: User) -> Dops:
    run = hands_on_run(theo, lena)
    log_case(client_for(lena), run)
    case = Case.objects.get()
    response = client_for(lena).post(f"/logbook/cases/{case.pk}/dops/", {"trainer": theo.pk})
    assert response.status_code == 302
    return Dops.objects.get(case=case)


def test_the_trainer_of_the_run_signs_a_requested_dops_with_a_fresh_code(
    lena: User, theo: User
) -> None:
    dops = requested(lena, theo)
    queue = client_for(theo).get("/logbook/queue/").content.decode()
    assert f"/logbook/dops/{dops.pk}/" in queue
    response = client_for(theo).post(
        f"/logbook/dops/{dops.pk}/", dops_post(totp_code(persona_device(theo)))
    )
    assert response.status_code == 302
    dops.refresh_from_db()
    assert dops.status == "signed"
    assert dops.signed_by == theo
    assert dops.signed_with == "totp"
    assert dops.ratings["complications"] == "n"
    assert dops.overall == 3
    assert dops.content_hash == sha256_of(dops_content(dops, theo, dops.signed_at))
    case = dops.case
    case.refresh_from_db()
    assert case.is_signed
    assert case.signed_by == theo
    assert len(case.signed_hash) == 64


def test_a_wrong_code_is_refused_and_nothing_is_signed(lena: User, theo: User) -> None:
    dops = requested(lena, theo)
    response = client_for(theo).post(f"/logbook/dops/{dops.pk}/", dops_post("000000"))
    assert response.status_code == 400
    assert "That is not right" in response.content.decode()
    dops.refresh_from_db()
    assert dops.status == "requested"
    assert not dops.case.is_signed


def test_a_code_already_used_cannot_sign_again(lena: User, theo: User) -> None:
    device = persona_device(theo)
    code = totp_code(device)
    assert verify_signer(theo, code) == "totp"
    assert verify_signer(theo, code) is None


def test_a_trainer_of_another_run_cannot_see_or_sign_the_dops(
    lena: User, theo: User, otto: User
) -> None:
    dops = requested(lena, theo)
    response = client_for(otto).post(
        f"/logbook/dops/{dops.pk}/", dops_post(totp_code(persona_device(otto)))
    )
    assert response.status_code == 404
    assert client_for(otto).get(f"/logbook/cases/{dops.case_id}/").status_code == 404
    dops.refresh_from_db()
    assert dops.status == "requested"


def test_the_learner_cannot_sign_their_own_dops(lena: User, theo: User) -> None:
    dops = requested(lena, theo)
    response = client_for(lena).post(f"/logbook/dops/{dops.pk}/", dops_post(PASSWORD))
    assert response.status_code == 200  # the read-only page
    dops.refresh_from_db()
    assert dops.status == "requested"


def test_a_signed_dops_cannot_be_changed(lena: User, theo: User) -> None:
    dops = requested(lena, theo)
    client_for(theo).post(f"/logbook/dops/{dops.pk}/", dops_post(totp_code(persona_device(theo))))
    dops.refresh_from_db()
    before = (dops.content_hash, dops.overall, dops.ratings)
    client_for(theo).post(
        f"/logbook/dops/{dops.pk}/",
        dops_post(totp_code(persona_device(theo), offset_steps=1), **{"dops-overall": "0"}),
    )
    dops.refresh_from_db()
    assert (dops.content_hash, dops.overall, dops.ratings) == before


def test_a_dops_can_be_requested_only_from_a_trainer_of_the_run(
    lena: User, theo: User, otto: User
) -> None:
    run = hands_on_run(theo, lena)
    log_case(client_for(lena), run)
    case = Case.objects.get()
    client_for(lena).post(f"/logbook/cases/{case.pk}/dops/", {"trainer": otto.pk})
    assert not Dops.objects.exists()


def test_without_an_authenticator_signing_takes_the_password(theo: User) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=theo).delete()
    assert verify_signer(theo, "wrong password") is None
    assert verify_signer(theo, PASSWORD) == "password"


def test_a_trainer_of_the_run_countersigns_a_case_without_a_dops(lena: User, theo: User) -> None:
    run = hands_on_run(theo, lena)
    log_case(client_for(lena), run)
    case = Case.objects.get()
    client_for(theo).post(f"/logbook/cases/{case.pk}/sign/", {"sign-secret": "123"})
    case.refresh_from_db()
    assert not case.is_signed
    persona_device(theo).throttle_reset()  # django-otp slows retries after a wrong code
    code = totp_code(persona_device(theo))
    client_for(theo).post(f"/logbook/cases/{case.pk}/sign/", {"sign-secret": code})
    case.refresh_from_db()
    assert case.is_signed
    assert case.signed_by == theo
