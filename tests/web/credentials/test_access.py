"""Who may see and do what: only the academy's admins issue and revoke; learners see their own;
the public page shows what the credential says and nothing more."""

from __future__ import annotations

import pytest
from django.urls import reverse

from academy.accounts.models import Role, User
from academy.credentials.models import Credential, CredentialState
from tests.web.catalog import factories
from tests.web.conftest import client_for, make_user, run_tasks

from .conftest import Setup

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def credential(setup: Setup, ada: User) -> Credential:
    client_for(ada).post(reverse("credentials:mark", args=[setup.enrolment.pk, setup.attended.pk]))
    run_tasks()
    return Credential.objects.get(state=CredentialState.ISSUED)


@pytest.fixture
def other_admin(db: None) -> User:
    user = make_user("otto@example.org", "Otto Other", Role.ACADEMY_ADMIN)
    factories.provider(admins=[user], name="Other Academy")
    return user


def admin_urls(setup: Setup, credential: Credential) -> list[tuple[str, str]]:
    e, r = setup.enrolment.pk, setup.attended.pk
    return [
        ("get", reverse("credentials:admin_detail", args=[credential.pk])),
        ("get", reverse("credentials:admin_enrolment", args=[e])),
        ("get", reverse("credentials:rules", args=[setup.enrolment.run.course_id])),
        ("post", reverse("credentials:mark", args=[e, r])),
        ("post", reverse("credentials:issue", args=[e])),
        ("post", reverse("credentials:change", args=[credential.pk, "revoke"])),
        ("post", reverse("credentials:renew", args=[credential.pk])),
        ("post", reverse("credentials:rotate", args=[setup.provider.pk])),
    ]


def test_an_anonymous_visitor_is_sent_to_log_in(setup: Setup, credential: Credential) -> None:
    client = client_for(None)
    for url in [reverse("credentials:wallet"), reverse("credentials:register")]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_a_learner_cannot_use_the_academy_pages(
    setup: Setup, credential: Credential, lena: User
) -> None:
    client = client_for(lena)
    assert client.get(reverse("credentials:register")).status_code == 403
    for method, url in admin_urls(setup, credential):
        response = getattr(client, method)(url, {"revoke-reason": "x", "revoke-confirm": "on"})
        assert response.status_code == 403, url
    credential.refresh_from_db()
    assert not credential.revoked


def test_another_academys_admin_cannot_touch_this_academys_certificates(
    setup: Setup, credential: Credential, other_admin: User
) -> None:
    client = client_for(other_admin)
    for method, url in admin_urls(setup, credential):
        response = getattr(client, method)(url, {"revoke-reason": "x", "revoke-confirm": "on"})
        assert response.status_code == 404, url
    credential.refresh_from_db()
    assert not credential.revoked
    assert setup.provider.signing_keys.count() == 1
    assert credential.pk not in {c.pk for c in other_admin_register(client)}


def other_admin_register(client) -> list:  # type: ignore[no-untyped-def]
    return list(client.get(reverse("credentials:register")).context["credentials"])


def test_a_learner_cannot_see_another_learners_certificate_files_or_checklist(
    setup: Setup, credential: Credential, nora: User
) -> None:
    client = client_for(nora)
    for url in [
        reverse("credentials:pdf", args=[credential.pk]),
        reverse("credentials:badge", args=[credential.pk, "png"]),
        reverse("credentials:checklist", args=[setup.enrolment.pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_the_learner_downloads_private_files_that_are_not_cached(
    credential: Credential, lena: User
) -> None:
    client = client_for(lena)
    pdf = client.get(reverse("credentials:pdf", args=[credential.pk]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Cache-Control"] == "private, no-store"
    png = client.get(reverse("credentials:badge", args=[credential.pk, "png"]))
    assert b"openbadgecredential" in png.content


def test_the_public_page_reveals_no_more_than_the_credential(
    credential: Credential, lena: User
) -> None:
    html = (
        client_for(None).get(reverse("credentials:verify", args=[credential.pk])).content.decode()
    )
    assert lena.full_name in html
    assert lena.email not in html
    assert lena.profile.registration_number not in html
    # The rules met are the credential's criteria: stated, and nothing of the checklist more.
    assert "Attended the final assessment day" in html
    assert "Marked met by the academy" in html
    assert client_for(None).get(reverse("credentials:json", args=[credential.pk])).json() == (
        credential.document
    )


def test_unknown_or_unissued_credentials_are_not_found(setup: Setup, ada: User) -> None:
    client = client_for(None)
    assert client.get("/credentials/not-a-uuid/").status_code == 404
    assert client.get("/credentials/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get("/academies/northern/status/other.json").status_code == 404
    assert client.get("/academies/nobody/did.json").status_code == 404


def test_the_register_and_wallet_run_a_bounded_number_of_queries(
    setup: Setup, credential: Credential, ada: User, lena: User, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    admin, learner = client_for(ada), client_for(lena)
    with django_assert_max_num_queries(20):
        assert admin.get(reverse("credentials:register")).status_code == 200
    with django_assert_max_num_queries(20):
        assert admin.get(reverse("credentials:register") + "?q=lena").status_code == 200
    with django_assert_max_num_queries(20):
        assert learner.get(reverse("credentials:wallet")).status_code == 200
    with django_assert_max_num_queries(20):
        assert admin.get(reverse("credentials:cpd")).status_code == 200


def test_the_register_searches_and_exports_csv(credential: Credential, ada: User) -> None:
    client = client_for(ada)
    assert (
        credential in client.get(reverse("credentials:register") + "?q=Lena").context["credentials"]
    )
    assert not client.get(reverse("credentials:register") + "?q=nobody").context["credentials"]
    csv_text = client.get(reverse("credentials:register") + "?format=csv").content.decode()
    assert "lena@example.org" in csv_text
    assert str(credential.pk) in csv_text
    cpd = client.get(reverse("credentials:cpd")).content.decode()
    assert "8.0" in cpd  # the run's hours: 4 theory and 4 hands-on


def test_the_rules_form_keeps_what_was_typed_on_bad_input(setup: Setup, ada: User) -> None:
    url = reverse("credentials:rules", args=[setup.enrolment.run.course_id])
    response = client_for(ada).post(url, {"rule-kind": "nonsense", "rule-label": "Typed label"})
    assert response.status_code == 400
    assert "Typed label" in response.content.decode()
    response = client_for(ada).post(
        url, {"rule-kind": "attendance", "rule-label": "Kept", "rule-sessions": "many"}
    )
    assert response.status_code == 400
    assert "Enter a whole number" in response.content.decode()
    response = client_for(ada).post(url, {"policy-renewal_months": "99999999999"})
    assert response.status_code == 400
    response = client_for(ada).post(
        url, {"rule-kind": "academy_requirement", "rule-label": "Signed the logbook"}
    )
    assert response.status_code == 302
    assert setup.enrolment.run.course.completion_rules.filter(label="Signed the logbook").exists()


def test_one_link_sends_each_role_to_its_certificate_page(ada: User, lena: User) -> None:
    home = reverse("credentials:home")
    assert client_for(lena).get(home)["Location"] == reverse("credentials:wallet")
    assert client_for(ada).get(home)["Location"] == reverse("credentials:register")
    assert "/accounts/login/" in client_for(None).get(home)["Location"]
