"""A signed case is read-only: it changes only by a recorded amendment with a reason."""

from __future__ import annotations

import pytest

from academy.accounts.models import User
from academy.logbook.models import Amendment, Case
from academy.logbook.services import CaseLocked, case_countersign, case_save
from tests.web.conftest import client_for
from tests.web.logbook.helpers import case_post, hands_on_run, log_case

pytestmark = pytest.mark.django_db


def signed_case(lena: User, theo: User) -> Case:
    run = hands_on_run(theo, lena)
    log_case(client_for(lena), run)
    case = Case.objects.get()
    case_countersign(case=case, signer=theo)
    case.refresh_from_db()
    return case


def test_an_unsigned_case_is_edited_by_its_learner(lena: User, theo: User) -> None:
    run = hands_on_run(theo, lena)
    log_case(client_for(lena), run)
    case = Case.objects.get()
    data = case_post(run, outcome="Edited outcome.")
    data.update({"products-INITIAL_FORMS": "1", "products-0-id": str(case.products.get().pk)})
    response = client_for(lena).post(f"/logbook/cases/{case.pk}/edit/", data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.outcome == "Edited outcome."
    assert not case.amendments.exists()


def test_a_signed_case_cannot_be_changed_without_a_reason(lena: User, theo: User) -> None:
    case = signed_case(lena, theo)
    page = client_for(lena).get(f"/logbook/cases/{case.pk}/edit/").content.decode()
    assert "Reason for the amendment" in page
    response = client_for(lena).post(
        f"/logbook/cases/{case.pk}/edit/", case_post(case.run, outcome="Changed.")
    )
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.outcome == "Completed without incident."


def test_an_amendment_records_who_when_what_and_why(lena: User, theo: User) -> None:
    case = signed_case(lena, theo)
    response = client_for(lena).post(
        f"/logbook/cases/{case.pk}/edit/",
        case_post(
            case.run, outcome="Small haematoma noted at 2 h.", **{"amend-reason": "Late finding"}
        ),
    )
    assert response.status_code == 302
    amendment = Amendment.objects.get(case=case)
    assert amendment.author == lena
    assert amendment.reason == "Late finding"
    assert amendment.changes["outcome"] == [
        "Completed without incident.",
        "Small haematoma noted at 2 h.",
    ]
    case.refresh_from_db()
    assert case.is_signed
    assert case.outcome.startswith("Small haematoma")
    reasons = list(case.history.values_list("history_change_reason", flat=True))
    assert "Amendment: Late finding" in reasons
    page = client_for(theo).get(f"/logbook/cases/{case.pk}/").content.decode()
    assert "Late finding" in page


def test_the_service_refuses_a_plain_edit_of_a_signed_case(lena: User, theo: User) -> None:
    from academy.logbook.access import runs_for_logging
    from academy.logbook.forms import CaseForm, ProductFormSet

    case = signed_case(lena, theo)
    form = CaseForm(case_post(case.run, outcome="x"), instance=case, runs=runs_for_logging(lena))
    products = ProductFormSet(case_post(case.run), instance=case, prefix="products")
    assert form.is_valid()
    with pytest.raises(CaseLocked):
        case_save(learner=lena, form=form, products=products)


def test_another_learner_cannot_edit_or_amend_the_case(lena: User, nora: User, theo: User) -> None:
    case = signed_case(lena, theo)
    assert client_for(nora).get(f"/logbook/cases/{case.pk}/edit/").status_code == 404
